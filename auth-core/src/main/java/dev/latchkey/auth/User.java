package dev.latchkey.auth;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An account as the host sees it: contacts and their verification state, status, roles and profile. It holds no
 * secret, so its {@code equals} compares none.
 *
 * @param id            the account's id
 * @param email         the identifying email (unique across accounts)
 * @param emailVerified whether the email was proved with a code
 * @param phone         the identifying E.164 phone
 * @param phoneVerified whether the phone was proved with a code
 * @param pendingEmail  an email claimed but not proved yet; it identifies nothing until proved
 * @param pendingPhone  a phone claimed but not proved yet
 * @param hasPassword   whether the account has a password (accounts made by code login may not)
 * @param status        the account's status
 * @param roles         the account's roles
 * @param profile       free-form profile fields
 * @param createdAt     when the account was created
 * @param updatedAt     when the account last changed
 * @param version       the optimistic-locking version, for
 *                      {@link dev.latchkey.auth.accounts.Accounts#updateProfile(String, Map, long)}
 */
public record User(String id, Optional<String> email, boolean emailVerified, Optional<String> phone,
                   boolean phoneVerified, Optional<String> pendingEmail, Optional<String> pendingPhone,
                   boolean hasPassword, AccountStatus status, Set<String> roles, Map<String, String> profile,
                   Instant createdAt, Instant updatedAt, long version) {
    /** Checks and copies the fields. */
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(pendingEmail, "pendingEmail");
        Objects.requireNonNull(pendingPhone, "pendingPhone");
        Objects.requireNonNull(status, "status");
        roles = Set.copyOf(roles);
        profile = Map.copyOf(profile);
    }

    /** Leaves contacts and profile out. */
    @Override
    public String toString() {
        return "User[id=" + id + ", status=" + status + ", roles=" + roles + ", version=" + version + "]";
    }
}
