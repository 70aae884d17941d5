package dev.latchkey.auth.factor;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.LoginResult;

/**
 * Answers the second step of a login ({@link LoginResult.SecondFactorRequired}).
 *
 * <p>Null arguments: a null or blank challenge is {@link dev.latchkey.auth.AuthErrorCode#INVALID_TOKEN}, as an unknown
 * one is; every other argument is required, and a null one throws {@link NullPointerException} naming it.
 */
public interface SecondSteps {
    /**
     * Prepares an option of the step, e.g. sends a code by SMS for {@code sms}.
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#INVALID_TOKEN} for an unknown,
     *                                         used or expired challenge; {@link dev.latchkey.auth.AuthErrorCode#VALIDATION_FAILED}
     *                                         (field {@code factor}) for an option the user does not have
     */
    void prepare(String challenge, String factor, ClientInfo client);

    /**
     * Answers the step with one of its options. A right answer uses the challenge up and starts the session, whose
     * tokens' {@code amr} lists both factors and {@code mfa}.
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#INVALID_CODE} for a wrong answer,
     *                                         {@link dev.latchkey.auth.AuthErrorCode#INVALID_TOKEN} for an unknown,
     *                                         used or expired challenge, {@link dev.latchkey.auth.AuthErrorCode#TOO_MANY_ATTEMPTS}
     *                                         when its attempts are spent, {@link dev.latchkey.auth.AuthErrorCode#VALIDATION_FAILED}
     */
    LoginResult complete(String challenge, String factor, String answer, ClientInfo client);
}
