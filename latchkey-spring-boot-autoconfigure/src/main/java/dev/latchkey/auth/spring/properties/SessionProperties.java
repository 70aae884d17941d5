package dev.latchkey.auth.spring.properties;

import java.time.Duration;

/** Token and session lifetimes ({@code latchkey.sessions.*}). */
public class SessionProperties {
    /** Access-token lifetime. */
    private Duration accessTokenTtl = Duration.ofMinutes(15);
    /** Idle lifetime of a refresh token. */
    private Duration refreshTokenIdleTtl = Duration.ofDays(30);
    /** Absolute lifetime of a session, however often it is refreshed. */
    private Duration refreshTokenAbsoluteTtl = Duration.ofDays(90);
    /**
     * How long after a refresh token was rotated presenting it again returns the same successor instead of revoking
     * the session (parallel browser tabs, a mobile retry after a lost answer): 0 (off) to 5 minutes. Past it, reuse
     * revokes the session.
     */
    private Duration refreshReuseGrace = Duration.ZERO;

    public Duration getAccessTokenTtl() {
        return accessTokenTtl;
    }

    public void setAccessTokenTtl(Duration accessTokenTtl) {
        this.accessTokenTtl = accessTokenTtl;
    }

    public Duration getRefreshTokenIdleTtl() {
        return refreshTokenIdleTtl;
    }

    public void setRefreshTokenIdleTtl(Duration refreshTokenIdleTtl) {
        this.refreshTokenIdleTtl = refreshTokenIdleTtl;
    }

    public Duration getRefreshTokenAbsoluteTtl() {
        return refreshTokenAbsoluteTtl;
    }

    public void setRefreshTokenAbsoluteTtl(Duration refreshTokenAbsoluteTtl) {
        this.refreshTokenAbsoluteTtl = refreshTokenAbsoluteTtl;
    }

    public Duration getRefreshReuseGrace() {
        return refreshReuseGrace;
    }

    public void setRefreshReuseGrace(Duration refreshReuseGrace) {
        this.refreshReuseGrace = refreshReuseGrace;
    }
}
