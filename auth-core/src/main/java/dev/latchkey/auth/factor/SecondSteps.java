package dev.latchkey.auth.factor;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.LoginResult;

import java.util.List;

/**
 * Answers the second step of a login ({@link LoginResult.SecondFactorRequired}) and the enrolment a policy asks for
 * ({@link LoginResult.EnrollmentRequired}); lists and resets users' second factors.
 *
 * <p>Null arguments: a null or blank challenge is {@link dev.latchkey.auth.AuthErrorCode#INVALID_TOKEN}, as an unknown
 * one is; every other argument is required, and a null one throws {@link NullPointerException} naming it. A challenge
 * that is not 1-256 of {@code A-Z a-z 0-9 _ -} is {@link dev.latchkey.auth.AuthErrorCode#VALIDATION_FAILED} (field
 * {@code challenge}), and an answer the factor cannot take at all (letters in a TOTP code) is
 * {@code VALIDATION_FAILED} (field {@code code}) and spends no attempt.
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

    /**
     * The account a live enrolment challenge belongs to: enrol a factor for it (e.g. {@code TotpFactor.enroll}), then
     * {@link #completeEnrollment}. Does not use the challenge up. The challenge enrols a first factor only: once the
     * account has one that requires a step, it serves only {@link #completeEnrollment}.
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#INVALID_TOKEN} for an unknown,
     *                                         used or expired enrolment challenge, or one whose account has a factor
     *                                         already
     */
    String enrollingUser(String challenge);

    /**
     * Ends a login that waited for an enrolment, once the user has confirmed, under this challenge
     * ({@link Factor#confirmedUnder}, e.g. {@code TotpFactor.confirmEnrollment}), a factor that now
     * {@link Factor#requiresSecondStep requires a step}: the challenge is used up and the session starts, its
     * {@code amr} listing the first factor, the enrolled one and {@code mfa}. A factor confirmed any other way (the
     * owner's own login, while someone else holds this challenge) does not end it.
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#INVALID_TOKEN} for an unknown,
     *                                         used or expired enrolment challenge;
     *                                         {@link dev.latchkey.auth.AuthErrorCode#FORBIDDEN} while nothing is
     *                                         enrolled yet
     */
    LoginResult completeEnrollment(String challenge, ClientInfo client);

    /** The second factors the user has enrolled and confirmed, factors from other modules first, in registration order. */
    List<EnrolledFactor> enrolled(String userId);

    /** Whether the {@link SecondFactorPolicy} requires a second factor of this user. */
    boolean required(String userId);

    /**
     * An administrator's reset: every second factor of the user goes (TOTP, recovery codes, passkeys as second
     * factors), in one transaction; audited as {@link dev.latchkey.auth.AuthEventType#SECOND_FACTORS_RESET} and noticed
     * to the user's proved contacts. Sessions stay. Under a policy that requires one, the user's next login enrols anew.
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#NOT_FOUND} for an unknown user
     */
    void reset(String userId, ClientInfo client);
}
