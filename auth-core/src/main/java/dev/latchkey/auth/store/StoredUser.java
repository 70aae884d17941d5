package dev.latchkey.auth.store;

import dev.latchkey.auth.AccountStatus;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An account as a {@link UserStore} keeps it. Credentials (the password hash among them) live apart, in the
 * {@link CredentialStore}.
 *
 * <p>An account has two kinds of contact. {@code email} and {@code phone} identify it: each is unique across accounts,
 * and login, login codes and password reset find the account by them. A contact someone claimed but nobody has
 * proved with a code waits in {@code pendingEmail} or {@code pendingPhone}: it is not unique, never identifies the
 * account, receives no login or reset code, and moves to {@code email}/{@code phone} only when a code sent to it is
 * confirmed (security bar item 32). An identifying contact that is not verified exists only on accounts the host
 * created directly, without verification.
 *
 * @param id               random identifier (a UUID string), never reused
 * @param email            normalised (trimmed, lower-case) identifying email, or null
 * @param emailVerified    whether {@code email} proved itself with a code
 * @param phone            E.164 identifying phone, or null
 * @param phoneVerified    whether {@code phone} proved itself with a code
 * @param pendingEmail     a claimed, unproved email, or null
 * @param pendingPhone     a claimed, unproved phone, or null
 * @param status           life-cycle state
 * @param roles            role names
 * @param profile          free-form profile fields (name, company, city, ...)
 * @param createdAt        creation time
 * @param updatedAt        last change
 * @param tokensValidFrom  access tokens issued (whole seconds) before this are rejected by the online check; null
 *                         when never revoked
 * @param version          optimistic-locking version, starting at 1
 * @param hasPassword      whether the account has a password credential: derived by the store on every read from its
 *                         {@link CredentialStore} (one statement), ignored on writes
 */
public record StoredUser(String id, String email, boolean emailVerified, String phone, boolean phoneVerified,
                         String pendingEmail, String pendingPhone, AccountStatus status, Set<String> roles,
                         Map<String, String> profile, Instant createdAt, Instant updatedAt, Instant tokensValidFrom,
                         long version, boolean hasPassword) {

    /** Checks the invariants and copies the collections. */
    public StoredUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (email == null && phone == null && pendingEmail == null && pendingPhone == null) {
            throw new IllegalArgumentException("an account needs an email or a phone");
        }
        roles = Set.copyOf(roles);
        profile = Map.copyOf(profile);
    }

    /** An account as written, before a store derives {@code hasPassword} (false). */
    public StoredUser(String id, String email, boolean emailVerified, String phone, boolean phoneVerified,
                      String pendingEmail, String pendingPhone, AccountStatus status, Set<String> roles,
                      Map<String, String> profile, Instant createdAt, Instant updatedAt, Instant tokensValidFrom,
                      long version) {
        this(id, email, emailVerified, phone, phoneVerified, pendingEmail, pendingPhone, status, roles, profile,
                createdAt, updatedAt, tokensValidFrom, version, false);
    }

    /**
     * The same account at another version. A writer reads version {@code n}, makes its changes with the
     * {@code with*} methods (which keep the version) and passes {@code withVersion(n + 1)} to
     * {@link UserStore#update(StoredUser)}.
     */
    public StoredUser withVersion(long newVersion) {
        return new StoredUser(id, email, emailVerified, phone, phoneVerified, pendingEmail, pendingPhone, status,
                roles, profile, createdAt, updatedAt, tokensValidFrom, newVersion, hasPassword);
    }

    /** A copy with a new status. */
    public StoredUser withStatus(AccountStatus newStatus, Instant now) {
        return new StoredUser(id, email, emailVerified, phone, phoneVerified, pendingEmail, pendingPhone, newStatus,
                roles, profile, createdAt, now, tokensValidFrom, version, hasPassword);
    }

    /** A copy with new roles. */
    public StoredUser withRoles(Set<String> newRoles, Instant now) {
        return new StoredUser(id, email, emailVerified, phone, phoneVerified, pendingEmail, pendingPhone, status,
                newRoles, profile, createdAt, now, tokensValidFrom, version, hasPassword);
    }

    /** A copy with a new profile. */
    public StoredUser withProfile(Map<String, String> newProfile, Instant now) {
        return new StoredUser(id, email, emailVerified, phone, phoneVerified, pendingEmail, pendingPhone, status,
                roles, newProfile, createdAt, now, tokensValidFrom, version, hasPassword);
    }

    /** A copy with a new identifying email and its verification state. */
    public StoredUser withEmail(String newEmail, boolean verified, Instant now) {
        return new StoredUser(id, newEmail, verified, phone, phoneVerified, pendingEmail, pendingPhone, status,
                roles, profile, createdAt, now, tokensValidFrom, version, hasPassword);
    }

    /** A copy with a new identifying phone and its verification state. */
    public StoredUser withPhone(String newPhone, boolean verified, Instant now) {
        return new StoredUser(id, email, emailVerified, newPhone, verified, pendingEmail, pendingPhone, status,
                roles, profile, createdAt, now, tokensValidFrom, version, hasPassword);
    }

    /** A copy with new pending (claimed, unproved) contacts; null clears one. */
    public StoredUser withPending(String newPendingEmail, String newPendingPhone, Instant now) {
        return new StoredUser(id, email, emailVerified, phone, phoneVerified, newPendingEmail, newPendingPhone, status,
                roles, profile, createdAt, now, tokensValidFrom, version, hasPassword);
    }

    /** A copy with a new access-token cut-off. */
    public StoredUser withTokensValidFrom(Instant cutOff, Instant now) {
        return new StoredUser(id, email, emailVerified, phone, phoneVerified, pendingEmail, pendingPhone, status,
                roles, profile, createdAt, now, cutOff, version, hasPassword);
    }

    /** Leaves the contacts and profile out. */
    @Override
    public String toString() {
        return "StoredUser[id=" + id + ", status=" + status + ", roles=" + roles + ", version=" + version + "]";
    }
}
