package dev.latchkey.auth.code;

import dev.latchkey.auth.OtpTemplates;
import dev.latchkey.auth.internal.Checks;

import java.time.Duration;
import java.util.Objects;

/**
 * One-time codes: their shape, lifetimes, guess budgets and send throttling (security bar items 8-13). Immutable;
 * {@link #defaults()} or {@link #newBuilder()}.
 */
public final class CodeConfig {
    private final int length;
    private final Duration ttl;
    private final Duration loginTtl;
    private final int maxAttemptsPerCode;
    private final int failuresPerDestinationPerHour;
    private final int failuresPerAddressPerHour;
    private final Duration sendCooldown;
    private final int sendsPerDestinationPerHour;
    private final int sendsPerAddressPerHour;
    private final int changeSendsPerAccountPerHour;
    private final boolean loginCreatesAccounts;
    private final boolean loginByEmail;
    private final OtpTemplates templates;

    private CodeConfig(Builder b) {
        this.length = b.length;
        this.ttl = b.ttl;
        this.loginTtl = b.loginTtl;
        this.maxAttemptsPerCode = b.maxAttemptsPerCode;
        this.failuresPerDestinationPerHour = b.failuresPerDestinationPerHour;
        this.failuresPerAddressPerHour = b.failuresPerAddressPerHour;
        this.sendCooldown = b.sendCooldown;
        this.sendsPerDestinationPerHour = b.sendsPerDestinationPerHour;
        this.sendsPerAddressPerHour = b.sendsPerAddressPerHour;
        this.changeSendsPerAccountPerHour = b.changeSendsPerAccountPerHour;
        this.loginCreatesAccounts = b.loginCreatesAccounts;
        this.loginByEmail = b.loginByEmail;
        this.templates = b.templates;
    }

    /** Every default. */
    public static CodeConfig defaults() {
        return newBuilder().build();
    }

    /** A builder with every default set. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Digits in a code: 6 to 10, default 6. */
    public int length() {
        return length;
    }

    /** How long a verification, reset or contact-change code works: 1 to 60 minutes, default 5 minutes. */
    public Duration ttl() {
        return ttl;
    }

    /** How long a login code works: 1 to 10 minutes (NIST SP 800-63B), default 5 minutes. */
    public Duration loginTtl() {
        return loginTtl;
    }

    /** Wrong tries before a code dies: 1 to 10, default 5. */
    public int maxAttemptsPerCode() {
        return maxAttemptsPerCode;
    }

    /**
     * Wrong codes per destination in a sliding hour: 1 to 100, default 10. Only a wrong answer while a live
     * (unexpired, unconsumed) code of that purpose is there counts, so nobody spends it without a code to guess; each
     * code delivered to the destination starts the count anew, so the owner's fresh code is never blocked. Guessing
     * stays bounded by {@link #sendsPerDestinationPerHour()} codes an hour, each of {@link #maxAttemptsPerCode()}
     * tries. A spent budget answers like a wrong code.
     */
    public int failuresPerDestinationPerHour() {
        return failuresPerDestinationPerHour;
    }

    /**
     * Wrong codes per client address in a sliding hour, for any destination and whether or not a code is there: 1 to
     * 10000, default 30.
     */
    public int failuresPerAddressPerHour() {
        return failuresPerAddressPerHour;
    }

    /** Time between two codes to one destination: 1 second to 10 minutes, default 30 seconds. */
    public Duration sendCooldown() {
        return sendCooldown;
    }

    /** Codes per destination in a sliding hour: 1 to 100, default 5. */
    public int sendsPerDestinationPerHour() {
        return sendsPerDestinationPerHour;
    }

    /** Codes requested per client address in a sliding hour, against SMS toll fraud: 1 to 10000, default 30. */
    public int sendsPerAddressPerHour() {
        return sendsPerAddressPerHour;
    }

    /**
     * Contact-change codes per account in a sliding hour, so one account cannot send codes to number after number:
     * 1 to 100, default 5.
     */
    public int changeSendsPerAccountPerHour() {
        return changeSendsPerAccountPerHour;
    }

    /** Whether a first login by code creates a code-only account; default false. */
    public boolean loginCreatesAccounts() {
        return loginCreatesAccounts;
    }

    /** Whether login codes may go to an email (phones only by default). */
    public boolean loginByEmail() {
        return loginByEmail;
    }

    /** Subjects and bodies of every message; English defaults. */
    public OtpTemplates templates() {
        return templates;
    }

    @Override
    public String toString() {
        return "CodeConfig[length=" + length + ", ttl=" + ttl + ", loginTtl=" + loginTtl + ", maxAttemptsPerCode="
                + maxAttemptsPerCode + ", loginCreatesAccounts=" + loginCreatesAccounts + ", loginByEmail="
                + loginByEmail + "]";
    }

