package dev.latchkey.auth.password;

import dev.latchkey.auth.internal.Checks;

import java.util.regex.Pattern;

/**
 * How passwords are hashed and which ones are accepted (security bar items 1-7). Immutable; {@link #defaults()} or
 * {@link #newBuilder()}.
 */
public final class PasswordConfig {
    /** The built-in algorithm of new hashes. */
    public static final String BCRYPT = "bcrypt";
    private static final Pattern ALGORITHM = Pattern.compile("^[a-z0-9]{1,24}$");

    private final String hashAlgorithm;
    private final int bcryptCost;
    private final int minLength;
    private final int maxLength;

    private PasswordConfig(Builder b) {
        this.hashAlgorithm = b.hashAlgorithm;
        this.bcryptCost = b.bcryptCost;
        this.minLength = b.minLength;
        this.maxLength = b.maxLength;
    }

    /** Every default. */
    public static PasswordConfig defaults() {
        return newBuilder().build();
    }

    /** A builder with every default set. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * The algorithm new password hashes are made with: {@code bcrypt} (built in, the default) or the id of a
     * {@link PasswordHashing} registered on the service builder, such as {@code argon2id} from {@code auth-hashes}.
     * Changing it rehashes each password at its owner's next login; hashes of the other algorithms keep verifying
     * while it is registered.
     */
    public String hashAlgorithm() {
        return hashAlgorithm;
    }

    /** bcrypt cost factor: 10 to 20, default 11 (4 to 9 only through {@link Builder#insecureBcryptCostForTests}). */
    public int bcryptCost() {
        return bcryptCost;
    }

    /** Minimum length in Unicode code points: at least 8, default 8. */
    public int minLength() {
        return minLength;
    }

    /** Maximum length in Unicode code points: 64 to 1024, default 128. */
    public int maxLength() {
        return maxLength;
    }

    @Override
    public String toString() {
        return "PasswordConfig[hashAlgorithm=" + hashAlgorithm + ", bcryptCost=" + bcryptCost + ", minLength=" + minLength + ", maxLength=" + maxLength
                + "]";
    }

    /** Builds a {@link PasswordConfig}; {@link #build()} leaves the builder as it was. */
    public static final class Builder {
        private String hashAlgorithm = BCRYPT;
        private int bcryptCost = 11;
        private boolean lowCostAllowed;
        private int minLength = 8;
        private int maxLength = 128;

        private Builder() {
        }

        /** The algorithm of new hashes: {@code bcrypt}, or the id of a registered {@link PasswordHashing}. */
        public Builder hashAlgorithm(String id) {
            this.hashAlgorithm = id;
            return this;
        }

        /** The bcrypt cost, 10 to 20. */
        public Builder bcryptCost(int cost) {
            this.bcryptCost = cost;
            this.lowCostAllowed = false;
            return this;
        }

        /** A bcrypt cost of 4 to 9, which is too cheap for production: for test suites only. */
        public Builder insecureBcryptCostForTests(int cost) {
            this.bcryptCost = cost;
            this.lowCostAllowed = true;
            return this;
        }

        /** The minimum length in code points, at least 8. */
        public Builder minLength(int length) {
            this.minLength = length;
            return this;
        }

        /** The maximum length in code points, 64 to 1024. */
        public Builder maxLength(int length) {
            this.maxLength = length;
            return this;
        }

        /** The configuration; an {@link IllegalArgumentException} names a bad value. */
        public PasswordConfig build() {
            Checks.require(hashAlgorithm != null && ALGORITHM.matcher(hashAlgorithm).matches(),
                    "hashAlgorithm must be 1-24 of a-z 0-9, such as bcrypt or argon2id");
            if (lowCostAllowed) {
                Checks.require(Checks.between(bcryptCost, 4, 9),
                        "insecureBcryptCostForTests must be from 4 to 9; use bcryptCost for 10 and above");
            } else {
                Checks.require(Checks.between(bcryptCost, 10, 20), "bcryptCost must be from 10 to 20 (test suites "
                        + "may use insecureBcryptCostForTests(4..9))");
            }
            Checks.require(minLength >= 8, "minLength must be at least 8");
            Checks.require(Checks.between(maxLength, 64, 1024), "maxLength must be from 64 to 1024");
            Checks.require(minLength <= maxLength, "minLength must not exceed maxLength");
            return new PasswordConfig(this);
        }
    }
}
