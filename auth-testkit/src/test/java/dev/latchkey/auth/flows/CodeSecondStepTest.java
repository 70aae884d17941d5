package dev.latchkey.auth.flows;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.OtpPurpose;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.code.CodeConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.latchkey.auth.flows.MemoryFixture.CLIENT;
import static dev.latchkey.auth.flows.MemoryFixture.PASSWORD;
import static dev.latchkey.auth.flows.MemoryFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A one-time code by email or SMS as the second step after a password: offered for proved contacts of accounts with a
 * password, sent through the code engine, and bound to the one challenge it was sent for.
 */
class CodeSecondStepTest {
    private static final String EMAIL = "ann@example.com";
    private static final String PHONE = "+14155550123";

    private final PinFactor pin = new PinFactor();
    private final MemoryFixture fx = new MemoryFixture(
            b -> b.codes(CodeConfig.newBuilder().allowLoginCodesByEmail().build()), b -> b.factor(pin));
    private final AuthService auth = fx.auth;

    /** An account with a password whose email and phone were both proved by codes, and a PIN. */
    private User provedWithPin() {
        User ann = auth.accounts().register(Registration.newBuilder().email(EMAIL).phone(PHONE).password(PASSWORD)
                .build());
        for (Contact.Kind kind : Contact.Kind.values()) {
            auth.contacts().sendVerificationCode(ann.id(), kind, CLIENT);
            auth.contacts().verify(ann.id(), kind, fx.latestCode(kind == Contact.Kind.EMAIL ? EMAIL : PHONE));
            fx.clock.advance(Duration.ofMinutes(1));
        }
        pin.enrol(ann.id(), "4242");
        return ann;
    }

    private LoginResult.SecondFactorRequired passwordLogin() {
        return (LoginResult.SecondFactorRequired) auth.passwords().login(Contact.email(EMAIL), PASSWORD, CLIENT);
    }

    @Test
    void provedContacts_areOffered_andAnEmailCodeCompletesTheLoginWithOtpInAmr() {
        provedWithPin();
        LoginResult.SecondFactorRequired step = passwordLogin();
        assertThat(step.factors()).containsExactly("pin", "sms", "email");

        auth.secondSteps().prepare(step.challenge(), "email", CLIENT);
        String code = fx.outbox.lastCode(EMAIL, OtpPurpose.SECOND_FACTOR);
        VerifiedAccessToken token = auth.tokens().verify(auth.secondSteps()
                .complete(step.challenge(), "email", code, CLIENT).sessionOrThrow().accessToken());

        assertThat(token.amr()).containsExactly("pwd", "otp", "mfa");
    }

    @Test
    void anSmsCode_addsSmsToAmr() {
        provedWithPin();
        LoginResult.SecondFactorRequired step = passwordLogin();
        auth.secondSteps().prepare(step.challenge(), "sms", CLIENT);
        VerifiedAccessToken token = auth.tokens().verify(auth.secondSteps().complete(step.challenge(), "sms",
                fx.outbox.lastCode(PHONE, OtpPurpose.SECOND_FACTOR), CLIENT).sessionOrThrow().accessToken());
        assertThat(token.amr()).containsExactly("pwd", "otp", "sms", "mfa");
    }

    @Test
    void aCodeSentForOneChallenge_doesNotAnswerAnother() {
        provedWithPin();
        LoginResult.SecondFactorRequired first = passwordLogin();
        LoginResult.SecondFactorRequired second = passwordLogin();
        auth.secondSteps().prepare(first.challenge(), "email", CLIENT);
        String code = fx.outbox.lastCode(EMAIL, OtpPurpose.SECOND_FACTOR);

        assertCode(() -> auth.secondSteps().complete(second.challenge(), "email", code, CLIENT),
                AuthErrorCode.INVALID_CODE);
        auth.secondSteps().complete(first.challenge(), "email", code, CLIENT).sessionOrThrow();
    }

    @Test
    void aLoginCodeToTheSameAddress_doesNotAnswerTheSecondStep() {
        provedWithPin();
        LoginResult.SecondFactorRequired step = passwordLogin();
        auth.loginCodes().send(Contact.email(EMAIL), CLIENT);
        String loginCode = fx.outbox.lastCode(EMAIL, OtpPurpose.LOGIN);

        assertCode(() -> auth.secondSteps().complete(step.challenge(), "email", loginCode, CLIENT),
                AuthErrorCode.INVALID_CODE);
    }

