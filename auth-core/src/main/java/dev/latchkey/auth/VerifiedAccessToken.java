package dev.latchkey.auth;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The proof that an access token was verified: only {@link AuthService#verifyAccessToken(String)} and
 * {@link AuthService#verifyAccessTokenOnline(String)} can make one.
 */
public final class VerifiedAccessToken {
    private final String userId;
    private final String sessionId;
    private final Set<String> roles;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final String tokenId;

    VerifiedAccessToken(String userId, String sessionId, List<String> roles, Instant issuedAt, Instant expiresAt,
                        String tokenId) {
        this.userId = userId;
        this.sessionId = sessionId;
        this.roles = Set.copyOf(roles);
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.tokenId = tokenId;
    }

    /** The account ({@code sub}). */
    public String userId() {
        return userId;
    }

    /** The session the token was issued in ({@code sid}). */
    public String sessionId() {
        return sessionId;
    }

    /** The roles at issue time ({@code roles}). */
    public Set<String> roles() {
        return roles;
    }

    /** Whether the token carries this role. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** {@code iat}. */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** {@code exp}. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** {@code jti}. */
    public String tokenId() {
        return tokenId;
    }

    @Override
    public String toString() {
        return "VerifiedAccessToken[user=" + userId + ", session=" + sessionId + ", roles=" + roles + ", expiresAt="
                + expiresAt + "]";
    }
}
