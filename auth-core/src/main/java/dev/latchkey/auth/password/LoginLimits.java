package dev.latchkey.auth.password;

import dev.latchkey.auth.internal.Checks;

import java.time.Duration;

/**
 * Brute-force limits on password checks (security bar item 28), counted in the stores so every instance shares them.
 * Immutable; {@link #defaults()} or {@link #newBuilder()}.
 */
public final class LoginLimits {
    private final int failuresBeforeDelay;
    private final Duration failureWindow;
    private final Duration maxDelay;
    private final int failuresBeforeLockout;
    private final int failuresPerAddress;

    private LoginLimits(Builder b) {
        this.failuresBeforeDelay = b.failuresBeforeDelay;
        this.failureWindow = b.failureWindow;
        this.maxDelay = b.maxDelay;
        this.failuresBeforeLockout = b.failuresBeforeLockout;
        this.failuresPerAddress = b.failuresPerAddress;
    }

    /** Every default. */
    public static LoginLimits defaults() {
        return newBuilder().build();
    }

    /** A builder with every default set. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Failed logins per account in the window before delays start: 3 to 100, default 10. */
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

    /** Consecutive failures that lock the account until a password reset: 10 to 1000, default 100. */
    public int failuresBeforeLockout() {
        return failuresBeforeLockout;
    }

    /** Failed logins per client address in the window: 10 to 100000, default 100 (an office behind one NAT). */
    public int failuresPerAddress() {
        return failuresPerAddress;
    }

    @Override
    public String toString() {
        return "LoginLimits[failuresBeforeDelay=" + failuresBeforeDelay + ", failureWindow=" + failureWindow
                + ", maxDelay=" + maxDelay + ", failuresBeforeLockout=" + failuresBeforeLockout
                + ", failuresPerAddress=" + failuresPerAddress + "]";
    }

    /** Builds {@link LoginLimits}; {@link #build()} leaves the builder as it was. */
    public static final class Builder {
        private int failuresBeforeDelay = 10;
        private Duration failureWindow = Duration.ofMinutes(15);
        private Duration maxDelay = Duration.ofMinutes(15);
        private int failuresBeforeLockout = 100;
        private int failuresPerAddress = 100;

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
            return new LoginLimits(this);
        }
    }
}
