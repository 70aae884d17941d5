package dev.latchkey.auth.flows;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.store.StoredChallenge;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.latchkey.auth.flows.MemoryFixture.CLIENT;
import static dev.latchkey.auth.flows.MemoryFixture.PASSWORD;
import static dev.latchkey.auth.flows.MemoryFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-step login and the factor SPI, with a test-only factor ({@link PinFactor}) from outside auth-core: without a
 * second factor every primary login answers as before; with one, every primary login asks for the second step, whose
 * challenge is single use, bound to its user and five minutes long.
 */
class MultiStepLoginTest {
    private final PinFactor pin = new PinFactor();
    private final List<AuthEvent> events = new ArrayList<>();
    private final MemoryFixture fx = new MemoryFixture(
            b -> b.codes(CodeConfig.newBuilder().loginCreatesAccounts(true).build()),
            b -> b.factor(pin).eventListener(events::add));
    private final AuthService auth = fx.auth;

    @Test
    void withoutASecondFactor_loginIsAuthenticatedWithPwdAndAuthTime() {
        fx.registerEmail("ann@example.com");
        LoginResult result = auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT);
        assertThat(result).isInstanceOf(LoginResult.Authenticated.class);
        VerifiedAccessToken token = auth.tokens().verify(result.sessionOrThrow().accessToken());
        assertThat(token.amr()).containsExactly("pwd");
        assertThat(token.authTime()).isEqualTo(fx.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void withAFactorFromAnotherModule_passwordLoginAsksForTheSecondStep() {
        User ann = fx.registerEmail("ann@example.com");
        pin.enrol(ann.id(), "4242");
        LoginResult result = auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT);
        assertThat(result).isInstanceOf(LoginResult.SecondFactorRequired.class);
        LoginResult.SecondFactorRequired step = (LoginResult.SecondFactorRequired) result;
        assertThat(step.factors()).containsExactly("pin");
        assertThat(step.expiresAt()).isEqualTo(fx.clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(step.toString()).doesNotContain(step.challenge());
        assertThat(events).extracting(e -> e.type().name()).contains("PIN_ENROLLED", "SECOND_FACTOR_REQUIRED");
    }

    @Test
    void theRightAnswer_givesASessionWhoseTokenListsBothFactorsAndMfa() {
        User ann = fx.registerEmail("ann@example.com");
        pin.enrol(ann.id(), "4242");
        String challenge = challenge(auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT));
        Session session = auth.secondSteps().complete(challenge, "pin", "4242", CLIENT).sessionOrThrow();
        assertThat(auth.tokens().verifyOnline(session.accessToken()).amr()).containsExactly("pwd", "pin", "mfa");
        Session refreshed = auth.sessions().refresh(session.refreshToken(), CLIENT);
        assertThat(auth.tokens().verify(refreshed.accessToken()).amr()).containsExactly("pwd", "pin", "mfa");
    }

