package dev.latchkey.auth.totp;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.OtpPurpose;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.factor.EnrolledFactor;
import dev.latchkey.auth.factor.SecondFactorPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.latchkey.auth.totp.TotpFixture.CLIENT;
import static dev.latchkey.auth.totp.TotpFixture.assertCode;
import static dev.latchkey.auth.totp.TotpFixture.challenge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TOTP and recovery codes under the second-factor policy and step-up: enrolment while a login waits for it, the last
 * factor kept, sensitive factor operations only after recent authentication, re-authentication by TOTP, listing, the
 * recovery-code notice and an administrator's reset.
 */
class PolicyAndStepUpTest {
    private static final String EMAIL = "ann@example.com";

    /** Logs in with password and TOTP; the clock then moves to the next step. */
    private static VerifiedAccessToken signedIn(TotpFixture fx, TotpFixture.Enrolled ann) {
        String code = fx.code(ann.enrollment());
        VerifiedAccessToken token = fx.auth.tokens().verify(fx.auth.secondSteps().complete(
                challenge(fx.passwordLogin(EMAIL)), "totp", code, CLIENT).sessionOrThrow().accessToken());
        fx.advance(Duration.ofSeconds(30));
        return token;
    }

    @Test
    void underARequiredPolicy_aLoginEnrolsTotp_thenEndsWithBothFactorsInAmr() {
        TotpFixture fx = new TotpFixture(SecondFactorPolicy.required());
        User ann = fx.register(EMAIL);
        LoginResult.EnrollmentRequired waiting = (LoginResult.EnrollmentRequired) fx.passwordLogin(EMAIL);
        assertThat(waiting.factors()).containsExactly("totp");

        String userId = fx.auth.secondSteps().enrollingUser(waiting.challenge());
        TotpEnrollment enrollment = fx.totp.enroll(userId);
        assertThat(fx.totp.confirmEnrollment(waiting.challenge(), fx.code(enrollment), CLIENT)).isEqualTo(userId);
        List<String> codes = fx.recovery.regenerate(userId, CLIENT);
        VerifiedAccessToken token = fx.auth.tokens().verify(fx.auth.secondSteps()
                .completeEnrollment(waiting.challenge(), CLIENT).sessionOrThrow().accessToken());

        assertThat(userId).isEqualTo(ann.id());
        assertThat(codes).hasSize(10);
        assertThat(token.amr()).containsExactly("pwd", "otp", "mfa");
        assertThat(fx.passwordLogin(EMAIL)).isInstanceOf(LoginResult.SecondFactorRequired.class);
    }