    /** Builds a {@link CodeConfig}; {@link #build()} leaves the builder as it was. */
    public static final class Builder {
        private int length = 6;
        private Duration ttl = Duration.ofMinutes(5);
        private Duration loginTtl = Duration.ofMinutes(5);
        private int maxAttemptsPerCode = 5;
        private int failuresPerDestinationPerHour = 10;
        private int failuresPerAddressPerHour = 30;
        private Duration sendCooldown = Duration.ofSeconds(30);
        private int sendsPerDestinationPerHour = 5;
        private int sendsPerAddressPerHour = 30;
        private int changeSendsPerAccountPerHour = 5;
        private boolean loginCreatesAccounts;
        private boolean loginByEmail;
        private OtpTemplates templates = OtpTemplates.defaults();

        private Builder() {
        }

        /** Digits in a code. */
        public Builder length(int digits) {
            this.length = digits;
            return this;
        }

        /** Lifetime of verification, reset and contact-change codes. */
        public Builder ttl(Duration ttl) {
            this.ttl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /** Lifetime of login codes. */
        public Builder loginTtl(Duration ttl) {
            this.loginTtl = Objects.requireNonNull(ttl, "loginTtl");
            return this;
        }

        /** Wrong tries before a code dies. */
        public Builder maxAttemptsPerCode(int attempts) {
            this.maxAttemptsPerCode = attempts;
            return this;
        }

        /** Wrong codes per destination per sliding hour. */
        public Builder failuresPerDestinationPerHour(int failures) {
            this.failuresPerDestinationPerHour = failures;
            return this;
        }

        /** Wrong codes per client address per sliding hour. */
        public Builder failuresPerAddressPerHour(int failures) {
            this.failuresPerAddressPerHour = failures;
            return this;
        }

        /** Time between two codes to one destination. */
        public Builder sendCooldown(Duration cooldown) {
            this.sendCooldown = Objects.requireNonNull(cooldown, "sendCooldown");
            return this;
        }

        /** Codes per destination per sliding hour. */
        public Builder sendsPerDestinationPerHour(int sends) {
            this.sendsPerDestinationPerHour = sends;
            return this;
        }

        /** Codes per client address per sliding hour. */
        public Builder sendsPerAddressPerHour(int sends) {
            this.sendsPerAddressPerHour = sends;
            return this;
        }

        /** Contact-change codes per account per sliding hour. */
        public Builder changeSendsPerAccountPerHour(int sends) {
            this.changeSendsPerAccountPerHour = sends;
            return this;
        }

        /** Whether a first login by code creates a code-only account. */
        public Builder loginCreatesAccounts(boolean create) {
            this.loginCreatesAccounts = create;
            return this;
        }

        /**
         * Lets login codes go to emails. A mailbox is often a weaker proof than a phone and shared more; turn it on
         * knowingly.
         */
        public Builder allowLoginCodesByEmail() {
            this.loginByEmail = true;
            return this;
        }

        /** The message templates. */
        public Builder templates(OtpTemplates templates) {
            this.templates = Objects.requireNonNull(templates, "templates");
            return this;
        }

        /** The configuration; an {@link IllegalArgumentException} names a bad value. */
        public CodeConfig build() {
            Checks.require(Checks.between(length, 6, 10), "length must be from 6 to 10");
            Checks.require(Checks.between(ttl, Duration.ofMinutes(1), Duration.ofMinutes(60)),
                    "ttl must be from 1 to 60 minutes");
            Checks.require(Checks.between(loginTtl, Duration.ofMinutes(1), Duration.ofMinutes(10)),
                    "loginTtl must be from 1 to 10 minutes");
            Checks.require(Checks.between(maxAttemptsPerCode, 1, 10), "maxAttemptsPerCode must be from 1 to 10");
            Checks.require(Checks.between(failuresPerDestinationPerHour, 1, 100),
                    "failuresPerDestinationPerHour must be from 1 to 100");
            Checks.require(Checks.between(failuresPerAddressPerHour, 1, 10_000),
                    "failuresPerAddressPerHour must be from 1 to 10000");
            Checks.require(Checks.between(sendCooldown, Duration.ofSeconds(1), Duration.ofMinutes(10)),
                    "sendCooldown must be from 1 second to 10 minutes");
            Checks.require(Checks.between(sendsPerDestinationPerHour, 1, 100),
                    "sendsPerDestinationPerHour must be from 1 to 100");
            Checks.require(Checks.between(sendsPerAddressPerHour, 1, 10_000),
                    "sendsPerAddressPerHour must be from 1 to 10000");
            Checks.require(Checks.between(changeSendsPerAccountPerHour, 1, 100),
                    "changeSendsPerAccountPerHour must be from 1 to 100");
            return new CodeConfig(this);
        }
    }
}
