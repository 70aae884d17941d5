package dev.latchkey.auth.webauthn;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One passkey of an account, as listed to its owner. Holds nothing secret: the public key stays in the store.
 *
 * @param id            the credential id, base64url (as the browser's {@code PublicKeyCredential.id})
 * @param label         the name the user gave it (default {@code Passkey})
 * @param createdAt     when it was registered
 * @param lastUsedAt    when it last signed someone in or answered a step
 * @param backupEligible whether the authenticator may sync it to other devices (WebAuthn flag BE)
 * @param backedUp      whether it was backed up (synced) at its last use (WebAuthn flag BS)
 * @param transports    how the browser reached the authenticator ({@code internal}, {@code hybrid}, {@code usb}...)
 * @param aaguid        the authenticator model's AAGUID, as reported (all zeros for most passkeys under attestation
 *                      {@code none})
 */
public record Passkey(String id, String label, Instant createdAt, Optional<Instant> lastUsedAt, boolean backupEligible,
                      boolean backedUp, List<String> transports, String aaguid) {
    /** Checks the fields. */
    public Passkey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        transports = List.copyOf(transports);
        Objects.requireNonNull(aaguid, "aaguid");
    }
}
