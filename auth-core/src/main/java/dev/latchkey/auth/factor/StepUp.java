package dev.latchkey.auth.factor;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.VerifiedAccessToken;

import java.time.Duration;

/**
 * Step-up authentication (RFC 9470): sensitive operations (changing the password or a contact, deleting the account,
 * enrolling or removing a factor, regenerating recovery codes) need the caller's {@code auth_time} within
 * {@link SecondFactorConfig#reauthenticationMaxAge()}; otherwise they fail with
 * {@link dev.latchkey.auth.AuthErrorCode#INSUFFICIENT_USER_AUTHENTICATION}, which a web layer answers with 401 and
 * {@code WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age="600"}. Re-authenticating issues
 * fresh tokens with a new {@code auth_time} on the same session; its refresh token replaces the session's current one.
 */
public interface StepUp {
    /** How recent authentication must be for sensitive operations. */
    Duration maxAge();

    /**
     * Passes when the caller authenticated within {@link #maxAge()}.
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#INSUFFICIENT_USER_AUTHENTICATION}
     *                                         otherwise, with {@link dev.latchkey.auth.AuthException#maxAge()}
     */
    void requireRecent(VerifiedAccessToken caller);

    /**
     * Re-authenticates the caller's session with their password, under the same brute-force limits as a password
     * login. An account with a second factor re-authenticates with it instead ({@code VALIDATION_FAILED}, field
     * {@code factor}).
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#INVALID_CREDENTIALS} for a wrong
     *                                         password or an account without one,
     *                                         {@link dev.latchkey.auth.AuthErrorCode#INVALID_TOKEN} when the session
     *                                         is no longer live, {@link dev.latchkey.auth.AuthErrorCode#TOO_MANY_ATTEMPTS}
     */
    Session reauthenticate(VerifiedAccessToken caller, String password, ClientInfo client);

    /**
     * Prepares re-authentication with one of the caller's options, e.g. sends a code for {@code sms}.
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#VALIDATION_FAILED} (field
     *                                         {@code factor}) for an option the user does not have
     */
    void prepare(VerifiedAccessToken caller, String factor, ClientInfo client);

    /**
     * Re-authenticates the caller's session with one of their factors: for an account with a second factor, one of
     * its second factors ({@code totp}, {@code recovery_code}); else a code to a proved contact ({@code sms},
     * {@code email}). Wrong answers count against a budget of the session's own, 10 in any hour.
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#INVALID_CODE} for a wrong answer,
     *                                         {@link dev.latchkey.auth.AuthErrorCode#VALIDATION_FAILED} (field
     *                                         {@code factor} or {@code code}),
     *                                         {@link dev.latchkey.auth.AuthErrorCode#INVALID_TOKEN},
     *                                         {@link dev.latchkey.auth.AuthErrorCode#TOO_MANY_ATTEMPTS}
     */
    Session reauthenticate(VerifiedAccessToken caller, String factor, String code, ClientInfo client);
}
