package dev.latchkey.auth.imports;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One account to import, as the application kept it before Latchkey. Only an email or a phone is needed; everything
 * else is optional. Nothing is checked here: the import checks every field and reports a bad one as an
 * {@link ImportOutcome.Status#INVALID} outcome naming it, so a bad record never stops the others.
 */
public final class ImportedUser {
    private final String externalId;
    private final String email;
    private final boolean emailVerified;
    private final String phone;
    private final boolean phoneVerified;
    private final Map<String, String> profile;
    private final Set<String> roles;
    private final Instant createdAt;
    private final String passwordHash;

    private ImportedUser(Builder b) {
        this.externalId = b.externalId;
        this.email = b.email;
        this.emailVerified = b.emailVerified;
        this.phone = b.phone;
        this.phoneVerified = b.phoneVerified;
        this.profile = b.profile == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.profile));
        this.roles = b.roles == null ? null : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.roles));
        this.createdAt = b.createdAt;
        this.passwordHash = b.passwordHash;
    }

    /** A builder with nothing set. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The id the application knew the account by (1-255 characters): how a re-import finds it. */
    public Optional<String> externalId() {
        return Optional.ofNullable(externalId);
    }

    /** The email, as the application kept it (normalised on import). */
    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    /** Whether the application had proved the email. */
    public boolean emailVerified() {
        return emailVerified;
    }

    /** The phone, E.164 or national to the default phone region (normalised on import). */
    public Optional<String> phone() {
        return Optional.ofNullable(phone);
    }

    /** Whether the application had proved the phone. */
    public boolean phoneVerified() {
        return phoneVerified;
    }

    /** Profile fields; absent means none. */
    public Optional<Map<String, String>> profile() {
        return Optional.ofNullable(profile);
    }

    /** Roles; absent means the configured default roles. */
    public Optional<Set<String>> roles() {
        return Optional.ofNullable(roles);
    }

    /** When the account was created; absent means the time of the import. */
    public Optional<Instant> createdAt() {
        return Optional.ofNullable(createdAt);
    }

    /** The password hash in its original format; absent for an account without a password. */
    public Optional<String> passwordHash() {
        return Optional.ofNullable(passwordHash);
    }

    /** Leaves the contacts, profile and hash out. */
    @Override
    public String toString() {
        return "ImportedUser[externalId=" + (externalId != null) + ", passwordHash=" + (passwordHash != null) + "]";
    }

    /** Builds an {@link ImportedUser}; {@link #build()} leaves the builder as it was. */
    public static final class Builder {
        private String externalId;
        private String email;
        private boolean emailVerified;
        private String phone;
        private boolean phoneVerified;
        private Map<String, String> profile;
        private Set<String> roles;
        private Instant createdAt;
        private String passwordHash;

        private Builder() {
        }

        /** The id the application knew the account by; null for none. */
        public Builder externalId(String id) {
            this.externalId = id;
            return this;
        }

        /** The email and whether it was proved; a null email for none. */
        public Builder email(String address, boolean verified) {
            this.email = address;
            this.emailVerified = verified;
            return this;
        }

        /** The phone and whether it was proved; a null phone for none. */
        public Builder phone(String number, boolean verified) {
            this.phone = number;
            this.phoneVerified = verified;
            return this;
        }

        /** Profile fields; null for none. */
        public Builder profile(Map<String, String> fields) {
            this.profile = fields == null ? null : new LinkedHashMap<>(fields);
            return this;
        }

        /** Roles; null for the configured defaults. */
        public Builder roles(Set<String> names) {
            this.roles = names == null ? null : new LinkedHashSet<>(names);
            return this;
        }

        /** The creation time; null for the time of the import. */
        public Builder createdAt(Instant time) {
            this.createdAt = time;
            return this;
        }

        /** The password hash in its original format; null for none. */
        public Builder passwordHash(String hash) {
            this.passwordHash = hash;
            return this;
        }

        /** The record. */
        public ImportedUser build() {
            return new ImportedUser(this);
        }
    }
}
