package dev.latchkey.auth.webauthn;

import java.util.Locale;

/**
 * Whether the authenticator must verify the user (a PIN, a fingerprint, a face) in a ceremony, as WebAuthn's
 * {@code userVerification} says it: {@code required}, {@code preferred} or {@code discouraged}.
 */
public enum UserVerification {
    /** Every ceremony must report user verification; an assertion without it is refused. */
    REQUIRED,
    /** Asked for, not demanded (the default): an assertion without it is one factor, and the second step applies. */
    PREFERRED,
    /** Not asked for; an assertion that has it still counts as verified. */
    DISCOURAGED;

    /** The WebAuthn value, e.g. {@code preferred}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