    @Test
    void aSecondStepCode_doesNotLogInByCode() {
        provedWithPin();
        LoginResult.SecondFactorRequired step = passwordLogin();
        auth.secondSteps().prepare(step.challenge(), "email", CLIENT);
        String code = fx.outbox.lastCode(EMAIL, OtpPurpose.SECOND_FACTOR);

        assertCode(() -> auth.loginCodes().login(Contact.email(EMAIL), code, CLIENT), AuthErrorCode.INVALID_CODE);
    }

    @Test
    void afterALoginByCode_codesAreNotOfferedAgain_onlyTheOtherFactor() {
        provedWithPin();
        auth.loginCodes().send(Contact.email(EMAIL), CLIENT);
        LoginResult result = auth.loginCodes().login(Contact.email(EMAIL), fx.latestCode(EMAIL), CLIENT);

        LoginResult.SecondFactorRequired step = (LoginResult.SecondFactorRequired) result;
        assertThat(step.factors()).containsExactly("pin");
        assertThatThrownBy(() -> auth.secondSteps().prepare(step.challenge(), "email", CLIENT))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(AuthErrorCode.VALIDATION_FAILED);
                    assertThat(e.field()).hasValue("factor");
                });
    }

    @Test
    void afterAPasswordResetThroughTheEmail_anEmailCodeIsNoSecondStep_untilThePasswordChanges() {
        provedWithPin();
        auth.passwords().requestReset(Contact.email(EMAIL), CLIENT);
        auth.passwords().reset(Contact.email(EMAIL), fx.outbox.lastCode(EMAIL, OtpPurpose.RESET_PASSWORD),
                "chosen by the inbox reader", CLIENT);

        LoginResult.SecondFactorRequired step = (LoginResult.SecondFactorRequired) auth.passwords()
                .login(Contact.email(EMAIL), "chosen by the inbox reader", CLIENT);
        assertThat(step.factors()).containsExactly("pin", "sms");
        assertCode(() -> auth.secondSteps().prepare(step.challenge(), "email", CLIENT), AuthErrorCode.VALIDATION_FAILED);

        VerifiedAccessToken owner = auth.tokens().verify(auth.secondSteps().complete(step.challenge(), "pin", "4242",
                CLIENT).sessionOrThrow().accessToken());
        auth.passwords().change(owner, "chosen by the inbox reader", "the owner's own passphrase");
        assertThat(((LoginResult.SecondFactorRequired) auth.passwords().login(Contact.email(EMAIL),
                "the owner's own passphrase", CLIENT)).factors()).containsExactly("pin", "sms", "email");
    }

    @Test
    void unprovedContacts_areNotOffered() {
        User bob = auth.accounts().register(Registration.newBuilder().email("bob@example.com").password(PASSWORD)
                .build());
        pin.enrol(bob.id(), "4242");
        LoginResult.SecondFactorRequired step = (LoginResult.SecondFactorRequired) auth.passwords()
                .login(Contact.email("bob@example.com"), PASSWORD, CLIENT);
        assertThat(step.factors()).containsExactly("pin");
    }

    @Test
    void wrongCodes_countAgainstTheChallenge_andCodesWithLettersAreRefusedAsInput() {
        provedWithPin();
        LoginResult.SecondFactorRequired step = passwordLogin();
        auth.secondSteps().prepare(step.challenge(), "email", CLIENT);
        String code = fx.outbox.lastCode(EMAIL, OtpPurpose.SECOND_FACTOR);
        String wrong = code.equals("000000") ? "111111" : "000000";

        assertThatThrownBy(() -> auth.secondSteps().complete(step.challenge(), "email", "12ab56", CLIENT))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.field()).hasValue("code"));
        for (int i = 0; i < 5; i++) {
            assertCode(() -> auth.secondSteps().complete(step.challenge(), "email", wrong, CLIENT),
                    AuthErrorCode.INVALID_CODE);
        }
        assertCode(() -> auth.secondSteps().complete(step.challenge(), "email", code, CLIENT),
                AuthErrorCode.TOO_MANY_ATTEMPTS);
    }
}
