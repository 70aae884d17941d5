package dev.latchkey.auth;

import dev.latchkey.auth.store.StoredUser;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An account as the host sees it: contacts, verification state, status, roles and profile; never the hash. */
public final class User {
    private final StoredUser stored;
    private final boolean hasPassword;

    private User(StoredUser stored, boolean hasPassword) {
        this.stored = stored;
        this.hasPassword = hasPassword;
    }

    static User of(StoredUser stored) {
        return new User(stored, true);
    }

    /** The account's id. */
    public String id() {
        return stored.id();
    }

    /** The normalised email. */
    public Optional<String> email() {
        return Optional.ofNullable(stored.email());
    }

    /** Whether the email was proved with a code. */
    public boolean emailVerified() {
        return stored.emailVerified();
    }

    /** The E.164 phone. */
    public Optional<String> phone() {
        return Optional.ofNullable(stored.phone());
    }

    /** Whether the phone was proved with a code. */
    public boolean phoneVerified() {
        return stored.phoneVerified();
    }

    /** Whether the account has a password (accounts created by code login may not). */
    public boolean hasPassword() {
        return hasPassword;
    }

    /** The account's status. */
    public AccountStatus status() {
        return stored.status();
    }

    /** The account's roles. */
    public Set<String> roles() {
        return stored.roles();
    }

    /** Free-form profile fields. */
    public Map<String, String> profile() {
        return stored.profile();
    }

    /** When the account was created. */
    public Instant createdAt() {
        return stored.createdAt();
    }

    /** When the account last changed. */
    public Instant updatedAt() {
        return stored.updatedAt();
    }

    /** The optimistic-locking version, for {@link AuthService#updateProfile(String, Map, long)}. */
    public long version() {
        return stored.version();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof User other && other.stored.equals(stored);
    }

    @Override
    public int hashCode() {
        return stored.hashCode();
    }

    @Override
    public String toString() {
        return "User[id=" + id() + ", status=" + status() + ", roles=" + roles() + ", version=" + version() + "]";
    }
}
