package dev.latchkey.auth.password;

import dev.latchkey.auth.internal.Checks;

import java.time.Duration;

/**
 * Brute-force limits on password checks (security bar item 28), counted in the stores so every instance shares them.
 * Immutable; {@link #defaults()} or {@link #newBuilder()}.
 *
 * <p>Two kinds of client are counted apart (OWASP "Slow Down Online Guessing Attacks with Device Cookies"). A client
 * that presents a device token from an earlier successful password login of the account
 * ({@link dev.latchkey.auth.ClientInfo#withDeviceToken}) is trusted: its failures count only against that token's own
 * {@link #failuresPerDeviceToken()}, never against the account or the address, so nobody guessing the password can
 * slow the owner down or lock the owner out. Every other client is untrusted: its failures count against the account
 * ({@link #failuresBeforeDelay()}, then growing delays, and {@link #failuresBeforeLockout()}) and its address.
 */
public final class LoginLimits {
    private final int failuresBeforeDelay;
    private final Duration failureWindow;
    private final Duration maxDelay;
    private final int failuresBeforeLockout;
    private final int failuresPerAddress;
    private final int failuresPerDeviceToken;
    private final Duration deviceTokenTtl;

    private LoginLimits(Builder b) {
        this.failuresBeforeDelay = b.failuresBeforeDelay;
        this.failureWindow = b.failureWindow;
        this.maxDelay = b.maxDelay;
        this.failuresBeforeLockout = b.failuresBeforeLockout;
        this.failuresPerAddress = b.failuresPerAddress;
        this.failuresPerDeviceToken = b.failuresPerDeviceToken;
        this.deviceTokenTtl = b.deviceTokenTtl;
    }

    /** Every default. */
    public static LoginLimits defaults() {
        return newBuilder().build();
    }

    /** A builder with every default set. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * Failed logins per account in the window before delays start, counted for untrusted clients only: 3 to 100,
     * default 10.
     */
    public int failuresBeforeDelay() {
        return failuresBeforeDelay;
    }

    /** The sliding window of the account and address counts: 1 minute to 24 hours, default 15 minutes. */
    public Duration failureWindow() {
        return failureWindow;
    }

    /** The cap of the delay that doubles from 1 second: 1 second to 1 hour, default 15 minutes. */
    public Duration maxDelay() {
        return maxDelay;
    }

    /**
     * Consecutive failures from untrusted clients that lock the account ({@link dev.latchkey.auth.AccountStatus#LOCKED})
     * for untrusted clients until a password reset: 10 to 1000, default 100 (NIST SP 800-63B 3.2.2). A valid device
     * token still logs in, and sessions are never revoked by failed logins.
     */
    public int failuresBeforeLockout() {
        return failuresBeforeLockout;
    }

    /** Failed logins per client address in the window: 10 to 100000, default 100 (an office behind one NAT). */
    public int failuresPerAddress() {
        return failuresPerAddress;
    }

    /**
     * Failed logins per device token in the window: 3 to 100, default 10. Past them the token is refused until the end
     * of the next window (at least one whole {@link #failureWindow()}), and its client counts as untrusted meanwhile.
     */
    public int failuresPerDeviceToken() {
        return failuresPerDeviceToken;
    }

    /**
     * How long a device token stays valid after the login that issued it: 1 day to 400 days, default 365 days. Every
     * successful password login issues a fresh one; password change, reset and logout everywhere void earlier ones.
     */
    public Duration deviceTokenTtl() {
        return deviceTokenTtl;
    }

    @Override
    public String toString() {
        return "LoginLimits[failuresBeforeDelay=" + failuresBeforeDelay + ", failureWindow=" + failureWindow
                + ", maxDelay=" + maxDelay + ", failuresBeforeLockout=" + failuresBeforeLockout
                + ", failuresPerAddress=" + failuresPerAddress + ", failuresPerDeviceToken=" + failuresPerDeviceToken
                + ", deviceTokenTtl=" + deviceTokenTtl + "]";
    }

    /** Builds {@link LoginLimits}; {@link #build()} leaves the builder as it was. */
    public static final class Builder {
        private int failuresBeforeDelay = 10;
        private Duration failureWindow = Duration.ofMinutes(15);
        private Duration maxDelay = Duration.ofMinutes(15);
        private int failuresBeforeLockout = 100;
        private int failuresPerAddress = 100;
        private int failuresPerDeviceToken = 10;
        private Duration deviceTokenTtl = Duration.ofDays(365);

        private Builder() {
        }

        /** Failures per account in the window before delays start. */
        public Builder failuresBeforeDelay(int failures) {
            this.failuresBeforeDelay = failures;
            return this;
        }

        /** The sliding window. */
        public Builder failureWindow(Duration window) {
            this.failureWindow = java.util.Objects.requireNonNull(window, "failureWindow");
            return this;
        }

        /** The longest delay. */
        public Builder maxDelay(Duration delay) {
            this.maxDelay = java.util.Objects.requireNonNull(delay, "maxDelay");
            return this;
        }

        /** Consecutive failures that lock the account. */
        public Builder failuresBeforeLockout(int failures) {
            this.failuresBeforeLockout = failures;
            return this;
        }

        /** Failures per client address in the window. */
        public Builder failuresPerAddress(int failures) {
            this.failuresPerAddress = failures;
            return this;
        }

        /** Failures per device token in the window. */
        public Builder failuresPerDeviceToken(int failures) {
            this.failuresPerDeviceToken = failures;
            return this;
        }

        /** How long a device token stays valid. */
        public Builder deviceTokenTtl(Duration ttl) {
            this.deviceTokenTtl = java.util.Objects.requireNonNull(ttl, "deviceTokenTtl");
            return this;
        }

        /** The limits; an {@link IllegalArgumentException} names a bad value. */
        public LoginLimits build() {
            Checks.require(Checks.between(failuresBeforeDelay, 3, 100), "failuresBeforeDelay must be from 3 to 100");
            Checks.require(Checks.between(failureWindow, Duration.ofMinutes(1), Duration.ofHours(24)),
                    "failureWindow must be from 1 minute to 24 hours");
            Checks.require(Checks.between(failuresBeforeLockout, 10, 1000)
                            && failuresBeforeLockout > failuresBeforeDelay,
                    "failuresBeforeLockout must be from 10 to 1000 and above failuresBeforeDelay");
            Checks.require(Checks.between(maxDelay, Duration.ofSeconds(1), Duration.ofHours(1)),
                    "maxDelay must be from 1 second to 1 hour");
            Checks.require(Checks.between(failuresPerAddress, 10, 100_000),
                    "failuresPerAddress must be from 10 to 100000");
            Checks.require(Checks.between(failuresPerDeviceToken, 3, 100),
                    "failuresPerDeviceToken must be from 3 to 100");
            Checks.require(Checks.between(deviceTokenTtl, Duration.ofDays(1), Duration.ofDays(400)),
                    "deviceTokenTtl must be from 1 day to 400 days");
            return new LoginLimits(this);
        }
    }
}
