package dev.latchkey.auth.webauthn;

import java.util.Locale;

/**
 * Whether the authenticator should keep a discoverable credential (a passkey that signs in without a user name), as
 * WebAuthn's {@code residentKey} says it.
 */
public enum ResidentKey {
    /** The credential must be discoverable. */
    REQUIRED,
    /** Discoverable if the authenticator can (the default): passkeys are. */
    PREFERRED,
    /** A server-side credential is enough (security keys with little storage). */
    DISCOURAGED;

    /** The WebAuthn value, e.g. {@code preferred}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
