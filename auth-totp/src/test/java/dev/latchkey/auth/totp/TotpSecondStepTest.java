package dev.latchkey.auth.totp;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.latchkey.auth.totp.TotpFixture.CLIENT;
import static dev.latchkey.auth.totp.TotpFixture.assertCode;
import static dev.latchkey.auth.totp.TotpFixture.challenge;
import static org.assertj.core.api.Assertions.assertThat;

/** A confirmed TOTP as the second step of a login, through AuthService: the window of steps and single use. */
class TotpSecondStepTest {
    private final TotpFixture fx = new TotpFixture();

    @Test
    void enrolConfirmAndLogIn_endToEnd_givesATokenWithAmrPwdOtpMfa() {
        User ann = fx.register("ann@example.com");
        TotpEnrollment enrollment = fx.totp.enroll(ann.id());
        fx.totp.confirm(ann.id(), fx.code(enrollment), CLIENT);
        List<String> recoveryCodes = fx.recovery.regenerate(ann.id(), CLIENT);
        assertThat(recoveryCodes).hasSize(10);
        fx.advance(Duration.ofSeconds(30));

        LoginResult result = fx.passwordLogin("ann@example.com");
        assertThat(result).isInstanceOf(LoginResult.SecondFactorRequired.class);
        assertThat(((LoginResult.SecondFactorRequired) result).factors()).containsExactly("totp", "recovery_code");

        Session session = fx.auth.secondSteps().complete(challenge(result), "totp", fx.code(enrollment), CLIENT)
                .sessionOrThrow();
        VerifiedAccessToken token = fx.auth.tokens().verifyOnline(session.accessToken());
        assertThat(token.userId()).isEqualTo(ann.id());
        assertThat(token.amr()).containsExactly("pwd", "otp", "mfa");
        assertThat(fx.eventNames()).containsSubsequence("TOTP_ENROLLED", "SECOND_FACTOR_REQUIRED", "LOGIN_SUCCEEDED");
    }

    @Test
    void withoutRecoveryCodes_theStepOffersTotpAlone() {
        fx.enrolled("ann@example.com");
        LoginResult result = fx.passwordLogin("ann@example.com");
        assertThat(((LoginResult.SecondFactorRequired) result).factors()).containsExactly("totp");
    }

