package dev.latchkey.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The proof that an access token was verified: only {@link dev.latchkey.auth.token.AccessTokens#verify(String)} and
 * {@link dev.latchkey.auth.token.AccessTokens#verifyOnline(String)} can make one.
 */
public final class VerifiedAccessToken {
    private final String userId;
    private final String sessionId;
    private final Set<String> roles;
    private final List<String> amr;
    private final Instant authTime;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final String tokenId;

    VerifiedAccessToken(String userId, String sessionId, List<String> roles, List<String> amr, Instant authTime,
                        Instant issuedAt, Instant expiresAt, String tokenId) {
        this.userId = userId;
        this.sessionId = sessionId;
        this.roles = Set.copyOf(roles);
        this.amr = List.copyOf(amr);
        this.authTime = authTime;
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

    /**
     * How the user authenticated ({@code amr}, RFC 8176): {@code pwd} for a password, {@code otp} (with {@code sms}
     * for a texted code) for a one-time code, a factor's values after a second step, and {@code mfa} when more than
     * one factor was used.
     */
    public List<String> amr() {
        return amr;
    }

    /** When the user last authenticated in this session ({@code auth_time}, OpenID Connect Core 2). */
    public Instant authTime() {
        return authTime;
    }

    /**
     * Whether the user authenticated within {@code maxAge} of {@code clock}'s now: what a sensitive operation asks
     * before it goes ahead (RFC 9470).
     */
    public boolean authenticatedWithin(Duration maxAge, Clock clock) {
        return !authTime.plus(maxAge).isBefore(clock.instant());
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
        return "VerifiedAccessToken[user=" + userId + ", session=" + sessionId + ", roles=" + roles + ", amr=" + amr
                + ", expiresAt=" + expiresAt + "]";
    }
}
