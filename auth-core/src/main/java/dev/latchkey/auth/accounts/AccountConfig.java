package dev.latchkey.auth.accounts;

import dev.latchkey.auth.internal.Checks;
import dev.latchkey.auth.internal.ContactNormalizer;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What new accounts get and how their phones are read. Immutable; {@link #defaults()} or {@link #newBuilder()}. */
public final class AccountConfig {
    /** What a role may be called: 1-64 of {@code A-Z a-z 0-9 _ . : -}, starting with a letter or digit. */
    public static final Pattern ROLE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$");

    private final Set<String> defaultRoles;
    private final String defaultPhoneRegion;

    private AccountConfig(Builder b) {
        this.defaultRoles = Set.copyOf(b.defaultRoles);
        this.defaultPhoneRegion = b.defaultPhoneRegion;
    }

    /** Every default. */
    public static AccountConfig defaults() {
        return newBuilder().build();
    }

    /** A builder with every default set. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Roles every new account gets; default {@code user}. */
    public Set<String> defaultRoles() {
        return defaultRoles;
    }

    /** ISO 3166 region for phone numbers typed without {@code +}; default none (international form required). */
    public Optional<String> defaultPhoneRegion() {
        return Optional.ofNullable(defaultPhoneRegion);
    }

    @Override
    public String toString() {
        return "AccountConfig[defaultRoles=" + defaultRoles + ", defaultPhoneRegion=" + defaultPhoneRegion + "]";
    }

    /** Builds an {@link AccountConfig}; {@link #build()} leaves the builder as it was. */
    public static final class Builder {
        private Set<String> defaultRoles = Set.of("user");
        private String defaultPhoneRegion;

        private Builder() {
        }

        /** Roles of every new account. */
        public Builder defaultRoles(Set<String> roles) {
            this.defaultRoles = new LinkedHashSet<>(Objects.requireNonNull(roles, "defaultRoles"));
            return this;
        }

        /** The region of numbers typed without {@code +}. */
        public Builder defaultPhoneRegion(String region) {
            this.defaultPhoneRegion = Objects.requireNonNull(region, "defaultPhoneRegion");
            return this;
        }

        /** The configuration; an {@link IllegalArgumentException} names a bad value. */
        public AccountConfig build() {
            for (String role : defaultRoles) {
                Checks.require(role != null && ROLE.matcher(role).matches(), "defaultRoles has an invalid role name");
            }
            Checks.require(defaultPhoneRegion == null || ContactNormalizer.isKnownRegion(defaultPhoneRegion),
                    "defaultPhoneRegion is not a known ISO 3166 region: " + defaultPhoneRegion);
            return new AccountConfig(this);
        }
    }
}
