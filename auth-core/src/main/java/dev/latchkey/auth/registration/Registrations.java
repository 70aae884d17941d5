package dev.latchkey.auth.registration;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Registration;

/**
 * Self-service sign-up proved by a code: the account stays pending, its contacts unproved and identifying nothing,
 * until the code sent to its email (or, with no email, its phone) is confirmed.
 *
 * <p>Null arguments: every argument is required, and a null one throws {@link NullPointerException} naming it (a
 * present but empty or malformed value is an {@link dev.latchkey.auth.AuthException} such as
 * {@code VALIDATION_FAILED} instead).
 */
public interface Registrations {
    /**
     * Starts a registration and sends a code. Answers, and costs, the same for a new destination, one with a pending
     * registration and one that belongs to an account: the owner of a taken destination gets a notice instead of a
     * code. Re-registering a pending destination replaces that registration; if its password differs, the account is
     * left without one (two people may be racing for it), so whoever confirms the code sets one with a reset. Every
     * limit is checked before anything is written. A code that cannot be delivered answers the same too (no
     * {@code DELIVERY_FAILED}, which would tell a new destination from a taken one): the failure is audited as
     * {@code CODE_DELIVERY_FAILED}, the send permits stay spent and the new registration is not kept.
     *
     * @throws dev.latchkey.auth.AuthException {@code VALIDATION_FAILED}, {@code WEAK_PASSWORD},
     *                                         {@code TOO_MANY_ATTEMPTS}, {@code DELIVERY_FAILED} only with reason
     *                                         {@code unsupported_channel} (no provider for the channel at all)
     */
    void start(Registration registration, ClientInfo client);

    /**
     * Confirms a registration with the code sent to {@code contact}: that contact becomes the account's identifying,
     * proved one, the account becomes active and the user is logged in (or asked for a second factor). The other,
     * unproved contact stays pending.
     *
     * @throws dev.latchkey.auth.AuthException {@code INVALID_CODE}, {@code TOO_MANY_ATTEMPTS}
     */
    LoginResult complete(Contact contact, String code, ClientInfo client);
}
