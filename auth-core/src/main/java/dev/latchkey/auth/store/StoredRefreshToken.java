package dev.latchkey.auth.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One refresh token of a session, known to the store only by its hash.
 *
 * @param tokenHash  base64url SHA-256 of the opaque token; the token itself is never stored
 * @param sessionId  the session (family) it belongs to
 * @param issuedAt   when it was issued
 * @param expiresAt  idle expiry: unused after this, it is dead (never later than the session's absolute expiry)
 * @param usedAt     when it was rotated, or null while unused
 */
public record StoredRefreshToken(String tokenHash, String sessionId, Instant issuedAt, Instant expiresAt,
                                 Instant usedAt) {
    /** Checks the required fields. */
    public StoredRefreshToken {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Leaves the hash out. */
    @Override
    public String toString() {
        return "StoredRefreshToken[sessionId=" + sessionId + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt
                + ", usedAt=" + usedAt + "]";
    }
}
