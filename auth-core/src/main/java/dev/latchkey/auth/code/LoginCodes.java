package dev.latchkey.auth.code;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;

/**
 * The one-time-code factor: passwordless login by a code sent to a phone (or, when allowed, an email).
 *
 * <p>Null arguments: every argument is required, and a null one throws {@link NullPointerException} naming it (a
 * present but empty or malformed value is an {@link dev.latchkey.auth.AuthException} such as
 * {@code VALIDATION_FAILED} instead).
 */
public interface LoginCodes {
    /**
     * Sends a login code. The answer is the same whether or not an account exists: unknown destinations get no code
     * unless {@link CodeConfig#loginCreatesAccounts()}, but the same throttling, and a
     * {@link dev.latchkey.auth.AuthEventType#CODE_NOT_SENT} event records that none went; a code the provider fails
     * to deliver answers like a delivered one (audited as {@code CODE_DELIVERY_FAILED}, its send permits spent).
     *
     * @throws dev.latchkey.auth.AuthException {@code TOO_MANY_ATTEMPTS}, {@code VALIDATION_FAILED},
     *                                         {@code DELIVERY_FAILED} only with reason {@code unsupported_channel}
     */
    void send(Contact contact, ClientInfo client);

    /**
     * Logs in with a login code. A first login to an unknown destination creates a code-only account when
     * {@link CodeConfig#loginCreatesAccounts()}.
     *
     * @throws dev.latchkey.auth.AuthException {@code INVALID_CODE}, {@code TOO_MANY_ATTEMPTS}
     */
    LoginResult login(Contact contact, String code, ClientInfo client);
}
