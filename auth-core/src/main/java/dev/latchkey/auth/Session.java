package dev.latchkey.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A logged-in session: a short-lived access token, a single-use refresh token and the user.
 *
 * <p>Hand the access token to the client as a Bearer token and the refresh token for
 * {@link dev.latchkey.auth.session.Sessions#refresh}. A password login also hands a {@link #deviceToken()} for the
 * client to keep and present at its next password login. {@link #toString()} never shows any token.
 */
public final class Session {
    private final String sessionId;
    private final String accessToken;
    private final Instant accessTokenExpiresAt;
    private final String refreshToken;
    private final Instant refreshTokenExpiresAt;
    private final User user;
    private final String deviceToken;

    /** A session without a device token; made by the service, and by tests. */
    public Session(String sessionId, String accessToken, Instant accessTokenExpiresAt, String refreshToken,
                   Instant refreshTokenExpiresAt, User user) {
        this(sessionId, accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, user, null);
    }

    /** A session with a device token (null for none); made by the service, and by tests. */
    public Session(String sessionId, String accessToken, Instant accessTokenExpiresAt, String refreshToken,
                   Instant refreshTokenExpiresAt, User user, String deviceToken) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.accessTokenExpiresAt = Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        this.refreshToken = Objects.requireNonNull(refreshToken, "refreshToken");
        this.refreshTokenExpiresAt = Objects.requireNonNull(refreshTokenExpiresAt, "refreshTokenExpiresAt");
        this.user = Objects.requireNonNull(user, "user");
        this.deviceToken = deviceToken;
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

    /**
     * The device token of a password login (also one finished by a second step): opaque, bound to this account, valid
     * for {@link dev.latchkey.auth.password.LoginLimits#deviceTokenTtl()}. Keep it on the client (an HttpOnly cookie,
     * the app's secure storage) and pass it with {@link dev.latchkey.auth.ClientInfo#withDeviceToken} at the next
     * password login: failed logins of other clients then neither delay nor lock this one out. Empty for code logins,
     * registrations and refreshes; keep the token from the last password login.
     */
    public Optional<String> deviceToken() {
        return Optional.ofNullable(deviceToken);
    }

    @Override
    public String toString() {
        return "Session[id=" + sessionId + ", user=" + user.id() + ", accessTokenExpiresAt=" + accessTokenExpiresAt
                + ", tokens=****]";
    }
}
