package dev.latchkey.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A logged-in session: a short-lived access token, a single-use refresh token and the user.
 *
 * <p>Hand the access token to the client as a Bearer token and the refresh token for
 * {@link dev.latchkey.auth.session.Sessions#refresh}. {@link #toString()} never shows either token.
 */
public final class Session {
    private final String sessionId;
    private final String accessToken;
    private final Instant accessTokenExpiresAt;
    private final String refreshToken;
    private final Instant refreshTokenExpiresAt;
    private final User user;

    /** A session; made by the service, and by tests. */
    public Session(String sessionId, String accessToken, Instant accessTokenExpiresAt, String refreshToken,
                   Instant refreshTokenExpiresAt, User user) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.accessTokenExpiresAt = Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        this.refreshToken = Objects.requireNonNull(refreshToken, "refreshToken");
        this.refreshTokenExpiresAt = Objects.requireNonNull(refreshTokenExpiresAt, "refreshTokenExpiresAt");
        this.user = Objects.requireNonNull(user, "user");
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
