package dev.latchkey.auth.factor;

import dev.latchkey.auth.internal.Checks;

import java.time.Duration;
import java.util.Objects;

/**
 * Who must have a second factor, and how recent authentication must be for sensitive operations (step-up, RFC 9470).
 * Immutable; {@link #defaults()} or {@link #newBuilder()}.
 */
public final class SecondFactorConfig {
    private final SecondFactorPolicy policy;
    private final Duration reauthenticationMaxAge;

    private SecondFactorConfig(Builder b) {
        this.policy = b.policy;
        this.reauthenticationMaxAge = b.reauthenticationMaxAge;
    }

    /** Every default. */
    public static SecondFactorConfig defaults() {
        return newBuilder().build();
    }

    /** A builder with every default set. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Who must have a second factor; default {@link SecondFactorPolicy#optional()}. */
    public SecondFactorPolicy policy() {
        return policy;
    }

    /**
     * How long after authenticating a caller may change their password or contacts, delete their account, or enrol
     * or remove a factor: 1 minute to 24 hours, default 10 minutes.
     */
    public Duration reauthenticationMaxAge() {
        return reauthenticationMaxAge;
    }

    @Override
    public String toString() {
        return "SecondFactorConfig[policy=" + policy + ", reauthenticationMaxAge=" + reauthenticationMaxAge + "]";
    }

    /** Builds a {@link SecondFactorConfig}; {@link #build()} leaves the builder as it was. */
    public static final class Builder {
        private SecondFactorPolicy policy = SecondFactorPolicy.optional();
        private Duration reauthenticationMaxAge = Duration.ofMinutes(10);

        private Builder() {
        }

        /** Who must have a second factor. */
        public Builder policy(SecondFactorPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How recent authentication must be for sensitive operations. */
        public Builder reauthenticationMaxAge(Duration maxAge) {
            this.reauthenticationMaxAge = Objects.requireNonNull(maxAge, "reauthenticationMaxAge");
            return this;
        }

        /** The configuration; an {@link IllegalArgumentException} names a bad value. */
        public SecondFactorConfig build() {
            Checks.require(Checks.between(reauthenticationMaxAge, Duration.ofMinutes(1), Duration.ofHours(24)),
                    "reauthenticationMaxAge must be from 1 minute to 24 hours");
            return new SecondFactorConfig(this);
        }
    }
}
