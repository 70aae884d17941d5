package dev.latchkey.auth.contact;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;

/**
 * Proving and changing an account's email and phone with codes.
 *
 * <p>Null arguments: every argument is required, and a null one throws {@link NullPointerException} naming it (a
 * present but empty or malformed value is an {@link dev.latchkey.auth.AuthException} such as
 * {@code VALIDATION_FAILED} instead).
 */
public interface Contacts {
    /**
     * Sends a code that proves the account's email or phone: its unverified identifying one, or else its pending one.
     *
     * @throws dev.latchkey.auth.AuthException {@code VALIDATION_FAILED} when it has none of that kind
     */
    void sendVerificationCode(String userId, Contact.Kind kind, ClientInfo client);

    /**
     * Proves the account's email or phone with the code from {@link #sendVerificationCode}; a pending contact becomes
     * identifying.
     *
     * @throws dev.latchkey.auth.AuthException {@code INVALID_CODE}, {@code ACCOUNT_EXISTS} when another account proved
     *                                         it meanwhile
     */
    User verify(String userId, Contact.Kind kind, String code);

    /**
     * Sends a code to a new email or phone the caller wants; nothing changes until it is confirmed. Besides the
     * destination's and the client address's send caps, an account gets at most
     * {@link dev.latchkey.auth.code.CodeConfig#changeSendsPerAccountPerHour()} such codes an hour.
     *
     * @throws dev.latchkey.auth.AuthException {@code TOO_MANY_ATTEMPTS}, {@code DELIVERY_FAILED} (the caller owns
     *                                         the destination, so a failed delivery is reported);
     *                                         {@code INSUFFICIENT_USER_AUTHENTICATION} unless the caller authenticated
     *                                         recently ({@link dev.latchkey.auth.factor.StepUp})
     */
    void startChange(VerifiedAccessToken caller, Contact newContact, ClientInfo client);

    /**
     * Replaces the caller's email or phone with the new one once its code is confirmed, revokes the caller's other
     * sessions, and sends a notice to the old one.
     *
     * @throws dev.latchkey.auth.AuthException {@code INVALID_CODE}, {@code ACCOUNT_EXISTS}
     */
    User confirmChange(VerifiedAccessToken caller, Contact newContact, String code, ClientInfo client);
}
