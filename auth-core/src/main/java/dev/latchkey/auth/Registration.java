package dev.latchkey.auth;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a new account is registered with: an email, a phone or both (at least one), a password, optional profile
 * fields and roles.
 *
 * <p>Checked by the {@link AuthService}, not here: contacts are normalised, the password runs through the policy, and
 * profile field names must match {@code [a-z][a-z0-9_]{0,63}} (at most 32 fields of at most 1,000 characters).
 * {@link #toString()} never shows the password.
 */
public final class Registration {
    private final String email;
    private final String phone;
    private final String password;
    private final Map<String, String> profile;
    private final Set<String> roles;

    private Registration(Builder b) {
        this.email = b.email;
        this.phone = b.phone;
        this.password = Objects.requireNonNull(b.password, "password");
        this.profile = Map.copyOf(b.profile);
        this.roles = b.roles == null ? null : Set.copyOf(b.roles);
        if (email == null && phone == null) {
            throw new IllegalArgumentException("a registration needs an email or a phone");
        }
    }

    /** A builder. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The email as typed. */
    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    /** The phone as typed. */
    public Optional<String> phone() {
        return Optional.ofNullable(phone);
    }

    /** The password as typed. */
    public String password() {
        return password;
    }

    /** Profile fields. */
    public Map<String, String> profile() {
        return profile;
    }

    /** Roles chosen by the host; absent means {@link dev.latchkey.auth.accounts.AccountConfig#defaultRoles()}. Never take these from the client. */
    public Optional<Set<String>> roles() {
        return Optional.ofNullable(roles);
    }

    @Override
    public String toString() {
        return "Registration[email=" + (email == null ? null : Contact.mask(Contact.Kind.EMAIL, email))
                + ", phone=" + (phone == null ? null : Contact.mask(Contact.Kind.PHONE, phone))
                + ", profile=" + profile.keySet() + ", password=****]";
    }

    /** Builds a {@link Registration}. */
    public static final class Builder {
        private String email;
        private String phone;
        private String password;
        private final Map<String, String> profile = new LinkedHashMap<>();
        private Set<String> roles;

        private Builder() {
        }

        /** The email. */
        public Builder email(String email) {
            this.email = Objects.requireNonNull(email, "email");
            return this;
        }

        /** The phone. */
        public Builder phone(String phone) {
            this.phone = Objects.requireNonNull(phone, "phone");
            return this;
        }

        /** The password. */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** One profile field. */
        public Builder profileField(String name, String value) {
            profile.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Several profile fields. */
        public Builder profile(Map<String, String> fields) {
            Objects.requireNonNull(fields, "profile").forEach(this::profileField);
            return this;
        }

        /** Roles, replacing the configured defaults. */
        public Builder roles(Set<String> roles) {
            this.roles = new LinkedHashSet<>(Objects.requireNonNull(roles, "roles"));
            return this;
        }

        /**
         * The registration.
         *
         * @throws NullPointerException     without a password
         * @throws IllegalArgumentException with neither an email nor a phone (one of them is enough; both are fine)
         */
        public Registration build() {
            return new Registration(this);
        }
    }
}