    @Test
    void theChallenge_isSingleUse() {
        User ann = fx.registerEmail("ann@example.com");
        pin.enrol(ann.id(), "4242");
        String challenge = challenge(auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT));
        auth.secondSteps().complete(challenge, "pin", "4242", CLIENT);
        assertCode(() -> auth.secondSteps().complete(challenge, "pin", "4242", CLIENT), AuthErrorCode.INVALID_TOKEN);
    }

    @Test
    void theChallenge_isStoredOnlyAsItsHash_andBoundToItsUserAndFactor() {
        User ann = fx.registerEmail("ann@example.com");
        pin.enrol(ann.id(), "4242");
        String challenge = challenge(auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT));
        assertThat(fx.stores.challenges().find(challenge)).isEmpty();
        StoredChallenge stored = fx.stores.challenges().find(dev.latchkey.auth.internal.Secrets.sha256(challenge))
                .orElseThrow();
        assertThat(stored.userId()).isEqualTo(ann.id());
        assertThat(stored.data()).startsWith("password ");
    }

    @Test
    void aWrongAnswer_isInvalidCode_andFiveSpendTheChallenge() {
        User ann = fx.registerEmail("ann@example.com");
        pin.enrol(ann.id(), "4242");
        String challenge = challenge(auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT));
        for (int i = 0; i < 5; i++) {
            assertCode(() -> auth.secondSteps().complete(challenge, "pin", "0000", CLIENT), AuthErrorCode.INVALID_CODE);
        }
        assertCode(() -> auth.secondSteps().complete(challenge, "pin", "4242", CLIENT),
                AuthErrorCode.TOO_MANY_ATTEMPTS);
    }

    @Test
    void aStolenPassword_getsNoMoreThanTenSecondStepGuessesAnHour_acrossChallenges() {
        User ann = fx.registerEmail("ann@example.com");
        pin.enrol(ann.id(), "4242");
        for (int login = 0; login < 2; login++) {
            String challenge = challenge(auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT));
            for (int i = 0; i < 5; i++) {
                assertCode(() -> auth.secondSteps().complete(challenge, "pin", "0000", CLIENT),
                        AuthErrorCode.INVALID_CODE);
            }
        }
        String fresh = challenge(auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT));
        assertCode(() -> auth.secondSteps().complete(fresh, "pin", "4242", CLIENT), AuthErrorCode.TOO_MANY_ATTEMPTS);

        fx.clock.advance(Duration.ofMinutes(76));
        String later = challenge(auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT));
        assertThat(auth.secondSteps().complete(later, "pin", "4242", CLIENT))
                .isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void theChallenge_expiresAfterFiveMinutes() {
        User ann = fx.registerEmail("ann@example.com");
        pin.enrol(ann.id(), "4242");
        String challenge = challenge(auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT));
        fx.clock.advance(Duration.ofMinutes(5));
        assertCode(() -> auth.secondSteps().complete(challenge, "pin", "4242", CLIENT), AuthErrorCode.INVALID_TOKEN);
    }

    @Test
    void anOptionTheUserDoesNotHave_isAValidationErrorNamingTheFactor() {
        User ann = fx.registerEmail("ann@example.com");
        pin.enrol(ann.id(), "4242");
        String challenge = challenge(auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT));
        assertCode(() -> auth.secondSteps().complete(challenge, "totp", "123456", CLIENT),
                AuthErrorCode.VALIDATION_FAILED);
        assertCode(() -> auth.secondSteps().complete(challenge, "PIN!", "4242", CLIENT),
                AuthErrorCode.VALIDATION_FAILED);
        assertCode(() -> auth.secondSteps().complete("not-a-challenge", "pin", "4242", CLIENT),
                AuthErrorCode.INVALID_TOKEN);
    }

    @Test
    void loginByCode_alsoAsksForTheSecondStep() {
        Session first = auth.loginCodes().login(Contact.phone("+14155550123"), sendAndRead("+14155550123"), CLIENT)
                .sessionOrThrow();
        pin.enrol(first.user().id(), "4242");
        fx.clock.advance(Duration.ofMinutes(1));
        LoginResult again = auth.loginCodes().login(Contact.phone("+14155550123"), sendAndRead("+14155550123"),
                CLIENT);
        Session session = auth.secondSteps().complete(challenge(again), "pin", "4242", CLIENT).sessionOrThrow();
        assertThat(auth.tokens().verify(session.accessToken()).amr()).containsExactly("otp", "sms", "pin", "mfa");
    }

    @Test
    void registrationCompletion_isAPrimaryLoginToo() {
        auth.registrations().start(Registration.newBuilder().email("bob@example.com").password(PASSWORD).build(),
                CLIENT);
        LoginResult result = auth.registrations().complete(Contact.email("bob@example.com"),
                fx.latestCode("bob@example.com"), CLIENT);
        assertThat(auth.tokens().verify(result.sessionOrThrow().accessToken()).amr()).containsExactly("otp");
    }

    @Test
    void aSecondInstance_acceptsTheAnswerToAChallengeTheFirstIssued() {
        User ann = fx.registerEmail("ann@example.com");
        pin.enrol(ann.id(), "4242");
        String challenge = challenge(auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT));
        AuthService other = fx.secondInstance();
        assertThat(other.secondSteps().complete(challenge, "pin", "4242", CLIENT))
                .isInstanceOf(LoginResult.Authenticated.class);
    }

    private String sendAndRead(String phone) {
        auth.loginCodes().send(Contact.phone(phone), CLIENT);
        return fx.latestCode(phone);
    }

    private static String challenge(LoginResult result) {
        assertThat(result).isInstanceOf(LoginResult.SecondFactorRequired.class);
        return ((LoginResult.SecondFactorRequired) result).challenge();
    }
}