    @Test
    void aTotpCode_isAcceptedOnce_aReplayInTheSameStepIsInvalidCode() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        String code = fx.code(ann.enrollment());
        fx.auth.secondSteps().complete(challenge(fx.passwordLogin("ann@example.com")), "totp", code, CLIENT)
                .sessionOrThrow();
        String second = challenge(fx.passwordLogin("ann@example.com"));
        assertCode(() -> fx.auth.secondSteps().complete(second, "totp", code, CLIENT), AuthErrorCode.INVALID_CODE);
    }

    @Test
    void aReplay_onAnotherInstanceOverTheSameStores_isInvalidCode() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        AuthService other = fx.service(
                ((dev.latchkey.auth.testkit.memory.InMemoryAuthStores) fx.stores).anotherInstance(),
                TotpFactor.create("Acme"), RecoveryCodeFactor.create());
        String code = fx.code(ann.enrollment());
        fx.auth.secondSteps().complete(challenge(fx.passwordLogin("ann@example.com")), "totp", code, CLIENT)
                .sessionOrThrow();
        String there = challenge(TotpFixture.passwordLogin(other, "ann@example.com"));
        assertCode(() -> other.secondSteps().complete(there, "totp", code, CLIENT), AuthErrorCode.INVALID_CODE);
    }

    @Test
    void theCodeThatConfirmedTheEnrolment_cannotLogIn() {
        User ann = fx.register("ann@example.com");
        TotpEnrollment e = fx.totp.enroll(ann.id());
        String code = fx.code(e);
        fx.totp.confirm(ann.id(), code, CLIENT);
        String challenge = challenge(fx.passwordLogin("ann@example.com"));
        assertCode(() -> fx.auth.secondSteps().complete(challenge, "totp", code, CLIENT), AuthErrorCode.INVALID_CODE);
    }

    @Test
    void theCodesOfTheStepBeforeAndAfter_areAccepted() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        fx.advance(Duration.ofMinutes(5));
        String before = fx.codeStepsAway(ann.enrollment(), -1);
        fx.auth.secondSteps().complete(challenge(fx.passwordLogin("ann@example.com")), "totp", before, CLIENT)
                .sessionOrThrow();
        String after = fx.codeStepsAway(ann.enrollment(), 1);
        fx.auth.secondSteps().complete(challenge(fx.passwordLogin("ann@example.com")), "totp", after, CLIENT)
                .sessionOrThrow();
    }

    @Test
    void codesTwoStepsAway_areInvalidCode() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        fx.advance(Duration.ofMinutes(5));
        String challenge = challenge(fx.passwordLogin("ann@example.com"));
        assertCode(() -> fx.auth.secondSteps().complete(challenge, "totp", fx.codeStepsAway(ann.enrollment(), -2),
                CLIENT), AuthErrorCode.INVALID_CODE);
        assertCode(() -> fx.auth.secondSteps().complete(challenge, "totp", fx.codeStepsAway(ann.enrollment(), 2),
                CLIENT), AuthErrorCode.INVALID_CODE);
    }

    @Test
    void afterALaterStepWasAccepted_anEarlierOneIsRefused() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        String ahead = fx.codeStepsAway(ann.enrollment(), 1);
        fx.auth.secondSteps().complete(challenge(fx.passwordLogin("ann@example.com")), "totp", ahead, CLIENT)
                .sessionOrThrow();
        String challenge = challenge(fx.passwordLogin("ann@example.com"));
        assertCode(() -> fx.auth.secondSteps().complete(challenge, "totp", fx.code(ann.enrollment()), CLIENT),
                AuthErrorCode.INVALID_CODE);
    }

    @Test
    void aNewStep_givesANewCodeThatWorks() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        fx.auth.secondSteps().complete(challenge(fx.passwordLogin("ann@example.com")), "totp",
                fx.code(ann.enrollment()), CLIENT).sessionOrThrow();
        fx.advance(Duration.ofSeconds(30));
        fx.auth.secondSteps().complete(challenge(fx.passwordLogin("ann@example.com")), "totp",
                fx.code(ann.enrollment()), CLIENT).sessionOrThrow();
    }

    @Test
    void wrongLengthAnswers_areWrong_andNonDigitAnswers_areRefusedAsInput_withoutSpendingAttempts() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        String right = fx.code(ann.enrollment());
        String challenge = challenge(fx.passwordLogin("ann@example.com"));
        for (String answer : List.of(right + "0", right.substring(1))) {
            assertCode(() -> fx.auth.secondSteps().complete(challenge, "totp", answer, CLIENT),
                    AuthErrorCode.INVALID_CODE);
        }
        for (int i = 0; i < 5; i++) {
            for (String answer : List.of(right.substring(0, 3) + " " + right.substring(3), "abcdef", "12345678901")) {
                assertCode(() -> fx.auth.secondSteps().complete(challenge, "totp", answer, CLIENT),
                        AuthErrorCode.VALIDATION_FAILED);
            }
        }
        fx.auth.secondSteps().complete(challenge, "totp", right, CLIENT).sessionOrThrow();
    }

    @Test
    void loginByCode_alsoAsksForTheTotpStep() {
        User bob = fx.auth.accounts().register(Registration.newBuilder().phone("+14155550123")
                .password(TotpFixture.PASSWORD).build());
        TotpFixture.Enrolled enrolled = fx.enrol(bob);
        fx.auth.loginCodes().send(Contact.phone("+14155550123"), CLIENT);
        LoginResult result = fx.auth.loginCodes().login(Contact.phone("+14155550123"),
                fx.outbox.lastCode("+14155550123"), CLIENT);
        Session session = fx.auth.secondSteps().complete(challenge(result), "totp", fx.code(enrolled.enrollment()),
                CLIENT).sessionOrThrow();
        assertThat(fx.auth.tokens().verify(session.accessToken()).amr()).contains("sms", "otp", "mfa");
    }

    @Test
    void aCredentialKeepsItsShape_whenTheSettingsChangeLater() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        AuthService reconfigured = fx.service(
                ((dev.latchkey.auth.testkit.memory.InMemoryAuthStores) fx.stores).anotherInstance(),
                TotpFactor.create("Acme", TotpConfig.newBuilder().algorithm(TotpAlgorithm.SHA512).digits(8).build()),
                RecoveryCodeFactor.create());
        String challenge = challenge(TotpFixture.passwordLogin(reconfigured, "ann@example.com"));
        reconfigured.secondSteps().complete(challenge, "totp", fx.code(ann.enrollment()), CLIENT).sessionOrThrow();
    }
}
