package dev.latchkey.auth.testkit.memory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.StoredChallenge;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredUser;
import dev.latchkey.auth.store.UserStore;

/**
 * Accounts in memory. Identifying emails and phones are unique through two indexes; pending ones are in no index, so
 * any number of accounts may claim one and no lookup by identifying contact ever finds them.
 */
final class InMemoryUserStore implements UserStore {
    /** Oldest first, as {@link #list} and the newest pending registration need; the id breaks ties. */
    static final Comparator<StoredUser> BY_CREATION = Comparator.comparing(StoredUser::createdAt)
            .thenComparing(StoredUser::id);

    private final MemoryData data;

    InMemoryUserStore(MemoryData data) {
        this.data = data;
    }

    @Override
    public void insert(StoredUser user) {
        Objects.requireNonNull(user, "user");
        data.atomically(() -> {
            if (data.users.containsKey(user.id()) || isTaken(user, data.userIdsByEmail, StoredUser::email)
                    || isTaken(user, data.userIdsByPhone, StoredUser::phone)) {
                throw accountExists();
            }
            data.put(data.users, user.id(), user);
            index(null, user);
        });
    }

    @Override
    public Optional<StoredUser> findById(String id) {
        Objects.requireNonNull(id, "id");
        return data.atomically(() -> Optional.ofNullable(data.users.get(id)).map(this::derived));
    }

    @Override
    public Optional<StoredUser> findByEmail(String email) {
        Objects.requireNonNull(email, "email");
        return data.atomically(() -> Optional.ofNullable(data.userIdsByEmail.get(email)).map(data.users::get)
                .map(this::derived));
    }

    @Override
    public Optional<StoredUser> findByPhone(String phone) {
        Objects.requireNonNull(phone, "phone");
        return data.atomically(() -> Optional.ofNullable(data.userIdsByPhone.get(phone)).map(data.users::get)
                .map(this::derived));
    }

    @Override
    public Optional<StoredUser> findPendingRegistrationByEmail(String email) {
        Objects.requireNonNull(email, "email");
        return newestPendingRegistration(email, StoredUser::pendingEmail);
    }

    @Override
    public Optional<StoredUser> findPendingRegistrationByPhone(String phone) {
        Objects.requireNonNull(phone, "phone");
        return newestPendingRegistration(phone, StoredUser::pendingPhone);
    }

    @Override
    public boolean update(StoredUser next) {
        Objects.requireNonNull(next, "next");
        return data.atomically(() -> {
            StoredUser stored = data.users.get(next.id());
            if (stored == null || stored.version() != next.version() - 1) {
                return false;
            }
            if (isTaken(next, data.userIdsByEmail, StoredUser::email)
                    || isTaken(next, data.userIdsByPhone, StoredUser::phone)) {
                throw accountExists();
            }
            // The creation time is the insert's, as a database row's would be.
            StoredUser kept = new StoredUser(next.id(), next.email(), next.emailVerified(), next.phone(),
                    next.phoneVerified(), next.pendingEmail(), next.pendingPhone(), next.status(), next.roles(),
                    next.profile(), stored.createdAt(), next.updatedAt(), next.tokensValidFrom(), next.version());
            data.put(data.users, kept.id(), kept);
            index(stored, kept);
            return true;
        });
    }

    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id");
        return data.atomically(() -> {
            StoredUser removed = data.remove(data.users, id);
            if (removed == null) {
                return false;
            }
            index(removed, null);
            String externalId = data.remove(data.externalIdsByUserId, id);
            if (externalId != null) {
                data.remove(data.userIdsByExternalId, externalId);
            }
            for (String sessionId : List.copyOf(data.sessions.keySet())) {
                if (data.sessions.get(sessionId).userId().equals(id)) {
                    InMemoryRefreshTokenStore.deleteSession(data, sessionId);
                }
            }
            data.credentials.values().stream().filter(c -> c.userId().equals(id)).map(StoredCredential::id).toList()
                    .forEach(credentialId -> data.remove(data.credentials, credentialId));
            data.challenges.values().stream().filter(c -> id.equals(c.userId())).map(StoredChallenge::hash).toList()
                    .forEach(hash -> data.remove(data.challenges, hash));
            return true;
        });
    }

    @Override
    public List<StoredUser> list(int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return data.atomically(() -> data.users.values().stream()
                .sorted(BY_CREATION)
                .skip(offset)
                .limit(limit)
                .map(this::derived)
                .toList());
    }

    private Optional<StoredUser> newestPendingRegistration(String contact, Function<StoredUser, String> pending) {
        return data.atomically(() -> data.users.values().stream()
                .filter(u -> u.status() == AccountStatus.PENDING_VERIFICATION && contact.equals(pending.apply(u)))
                .max(BY_CREATION).map(this::derived));
    }

    /** The account as a read shows it: with {@code hasPassword} derived from the credentials, as a store must. */
    private StoredUser derived(StoredUser u) {
        boolean hasPassword = data.credentials.values().stream()
                .anyMatch(c -> c.userId().equals(u.id()) && c.type().equals("password"));
        return new StoredUser(u.id(), u.email(), u.emailVerified(), u.phone(), u.phoneVerified(), u.pendingEmail(),
                u.pendingPhone(), u.status(), u.roles(), u.profile(), u.createdAt(), u.updatedAt(), u.tokensValidFrom(),
                u.version(), hasPassword);
    }

    /** Whether {@code user}'s identifying contact of this kind already identifies another account. */
    private boolean isTaken(StoredUser user, Map<String, String> index, Function<StoredUser, String> contact) {
        String value = contact.apply(user);
        if (value == null) {
            return false;
        }
        String owner = index.get(value);
        return owner != null && !owner.equals(user.id());
    }

    /** Moves the identifying contacts in the indexes from {@code before} to {@code after} (either may be null). */
    private void index(StoredUser before, StoredUser after) {
        reindex(data.userIdsByEmail, before == null ? null : before.email(), after == null ? null : after.email(),
                before != null ? before.id() : after.id());
        reindex(data.userIdsByPhone, before == null ? null : before.phone(), after == null ? null : after.phone(),
                before != null ? before.id() : after.id());
    }

    private void reindex(Map<String, String> index, String before, String after, String userId) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null) {
            data.remove(index, before);
        }
        if (after != null) {
            data.put(index, after, userId);
        }
    }

    private static AuthException accountExists() {
        // Names neither the contact nor the account: the caller must not learn more than "taken".
        return new AuthException(AuthErrorCode.ACCOUNT_EXISTS, "The email or phone already belongs to an account");
    }
}
