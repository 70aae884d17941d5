package dev.latchkey.auth.totp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The shape of new TOTP credentials (RFC 6238): hash function, digits, time step, and the issuer an authenticator app
 * shows. The defaults are what every authenticator app expects: SHA-1, 6 digits, 30-second steps. Immutable;
 * {@link #defaults()} or {@link #newBuilder()}.
 *
 * <p>Each credential remembers the shape it was enrolled with, so changing these settings affects new enrolments
 * only; codes of existing ones keep working. Verification always accepts the current step and one on each side (RFC
 * 6238 section 5.2), each step at most once per user.
 */
public final class TotpConfig {
    private final Optional<String> issuer;
    private final TotpAlgorithm algorithm;
    private final int digits;
    private final Duration period;

    private TotpConfig(Builder b) {
        this.issuer = Optional.ofNullable(b.issuer);
        this.algorithm = b.algorithm;
        this.digits = b.digits;
        this.period = b.period;
    }

    /** Every default. */
    public static TotpConfig defaults() {
        return newBuilder().build();
    }

    /** A builder with every default set. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * The issuer named in the {@code otpauth://} URI (its label prefix and {@code issuer} parameter), which
     * authenticator apps show beside the account: 1 to 100 characters without {@code :} or control characters;
     * default none, meaning the application name given to {@link TotpFactor#create(String, TotpConfig)}.
     */
    public Optional<String> issuer() {
        return issuer;
    }

    /** The HMAC hash function; default {@link TotpAlgorithm#SHA1}. */
    public TotpAlgorithm algorithm() {
        return algorithm;
    }

    /** Digits in a code: 6 or 8, default 6. */
    public int digits() {
        return digits;
    }

    /** The time step: whole seconds from 15 seconds to 2 minutes, default 30 seconds. */
    public Duration period() {
        return period;
    }

    @Override
    public String toString() {
        return "TotpConfig[issuer=" + issuer.orElse("(app name)") + ", algorithm=" + algorithm + ", digits=" + digits
                + ", period=" + period + "]";
    }

    /** Builds a {@link TotpConfig}; {@link #build()} leaves the builder as it was. */
    public static final class Builder {
        private String issuer;
        private TotpAlgorithm algorithm = TotpAlgorithm.SHA1;
        private int digits = 6;
        private Duration period = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The issuer authenticator apps show, instead of the application name. */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /**
         * The hash function. Many authenticator apps ignore the URI's {@code algorithm} and compute SHA-1 codes
         * whatever it says; choose another only for apps known to support it.
         */
        public Builder algorithm(TotpAlgorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /** Digits in a code. */
        public Builder digits(int digits) {
            this.digits = digits;
            return this;
        }

        /** The time step. Many authenticator apps support 30 seconds only. */
        public Builder period(Duration period) {
            this.period = Objects.requireNonNull(period, "period");
            return this;
        }

        /** The configuration; an {@link IllegalArgumentException} names a bad value. */
        public TotpConfig build() {
            if (issuer != null) {
                checkIssuer(issuer, "issuer");
            }
            require(digits == 6 || digits == 8, "digits must be 6 or 8");
            require(period.getNano() == 0 && period.getSeconds() >= 15 && period.getSeconds() <= 120,
                    "period must be whole seconds from 15 seconds to 2 minutes");
            return new TotpConfig(this);
        }
    }

    /** Checks an issuer (a configured one, or the application name standing in for it). */
    static String checkIssuer(String issuer, String name) {
        require(!issuer.isBlank() && issuer.length() <= 100, name + " must be 1 to 100 characters");
        require(issuer.chars().noneMatch(c -> c == ':' || Character.isISOControl(c)),
                name + " must not contain ':' or control characters (it is the label prefix of the otpauth URI)");
        return issuer;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
