package dev.latchkey.auth.password;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.VerifiedAccessToken;

/**
 * The password factor: login, change, and reset by a code.
 *
 * <p>Null arguments: every argument is required, and a null one throws {@link NullPointerException} naming it (a
 * present but empty or malformed value is an {@link dev.latchkey.auth.AuthException} such as
 * {@code VALIDATION_FAILED} instead).
 */
public interface Passwords {
    /**
     * Logs in with an email or phone and a password. The session of a success carries a fresh
     * {@link dev.latchkey.auth.Session#deviceToken() device token} for the client to keep; a client presenting one of
     * this account's ({@link ClientInfo#withDeviceToken}) is checked under that token's own small budget
     * ({@link LoginLimits#failuresPerDeviceToken()}), so other clients' failed logins neither delay it nor lock it out
     * (it logs in even to a {@link dev.latchkey.auth.AccountStatus#LOCKED} account). Failed logins never revoke
     * sessions.
     *
     * @throws dev.latchkey.auth.AuthException {@code INVALID_CREDENTIALS} for an unknown account, a wrong password or a
     *                                         disabled account alike (and in about the same time);
     *                                         {@code VERIFICATION_REQUIRED} when the password is right but the
     *                                         account is not verified yet; {@code TOO_MANY_ATTEMPTS}
     */
    LoginResult login(Contact contact, String password, ClientInfo client);

    /**
     * Changes the password after checking the current one; every other session of the user is revoked and access
     * tokens issued before now fail the online check. The caller's session stays.
     *
     * @throws dev.latchkey.auth.AuthException {@code INVALID_CREDENTIALS}, {@code WEAK_PASSWORD};
     *                                         {@code INSUFFICIENT_USER_AUTHENTICATION} unless the caller authenticated
     *                                         recently ({@link dev.latchkey.auth.factor.StepUp})
     */
    void change(VerifiedAccessToken caller, String currentPassword, String newPassword);

    /**
     * Sends a password-reset code to a contact that identifies an account; answers the same whether or not one does,
     * and whether or not the provider delivered the code (a failure is audited as {@code CODE_DELIVERY_FAILED}). A
     * destination that gets no code (no account, or a disabled one) is throttled alike and recorded as a
     * {@link dev.latchkey.auth.AuthEventType#CODE_NOT_SENT} event.
     */
    void requestReset(Contact contact, ClientInfo client);

    /**
     * Sets a new password with a reset code; every session is revoked, earlier access tokens fail the online check and
     * a locked account is unlocked. Second factors stay.
     *
     * @throws dev.latchkey.auth.AuthException {@code WEAK_PASSWORD} (checked before the code is used up),
     *                                         {@code INVALID_CODE}, {@code TOO_MANY_ATTEMPTS}
     */
    void reset(Contact contact, String code, String newPassword, ClientInfo client);
}
