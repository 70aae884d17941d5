package dev.latchkey.auth.store;

import dev.latchkey.auth.AccountStatus;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An account as a {@link UserStore} keeps it.
 *
 * @param id               random identifier (a UUID string), never reused
 * @param email            normalised (trimmed, lower-case) email, or null
 * @param emailVerified    whether the email proved itself with a code
 * @param phone            E.164 phone, or null; at least one of email and phone is set
 * @param phoneVerified    whether the phone proved itself with a code
 * @param passwordHash     the bcrypt hash of the peppered password, or null for a code-only account
 * @param status           life-cycle state
 * @param roles            role names
 * @param profile          free-form profile fields (name, company, city, ...)
 * @param createdAt        creation time
 * @param updatedAt        last change
 * @param tokensValidFrom  access tokens issued (whole seconds) before this are rejected by the online check; null
 *                         when never revoked
 * @param version          optimistic-locking version, starting at 1
 */
public record StoredUser(String id, String email, boolean emailVerified, String phone, boolean phoneVerified,
                         String passwordHash, AccountStatus status, Set<String> roles, Map<String, String> profile,
                         Instant createdAt, Instant updatedAt, Instant tokensValidFrom, long version) {

    /** Checks the invariants and copies the collections. */
    public StoredUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (email == null && phone == null) {
            throw new IllegalArgumentException("an account needs an email or a phone");
        }
        roles = Set.copyOf(roles);
        profile = Map.copyOf(profile);
    }

    /** A copy with the same id, creation time and version and the given other fields. */
    private StoredUser copy(String email, boolean emailVerified, String phone, boolean phoneVerified,
                            String passwordHash, AccountStatus status, Set<String> roles, Map<String, String> profile,
                            Instant updatedAt, Instant tokensValidFrom) {
        return new StoredUser(id, email, emailVerified, phone, phoneVerified, passwordHash, status, roles, profile,
                createdAt, updatedAt, tokensValidFrom, version);
    }

    /**
     * The same account at another version. A writer reads version {@code n}, makes its changes with the
     * {@code with*} methods (which keep the version) and passes {@code withVersion(n + 1)} to
     * {@link UserStore#update(StoredUser)}.
     */
    public StoredUser withVersion(long newVersion) {
        return new StoredUser(id, email, emailVerified, phone, phoneVerified, passwordHash, status, roles, profile,
                createdAt, updatedAt, tokensValidFrom, newVersion);
    }

    /** A copy with a new password hash. */
    public StoredUser withPasswordHash(String hash, Instant now) {
        return copy(email, emailVerified, phone, phoneVerified, hash, status, roles, profile, now, tokensValidFrom);
    }

    /** A copy with a new status. */
    public StoredUser withStatus(AccountStatus newStatus, Instant now) {
        return copy(email, emailVerified, phone, phoneVerified, passwordHash, newStatus, roles, profile, now,
                tokensValidFrom);
    }

    /** A copy with new roles. */
    public StoredUser withRoles(Set<String> newRoles, Instant now) {
        return copy(email, emailVerified, phone, phoneVerified, passwordHash, status, newRoles, profile, now,
                tokensValidFrom);
    }

    /** A copy with a new profile. */
    public StoredUser withProfile(Map<String, String> newProfile, Instant now) {
        return copy(email, emailVerified, phone, phoneVerified, passwordHash, status, roles, newProfile, now,
                tokensValidFrom);
    }

    /** A copy with a new email and its verification state. */
    public StoredUser withEmail(String newEmail, boolean verified, Instant now) {
        return copy(newEmail, verified, phone, phoneVerified, passwordHash, status, roles, profile, now,
                tokensValidFrom);
    }

    /** A copy with a new phone and its verification state. */
    public StoredUser withPhone(String newPhone, boolean verified, Instant now) {
        return copy(email, emailVerified, newPhone, verified, passwordHash, status, roles, profile, now,
                tokensValidFrom);
    }

    /** A copy with a new access-token cut-off. */
    public StoredUser withTokensValidFrom(Instant cutOff, Instant now) {
        return copy(email, emailVerified, phone, phoneVerified, passwordHash, status, roles, profile, now, cutOff);
    }

    /** Leaves the password hash out. */
    @Override
    public String toString() {
        return "StoredUser[id=" + id + ", status=" + status + ", roles=" + roles + ", version=" + version + "]";
    }
}
