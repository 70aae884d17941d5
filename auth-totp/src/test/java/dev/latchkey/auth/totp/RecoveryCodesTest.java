package dev.latchkey.auth.totp;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.store.StoredCredential;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static dev.latchkey.auth.totp.TotpFixture.CLIENT;
import static dev.latchkey.auth.totp.TotpFixture.assertCode;
import static dev.latchkey.auth.totp.TotpFixture.challenge;
import static org.assertj.core.api.Assertions.assertThat;

/** Recovery codes: shown once, kept as keyed hashes, each usable once, replaced as a set. */
class RecoveryCodesTest {
    private final TotpFixture fx = new TotpFixture();

    @Test
    void regenerate_givesTenDistinctCodesGroupedForReading() {
        User ann = fx.register("ann@example.com");
        List<String> codes = fx.recovery.regenerate(ann.id(), CLIENT);
        assertThat(codes).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(c -> assertThat(c).matches("[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{2}"));
        assertThat(fx.recovery.remaining(ann.id())).isEqualTo(10);
        assertThat(fx.eventNames()).contains("RECOVERY_CODES_GENERATED");
    }

    @Test
    void theStore_keepsOnlyKeyedHashesOfTheCodes() {
        User ann = fx.register("ann@example.com");
        List<String> codes = fx.recovery.regenerate(ann.id(), CLIENT);
        List<StoredCredential> stored = fx.stores.credentials().findByUser(ann.id(), "recovery_code");
        assertThat(stored).hasSize(10);
        for (StoredCredential c : stored) {
            assertThat(c.secret()).as("tagged with the master key's id").matches("@[A-Za-z0-9_-]{12}:[A-Za-z0-9_-]{43}");
            for (String code : codes) {
                assertThat(c.secret()).doesNotContain(code).doesNotContain(code.replace("-", ""));
            }
        }
    }

