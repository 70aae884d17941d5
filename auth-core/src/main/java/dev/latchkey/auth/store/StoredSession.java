package dev.latchkey.auth.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A session: one login and the family of refresh tokens rotated from it.
 *
 * @param id                random identifier, also the {@code sid} claim of its access tokens
 * @param userId            the account
 * @param createdAt         the login time
 * @param lastUsedAt        the last refresh (or the login); computed by the store from its tokens
 * @param absoluteExpiresAt no token of the family is valid after this, however often it is refreshed
 * @param revokedAt         when it was revoked (logout, reuse, password change), or null
 * @param clientAddress     the client's address at login, or null
 * @param userAgent         the client's user agent at login, or null
 * @param amr               how the user authenticated, RFC 8176 values separated by spaces ({@code pwd},
 *                          {@code pwd otp mfa}); null for sessions made before it was recorded
 * @param authTime          when the user last authenticated in this session; null means {@code createdAt}
 */
public record StoredSession(String id, String userId, Instant createdAt, Instant lastUsedAt,
                            Instant absoluteExpiresAt, Instant revokedAt, String clientAddress, String userAgent,
                            String amr, Instant authTime) {
    /** Checks the required fields. */
    public StoredSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(absoluteExpiresAt, "absoluteExpiresAt");
    }

    /** The authentication methods as a list; empty when unknown. */
    public java.util.List<String> amrValues() {
        return amr == null || amr.isBlank() ? java.util.List.of() : java.util.List.of(amr.trim().split(" +"));
    }

    /** When the user last authenticated: {@code authTime}, or the login time when it was not recorded. */
    public Instant authenticatedAt() {
        return authTime != null ? authTime : createdAt;
    }

    /** Whether a token of this session may still be used at {@code now}. */
    public boolean isActive(Instant now) {
        return revokedAt == null && now.isBefore(absoluteExpiresAt);
    }
}