    @Test
    void underARequiredPolicy_aHeldChallengeDoesNotEndWithTheOwnersTotp() {
        TotpFixture fx = new TotpFixture(SecondFactorPolicy.required());
        User ann = fx.register(EMAIL);
        String held = ((LoginResult.EnrollmentRequired) fx.passwordLogin(EMAIL)).challenge();
        // The owner enrols by another way (signed in, or through a login of their own).
        TotpEnrollment owners = fx.totp.enroll(ann.id());
        fx.totp.confirm(ann.id(), fx.code(owners), CLIENT);

        assertThatThrownBy(() -> fx.auth.secondSteps().completeEnrollment(held, CLIENT))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.reason()).hasValue("nothing_enrolled"));
    }

    @Test
    void confirmingAnEnrolment_allowsTenWrongCodesAnHour_andWaitsTenMinutes() {
        TotpFixture fx = new TotpFixture();
        User ann = fx.register(EMAIL);
        TotpEnrollment enrollment = fx.totp.enroll(ann.id());
        String wrong = fx.wrongCode(enrollment);
        for (int i = 0; i < 10; i++) {
            assertCode(() -> fx.totp.confirm(ann.id(), wrong, CLIENT), AuthErrorCode.INVALID_CODE);
        }
        assertCode(() -> fx.totp.confirm(ann.id(), fx.code(enrollment), CLIENT), AuthErrorCode.TOO_MANY_ATTEMPTS);

        fx.advance(Duration.ofMinutes(80));
        assertCode(() -> fx.totp.confirm(ann.id(), fx.code(enrollment), CLIENT), AuthErrorCode.NOT_FOUND);
        TotpEnrollment again = fx.totp.enroll(ann.id());
        fx.totp.confirm(ann.id(), fx.code(again), CLIENT);
        assertThat(fx.totp.isActive(ann.id())).isTrue();
    }

    @Test
    void anAccountWithTotp_doesNotReauthenticateByPasswordOrByACodeToAContact() {
        TotpFixture fx = new TotpFixture();
        TotpFixture.Enrolled ann = fx.enrolled(EMAIL);
        fx.auth.contacts().sendVerificationCode(ann.user().id(), Contact.Kind.EMAIL, CLIENT);
        fx.auth.contacts().verify(ann.user().id(), Contact.Kind.EMAIL, fx.outbox.lastCode(EMAIL));
        VerifiedAccessToken caller = signedIn(fx, ann);

        for (Runnable weak : List.<Runnable>of(() -> fx.auth.stepUp().reauthenticate(caller, TotpFixture.PASSWORD,
                CLIENT), () -> fx.auth.stepUp().prepare(caller, "email", CLIENT))) {
            assertThatThrownBy(weak::run).isInstanceOfSatisfying(AuthException.class, e -> {
                assertThat(e.code()).isEqualTo(AuthErrorCode.VALIDATION_FAILED);
                assertThat(e.field()).hasValue("factor");
            });
        }
    }

    @Test
    void underARequiredPolicy_theLastTotpCannotBeRemoved_underOptionalItCan() {
        TotpFixture required = new TotpFixture(SecondFactorPolicy.required());
        TotpFixture.Enrolled ann = required.enrolled(EMAIL);
        assertThatThrownBy(() -> required.totp.remove(ann.user().id(), CLIENT))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(AuthErrorCode.FORBIDDEN);
                    assertThat(e.reason()).hasValue("second_factor_required");
                });
        assertThat(required.totp.isActive(ann.user().id())).isTrue();

        TotpFixture optional = new TotpFixture();
        TotpFixture.Enrolled bob = optional.enrolled(EMAIL);
        assertThat(optional.totp.remove(bob.user().id(), CLIENT)).isTrue();
    }

    @Test
    void enrolRemoveAndRegenerate_needRecentAuthentication_andTotpReauthenticates() {
        TotpFixture fx = new TotpFixture();
        TotpFixture.Enrolled ann = fx.enrolled(EMAIL);
        VerifiedAccessToken caller = signedIn(fx, ann);
        fx.advance(Duration.ofMinutes(11));

        for (Runnable sensitive : List.<Runnable>of(() -> fx.totp.enroll(caller),
                () -> fx.totp.remove(caller, CLIENT), () -> fx.recovery.regenerate(caller, CLIENT))) {
            assertThatThrownBy(sensitive::run).isInstanceOfSatisfying(AuthException.class, e -> {
                assertThat(e.code()).isEqualTo(AuthErrorCode.INSUFFICIENT_USER_AUTHENTICATION);
                assertThat(e.maxAge()).hasValue(Duration.ofMinutes(10));
            });
        }
        assertThat(fx.totp.isActive(ann.user().id())).isTrue();

        VerifiedAccessToken stepped = fx.auth.tokens().verify(fx.auth.stepUp()
                .reauthenticate(caller, "totp", fx.code(ann.enrollment()), CLIENT).accessToken());
        assertThat(stepped.sessionId()).isEqualTo(caller.sessionId());
        assertThat(fx.recovery.regenerate(stepped, CLIENT)).hasSize(10);
        assertThat(fx.totp.remove(stepped, CLIENT)).isTrue();
    }

    @Test
    void aTotpCodeThatAnsweredTheLogin_doesNotReauthenticate() {
        TotpFixture fx = new TotpFixture();
        TotpFixture.Enrolled ann = fx.enrolled(EMAIL);
        String code = fx.code(ann.enrollment());
        VerifiedAccessToken caller = fx.auth.tokens().verify(fx.auth.secondSteps().complete(
                challenge(fx.passwordLogin(EMAIL)), "totp", code, CLIENT).sessionOrThrow().accessToken());

        assertCode(() -> fx.auth.stepUp().reauthenticate(caller, "totp", code, CLIENT), AuthErrorCode.INVALID_CODE);
    }

    @Test
    void theListing_showsTheConfirmedTotpWithItsLastUse() {
        TotpFixture fx = new TotpFixture();
        TotpFixture.Enrolled ann = fx.enrolled(EMAIL);
        signedIn(fx, ann);

        List<EnrolledFactor> factors = fx.auth.secondSteps().enrolled(ann.user().id());
        assertThat(factors).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("totp");
            assertThat(f.createdAt()).isEqualTo(TotpFixture.START);
            assertThat(f.lastUsedAt()).isPresent();
        });
    }

    @Test
    void usingARecoveryCode_sendsANoticeToTheProvedEmail() {
        TotpFixture fx = new TotpFixture();
        TotpFixture.Enrolled ann = fx.enrolled(EMAIL);
        fx.auth.contacts().sendVerificationCode(ann.user().id(), Contact.Kind.EMAIL, CLIENT);
        fx.auth.contacts().verify(ann.user().id(), Contact.Kind.EMAIL, fx.outbox.lastCode(EMAIL));
        String code = fx.recovery.regenerate(ann.user().id(), CLIENT).get(3);

        fx.auth.secondSteps().complete(challenge(fx.passwordLogin(EMAIL)), "recovery_code", code, CLIENT)
                .sessionOrThrow();

        assertThat(fx.outbox.lastMessage(EMAIL)).hasValueSatisfying(m -> {
            assertThat(m.purpose()).isEqualTo(OtpPurpose.RECOVERY_CODE_USED_NOTICE);
            assertThat(m.text()).doesNotContain(code);
        });
    }

    @Test
    void aPasswordReset_neitherRemovesNorBypassesTotp() {
        TotpFixture fx = new TotpFixture();
        TotpFixture.Enrolled ann = fx.enrolled(EMAIL);
        fx.auth.passwords().requestReset(Contact.email(EMAIL), CLIENT);
        fx.auth.passwords().reset(Contact.email(EMAIL), fx.outbox.lastCode(EMAIL, OtpPurpose.RESET_PASSWORD),
                "a brand new passphrase", CLIENT);

        assertThat(fx.totp.isActive(ann.user().id())).isTrue();
        assertThat(fx.auth.passwords().login(Contact.email(EMAIL), "a brand new passphrase", CLIENT))
                .isInstanceOf(LoginResult.SecondFactorRequired.class);
    }

    @Test
    void anAdministratorsReset_removesTotpAndRecoveryCodes() {
        TotpFixture fx = new TotpFixture();
        TotpFixture.Enrolled ann = fx.enrolled(EMAIL);
        fx.recovery.regenerate(ann.user().id(), CLIENT);

        fx.auth.secondSteps().reset(ann.user().id(), CLIENT);

        assertThat(fx.totp.isActive(ann.user().id())).isFalse();
        assertThat(fx.recovery.remaining(ann.user().id())).isZero();
        assertThat(fx.passwordLogin(EMAIL)).isInstanceOf(LoginResult.Authenticated.class);
        assertThat(fx.eventNames()).contains("SECOND_FACTORS_RESET");
    }
}