    @Test
    void aRecoveryCode_answersTheSecondStep_andEmitsRecoveryCodeUsedWithTheCountLeft() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        List<String> codes = fx.recovery.regenerate(ann.user().id(), CLIENT);
        String challenge = challenge(fx.passwordLogin("ann@example.com"));
        Session session = fx.auth.secondSteps().complete(challenge, "recovery_code", codes.get(3), CLIENT)
                .sessionOrThrow();
        assertThat(fx.auth.tokens().verify(session.accessToken()).amr()).containsExactly("pwd", "otp", "mfa");
        assertThat(fx.recovery.remaining(ann.user().id())).isEqualTo(9);
        AuthEvent used = fx.events.stream().filter(e -> e.type().equals(RecoveryCodeFactor.RECOVERY_CODE_USED))
                .findFirst().orElseThrow();
        assertThat(used.userId()).isEqualTo(ann.user().id());
        assertThat(used.detail()).isEqualTo("9 left");
    }

    @Test
    void aRecoveryCode_worksOnce() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        String code = fx.recovery.regenerate(ann.user().id(), CLIENT).get(0);
        fx.auth.secondSteps().complete(challenge(fx.passwordLogin("ann@example.com")), "recovery_code", code, CLIENT)
                .sessionOrThrow();
        String again = challenge(fx.passwordLogin("ann@example.com"));
        assertCode(() -> fx.auth.secondSteps().complete(again, "recovery_code", code, CLIENT),
                AuthErrorCode.INVALID_CODE);
    }

    @Test
    void aTypedCode_mayDifferInCaseHyphensAndSpaces() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        String code = fx.recovery.regenerate(ann.user().id(), CLIENT).get(0);
        String typed = " " + code.toUpperCase(Locale.ROOT).replace("-", " ") + " ";
        fx.auth.secondSteps().complete(challenge(fx.passwordLogin("ann@example.com")), "recovery_code", typed,
                CLIENT).sessionOrThrow();
    }

    @Test
    void regenerating_voidsTheWholeOldSet() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        List<String> old = fx.recovery.regenerate(ann.user().id(), CLIENT);
        List<String> fresh = fx.recovery.regenerate(ann.user().id(), CLIENT);
        assertThat(fresh).doesNotContainAnyElementsOf(old);
        assertThat(fx.stores.credentials().findByUser(ann.user().id(), "recovery_code")).hasSize(10);
        String challenge = challenge(fx.passwordLogin("ann@example.com"));
        for (String code : old.subList(0, 4)) {
            assertCode(() -> fx.auth.secondSteps().complete(challenge, "recovery_code", code, CLIENT),
                    AuthErrorCode.INVALID_CODE);
        }
        fx.auth.secondSteps().complete(challenge, "recovery_code", fresh.get(0), CLIENT).sessionOrThrow();
    }

    @Test
    void remaining_countsTheUnusedCodes_andIsZeroWithoutAny() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        assertThat(fx.recovery.remaining(ann.user().id())).isZero();
        List<String> codes = fx.recovery.regenerate(ann.user().id(), CLIENT);
        for (int i = 0; i < 3; i++) {
            fx.auth.secondSteps().complete(challenge(fx.passwordLogin("ann@example.com")), "recovery_code",
                    codes.get(i), CLIENT).sessionOrThrow();
        }
        assertThat(fx.recovery.remaining(ann.user().id())).isEqualTo(7);
    }

    @Test
    void whenEveryCodeIsUsed_theStepOffersTotpAlone() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        List<String> codes = fx.recovery.regenerate(ann.user().id(), CLIENT);
        for (String code : codes) {
            fx.auth.secondSteps().complete(challenge(fx.passwordLogin("ann@example.com")), "recovery_code", code,
                    CLIENT).sessionOrThrow();
        }
        LoginResult result = fx.passwordLogin("ann@example.com");
        assertThat(((LoginResult.SecondFactorRequired) result).factors()).containsExactly("totp");
    }

    @Test
    void recoveryCodesAlone_doNotRequireASecondStep() {
        User ann = fx.register("ann@example.com");
        fx.recovery.regenerate(ann.id(), CLIENT);
        assertThat(fx.passwordLogin("ann@example.com")).isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void anotherUsersCode_isWrong() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        User bob = fx.register("bob@example.com");
        fx.recovery.regenerate(ann.user().id(), CLIENT);
        String bobs = fx.recovery.regenerate(bob.id(), CLIENT).get(0);
        String challenge = challenge(fx.passwordLogin("ann@example.com"));
        assertCode(() -> fx.auth.secondSteps().complete(challenge, "recovery_code", bobs, CLIENT),
                AuthErrorCode.INVALID_CODE);
        assertThat(fx.recovery.remaining(bob.id())).isEqualTo(10);
    }

    @Test
    void codesOfTheWrongLength_areWrong_andOtherCharacters_areRefusedAsInput() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        String code = fx.recovery.regenerate(ann.user().id(), CLIENT).get(0);
        String challenge = challenge(fx.passwordLogin("ann@example.com"));
        for (String answer : List.of(code + "x", code.substring(1))) {
            assertCode(() -> fx.auth.secondSteps().complete(challenge, "recovery_code", answer, CLIENT),
                    AuthErrorCode.INVALID_CODE);
        }
        for (String answer : List.of("<script>", "\u0000", "k7q2_m9xd_4r")) {
            assertCode(() -> fx.auth.secondSteps().complete(challenge, "recovery_code", answer, CLIENT),
                    AuthErrorCode.VALIDATION_FAILED);
        }
        fx.auth.secondSteps().complete(challenge, "recovery_code", code, CLIENT).sessionOrThrow();
    }

    @Test
    void remove_deletesTheSet_andRegenerateForAnUnknownUserIsNotFound() {
        User ann = fx.register("ann@example.com");
        fx.recovery.regenerate(ann.id(), CLIENT);
        assertThat(fx.recovery.reset(ann.id())).isTrue();
        assertThat(fx.recovery.remaining(ann.id())).isZero();
        assertThat(fx.recovery.reset(ann.id())).isFalse();
        assertCode(() -> fx.recovery.regenerate("no-such-user", CLIENT), AuthErrorCode.NOT_FOUND);
    }
}
