package dev.latchkey.auth.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A one-time code as an {@link OtpCodeStore} keeps it: only its keyed hash, bound to one purpose and destination.
 *
 * @param id          random identifier
 * @param purpose     what the code is for (the name of a {@code dev.latchkey.auth.OtpPurpose})
 * @param destination the normalised email or E.164 phone it was sent to
 * @param codeHash    base64url HMAC-SHA-256 of the code under the server's code key
 * @param subject     what the code acts on, when the destination alone does not say (the user id of an email change),
 *                    or null
 * @param createdAt   when it was issued
 * @param expiresAt   when it stops working
 * @param attempts    how many times it has been checked
 * @param consumedAt  when it was used, or null
 */
public record StoredCode(String id, String purpose, String destination, String codeHash, String subject,
                         Instant createdAt, Instant expiresAt, int attempts, Instant consumedAt) {
    /** Checks the required fields. */
    public StoredCode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Leaves the hash out. */
    @Override
    public String toString() {
        return "StoredCode[id=" + id + ", purpose=" + purpose + ", expiresAt=" + expiresAt + ", attempts=" + attempts
                + ", consumedAt=" + consumedAt + "]";
    }
}
