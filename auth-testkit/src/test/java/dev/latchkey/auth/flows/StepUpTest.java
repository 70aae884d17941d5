package dev.latchkey.auth.flows;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.OtpPurpose;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.factor.SecondFactorConfig;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import static dev.latchkey.auth.flows.MemoryFixture.CLIENT;
import static dev.latchkey.auth.flows.MemoryFixture.PASSWORD;
import static dev.latchkey.auth.flows.MemoryFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Step-up (RFC 9470): sensitive operations need a recent {@code auth_time}; re-authenticating by password or by a
 * factor moves it to now on the same session and replaces the session's refresh token.
 */
class StepUpTest {
    private static final String EMAIL = "ann@example.com";

    private final PinFactor pin = new PinFactor();
    private final MemoryFixture fx = new MemoryFixture(
            b -> b.codes(CodeConfig.newBuilder().allowLoginCodesByEmail().loginCreatesAccounts(true).build()),
            b -> b.factor(pin));
    private final AuthService auth = fx.auth;

    private VerifiedAccessToken signedIn() {
        fx.registerEmail(EMAIL);
        return auth.tokens().verify(fx.loginEmail(EMAIL).accessToken());
    }

    private static void assertStale(ThrowableAssert.ThrowingCallable call, Duration maxAge) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.code()).isEqualTo(AuthErrorCode.INSUFFICIENT_USER_AUTHENTICATION);
            assertThat(e.code().httpStatus()).isEqualTo(401);
            assertThat(e.maxAge()).hasValue(maxAge);
        });
    }

    @Test
    void tenMinutesAfterLogin_sensitiveOperationsAreRefused_withTheMaxAge() {
        VerifiedAccessToken caller = signedIn();
        fx.clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        Duration tenMinutes = Duration.ofMinutes(10);
        assertStale(() -> auth.passwords().change(caller, PASSWORD, "another long passphrase"), tenMinutes);
        assertStale(() -> auth.contacts().startChange(caller, Contact.phone("+14155550199"), CLIENT), tenMinutes);
        assertStale(() -> auth.accounts().deleteOwn(caller, PASSWORD), tenMinutes);
        assertStale(() -> auth.accounts().deleteOwnWithCode(caller, Contact.email(EMAIL), "123456"), tenMinutes);
        assertStale(() -> auth.stepUp().requireRecent(caller), tenMinutes);
        assertThat(auth.accounts().get(caller.userId())).isNotNull();
    }

    @Test
    void withinTheMaxAge_aSensitiveOperationPasses() {
        VerifiedAccessToken caller = signedIn();
        fx.clock.advance(Duration.ofMinutes(9));
        auth.passwords().change(caller, PASSWORD, "another long passphrase");
    }

    @Test
    void anOversizedCurrentPassword_isMalformedInput_asAtLogin() {
        VerifiedAccessToken caller = signedIn();
        String huge = "p".repeat(5000);
        for (ThrowableAssert.ThrowingCallable call : java.util.List.<ThrowableAssert.ThrowingCallable>of(
                () -> auth.passwords().change(caller, huge, "another long passphrase"),
                () -> auth.stepUp().reauthenticate(caller, huge, CLIENT),
                () -> auth.passwords().login(Contact.email(EMAIL), huge, CLIENT))) {
            assertThatThrownBy(call).isInstanceOfSatisfying(AuthException.class, e -> {
                assertThat(e.code()).isEqualTo(AuthErrorCode.VALIDATION_FAILED);
                assertThat(e.field()).hasValue("password");
            });
        }
    }

    @Test
    void theMaxAgeIsASetting() {
        MemoryFixture shorter = new MemoryFixture(b -> b.secondFactors(SecondFactorConfig.newBuilder()
                .reauthenticationMaxAge(Duration.ofMinutes(2)).build()), b -> b);
        shorter.registerEmail(EMAIL);
        VerifiedAccessToken caller = shorter.auth.tokens().verify(shorter.loginEmail(EMAIL).accessToken());
        shorter.clock.advance(Duration.ofMinutes(3));
        assertStale(() -> shorter.auth.passwords().change(caller, PASSWORD, "another long passphrase"),
                Duration.ofMinutes(2));
        assertThat(shorter.auth.stepUp().maxAge()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void reauthenticatingByPassword_freshensAuthTimeOnTheSameSession_andReplacesItsRefreshToken() {
        fx.registerEmail(EMAIL);
        Session login = fx.loginEmail(EMAIL);
        VerifiedAccessToken caller = auth.tokens().verify(login.accessToken());
        fx.clock.advance(Duration.ofMinutes(30));

        Session fresh = auth.stepUp().reauthenticate(caller, PASSWORD, CLIENT);
        VerifiedAccessToken stepped = auth.tokens().verify(fresh.accessToken());

        assertThat(fresh.sessionId()).isEqualTo(login.sessionId());
        assertThat(stepped.sessionId()).isEqualTo(login.sessionId());
        assertThat(stepped.authTime()).isEqualTo(fx.clock.instant().truncatedTo(ChronoUnit.SECONDS));
        assertThat(stepped.amr()).containsExactly("pwd");
        auth.passwords().change(stepped, PASSWORD, "another long passphrase");
        assertCode(() -> auth.sessions().refresh(login.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
    }

    @Test
    void theReauthenticatedSessionRefreshes_withItsNewAuthTime() {
        fx.registerEmail(EMAIL);
        VerifiedAccessToken caller = auth.tokens().verify(fx.loginEmail(EMAIL).accessToken());
        fx.clock.advance(Duration.ofMinutes(30));
        Session fresh = auth.stepUp().reauthenticate(caller, PASSWORD, CLIENT);
        fx.clock.advance(Duration.ofMinutes(1));

        VerifiedAccessToken refreshed = auth.tokens().verify(auth.sessions().refresh(fresh.refreshToken(), CLIENT)
                .accessToken());
        assertThat(refreshed.authTime()).isEqualTo(fx.clock.instant().minus(Duration.ofMinutes(1))
                .truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void aWrongPassword_isInvalidCredentials_andALoggedOutSession_cannotBeReauthenticated() {
        fx.registerEmail(EMAIL);
        Session login = fx.loginEmail(EMAIL);
        VerifiedAccessToken caller = auth.tokens().verify(login.accessToken());
        assertCode(() -> auth.stepUp().reauthenticate(caller, "not the password", CLIENT),
                AuthErrorCode.INVALID_CREDENTIALS);

        auth.sessions().logout(login.refreshToken(), CLIENT);
        assertCode(() -> auth.stepUp().reauthenticate(caller, PASSWORD, CLIENT), AuthErrorCode.INVALID_TOKEN);
    }

    @Test
    void reauthenticatingWithASecondFactor_addsItToAmr() {
        User ann = fx.registerEmail(EMAIL);
        pin.enrol(ann.id(), "4242");
        var step = (dev.latchkey.auth.LoginResult.SecondFactorRequired) auth.passwords()
                .login(Contact.email(EMAIL), PASSWORD, CLIENT);
        VerifiedAccessToken caller = auth.tokens().verify(auth.secondSteps()
                .complete(step.challenge(), "pin", "4242", CLIENT).sessionOrThrow().accessToken());
        fx.clock.advance(Duration.ofHours(1));

        assertCode(() -> auth.stepUp().reauthenticate(caller, "pin", "0000", CLIENT), AuthErrorCode.INVALID_CODE);
        VerifiedAccessToken stepped = auth.tokens().verify(auth.stepUp().reauthenticate(caller, "pin", "4242", CLIENT)
                .accessToken());
        assertThat(stepped.amr()).containsExactly("pwd", "pin", "mfa");
        assertThat(stepped.authenticatedWithin(Duration.ofSeconds(1), fx.clock)).isTrue();
    }

    @Test
    void wrongReauthenticationAnswersThroughOneSession_spendItsOwnBudget_notTheOwnersLogins() {
        User ann = fx.registerEmail(EMAIL);
        pin.enrol(ann.id(), "4242");
        var step = (dev.latchkey.auth.LoginResult.SecondFactorRequired) auth.passwords()
                .login(Contact.email(EMAIL), PASSWORD, CLIENT);
        VerifiedAccessToken stolen = auth.tokens().verify(auth.secondSteps()
                .complete(step.challenge(), "pin", "4242", CLIENT).sessionOrThrow().accessToken());
        for (int i = 0; i < 10; i++) {
            assertCode(() -> auth.stepUp().reauthenticate(stolen, "pin", "0000", CLIENT), AuthErrorCode.INVALID_CODE);
        }
        assertCode(() -> auth.stepUp().reauthenticate(stolen, "pin", "4242", CLIENT), AuthErrorCode.TOO_MANY_ATTEMPTS);

        var owners = (dev.latchkey.auth.LoginResult.SecondFactorRequired) auth.passwords()
                .login(Contact.email(EMAIL), PASSWORD, CLIENT);
        auth.secondSteps().complete(owners.challenge(), "pin", "4242", CLIENT).sessionOrThrow();
    }

    @Test
    void anAccountWithoutAPassword_reauthenticatesByACodeBoundToItsSession() {
        auth.loginCodes().send(Contact.email(EMAIL), CLIENT);
        Session first = auth.loginCodes().login(Contact.email(EMAIL), fx.latestCode(EMAIL), CLIENT).sessionOrThrow();
        fx.clock.advance(Duration.ofMinutes(1));
        auth.loginCodes().send(Contact.email(EMAIL), CLIENT);
        Session second = auth.loginCodes().login(Contact.email(EMAIL), fx.latestCode(EMAIL), CLIENT).sessionOrThrow();
        VerifiedAccessToken one = auth.tokens().verify(first.accessToken());
        VerifiedAccessToken two = auth.tokens().verify(second.accessToken());
        fx.clock.advance(Duration.ofHours(1));

        auth.stepUp().prepare(one, "email", CLIENT);
        String code = fx.outbox.lastCode(EMAIL, OtpPurpose.SECOND_FACTOR);
        assertCode(() -> auth.stepUp().reauthenticate(two, "email", code, CLIENT), AuthErrorCode.INVALID_CODE);
        VerifiedAccessToken stepped = auth.tokens().verify(auth.stepUp().reauthenticate(one, "email", code, CLIENT)
                .accessToken());
        assertThat(stepped.sessionId()).isEqualTo(first.sessionId());
        assertCode(() -> auth.stepUp().reauthenticate(one, "sms", "123456", CLIENT), AuthErrorCode.VALIDATION_FAILED);
    }
}
