package dev.latchkey.auth;

import java.time.Instant;

/**
 * The result of a login or refresh: a short-lived access token, a single-use refresh token and the user.
 *
 * <p>Hand the access token to the client as a Bearer token and the refresh token for {@link AuthService#refresh}.
 * {@link #toString()} never shows either token.
 */
public final class Session {
    private final String sessionId;
    private final String accessToken;
    private final Instant accessTokenExpiresAt;
    private final String refreshToken;
    private final Instant refreshTokenExpiresAt;
    private final User user;

    Session(String sessionId, String accessToken, Instant accessTokenExpiresAt, String refreshToken,
            Instant refreshTokenExpiresAt, User user) {
        this.sessionId = sessionId;
        this.accessToken = accessToken;
        this.accessTokenExpiresAt = accessTokenExpiresAt;
        this.refreshToken = refreshToken;
        this.refreshTokenExpiresAt = refreshTokenExpiresAt;
        this.user = user;
    }

    /** The session id (the {@code sid} claim), for listing and revoking sessions. */
    public String sessionId() {
        return sessionId;
    }

    /** The signed JWT access token. */
    public String accessToken() {
        return accessToken;
    }

    /** When the access token expires. */
    public Instant accessTokenExpiresAt() {
        return accessTokenExpiresAt;
    }

    /** The opaque refresh token; it works once. */
    public String refreshToken() {
        return refreshToken;
    }

    /** When the refresh token expires if unused (never after the session's absolute expiry). */
    public Instant refreshTokenExpiresAt() {
        return refreshTokenExpiresAt;
    }

    /** The account. */
    public User user() {
        return user;
    }

    @Override
    public String toString() {
        return "Session[id=" + sessionId + ", user=" + user.id() + ", accessTokenExpiresAt=" + accessTokenExpiresAt
                + ", tokens=****]";
    }
}
