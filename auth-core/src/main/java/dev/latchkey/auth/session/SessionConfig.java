package dev.latchkey.auth.session;

import dev.latchkey.auth.internal.Checks;

import java.time.Duration;
import java.util.Objects;

/** Lifetimes of access tokens, refresh tokens and sessions. Immutable; {@link #defaults()} or {@link #newBuilder()}. */
public final class SessionConfig {
    private final Duration accessTokenTtl;
    private final Duration refreshTokenIdleTtl;
    private final Duration refreshTokenAbsoluteTtl;
    private final Duration refreshReuseGrace;

    private SessionConfig(Builder b) {
        this.accessTokenTtl = b.accessTokenTtl;
        this.refreshTokenIdleTtl = b.refreshTokenIdleTtl;
        this.refreshTokenAbsoluteTtl = b.refreshTokenAbsoluteTtl;
        this.refreshReuseGrace = b.refreshReuseGrace;
    }

    /** Every default. */
    public static SessionConfig defaults() {
        return newBuilder().build();
    }

    /** A builder with every default set. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Access-token lifetime: 1 minute to 24 hours, default 15 minutes. */
    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    /** How long an unused refresh token lives: 5 minutes to 365 days, default 30 days. */
    public Duration refreshTokenIdleTtl() {
        return refreshTokenIdleTtl;
    }

    /** How long a session lives however often refreshed: the idle lifetime to 3650 days, default 90 days. */
    public Duration refreshTokenAbsoluteTtl() {
        return refreshTokenAbsoluteTtl;
    }

    /**
     * How long after a refresh token was rotated presenting it again returns the same successor instead of revoking
     * the session (parallel browser tabs, a mobile retry after a lost answer): 0 (off) to 5 minutes, default 0. Past
     * it, or for a successor already used, reuse revokes the session. Any instance can answer so: the successor is
     * derived from the token and a server key, and only its hash is stored.
     */
    public Duration refreshReuseGrace() {
        return refreshReuseGrace;
    }

    @Override
    public String toString() {
        return "SessionConfig[accessTokenTtl=" + accessTokenTtl + ", refreshTokenIdleTtl=" + refreshTokenIdleTtl
                + ", refreshTokenAbsoluteTtl=" + refreshTokenAbsoluteTtl + ", refreshReuseGrace=" + refreshReuseGrace
                + "]";
    }

    /** Builds a {@link SessionConfig}; {@link #build()} leaves the builder as it was. */
    public static final class Builder {
        private Duration accessTokenTtl = Duration.ofMinutes(15);
        private Duration refreshTokenIdleTtl = Duration.ofDays(30);
        private Duration refreshTokenAbsoluteTtl = Duration.ofDays(90);
        private Duration refreshReuseGrace = Duration.ZERO;

        private Builder() {
        }

        /** Access-token lifetime. */
        public Builder accessTokenTtl(Duration ttl) {
            this.accessTokenTtl = Objects.requireNonNull(ttl, "accessTokenTtl");
            return this;
        }

        /** Idle lifetime of a refresh token. */
        public Builder refreshTokenIdleTtl(Duration ttl) {
            this.refreshTokenIdleTtl = Objects.requireNonNull(ttl, "refreshTokenIdleTtl");
            return this;
        }

        /** Absolute lifetime of a session. */
        public Builder refreshTokenAbsoluteTtl(Duration ttl) {
            this.refreshTokenAbsoluteTtl = Objects.requireNonNull(ttl, "refreshTokenAbsoluteTtl");
            return this;
        }

        /** The reuse grace of a rotated refresh token; {@link Duration#ZERO} turns it off. */
        public Builder refreshReuseGrace(Duration grace) {
            this.refreshReuseGrace = Objects.requireNonNull(grace, "refreshReuseGrace");
            return this;
        }

        /** The configuration; an {@link IllegalArgumentException} names a bad value. */
        public SessionConfig build() {
            Checks.require(Checks.between(accessTokenTtl, Duration.ofMinutes(1), Duration.ofHours(24)),
                    "accessTokenTtl must be from 1 minute to 24 hours");
            Checks.require(Checks.between(refreshTokenIdleTtl, Duration.ofMinutes(5), Duration.ofDays(365)),
                    "refreshTokenIdleTtl must be from 5 minutes to 365 days");
            Checks.require(Checks.between(refreshTokenAbsoluteTtl, refreshTokenIdleTtl, Duration.ofDays(3650)),
                    "refreshTokenAbsoluteTtl must be at least refreshTokenIdleTtl and at most 3650 days");
            Checks.require(Checks.between(refreshReuseGrace, Duration.ZERO, Duration.ofMinutes(5)),
                    "refreshReuseGrace must be from 0 (off) to 5 minutes");
            return new SessionConfig(this);
        }
    }
}
