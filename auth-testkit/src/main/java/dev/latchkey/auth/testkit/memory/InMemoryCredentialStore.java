package dev.latchkey.auth.testkit.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.CredentialKeyCount;
import dev.latchkey.auth.store.CredentialStore;
import dev.latchkey.auth.store.StoredCredential;

/**
 * Credentials in memory. A credential needs its account to exist, as a foreign key would demand, and goes when the
 * account is deleted. Every conditional write is one step under the data's lock.
 */
final class InMemoryCredentialStore implements CredentialStore {
    private static final Comparator<StoredCredential> OLDEST_FIRST = Comparator
            .comparing(StoredCredential::createdAt).thenComparing(StoredCredential::id);

    private final MemoryData data;

    InMemoryCredentialStore(MemoryData data) {
        this.data = data;
    }

    @Override
    public void insert(StoredCredential credential) {
        Objects.requireNonNull(credential, "credential");
        data.atomically(() -> {
            checkInsertable(credential);
            data.put(data.credentials, credential.id(), credential);
        });
    }

    @Override
    public void replaceAll(String userId, String type, List<StoredCredential> replacements) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        List<StoredCredential> next = List.copyOf(Objects.requireNonNull(replacements, "replacements"));
        for (StoredCredential credential : next) {
            if (!credential.userId().equals(userId) || !credential.type().equals(type)) {
                throw new IllegalArgumentException("a replacement belongs to another user or type");
            }
        }
        data.atomically(() -> {
            find(c -> c.userId().equals(userId) && c.type().equals(type))
                    .forEach(old -> data.remove(data.credentials, old.id()));
            Set<String> externalIds = new HashSet<>();
            for (StoredCredential credential : next) {
                if (credential.externalId() != null && !externalIds.add(credential.externalId())) {
                    throw externalIdTaken();
                }
                checkInsertable(credential);
                data.put(data.credentials, credential.id(), credential);
            }
        });
    }

    @Override
    public List<StoredCredential> findByUser(String userId, String type) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        return data.atomically(() -> find(c -> c.userId().equals(userId) && c.type().equals(type)));
    }

    @Override
    public List<StoredCredential> findByUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        return data.atomically(() -> find(c -> c.userId().equals(userId)));
    }

    @Override
    public Optional<StoredCredential> findByExternalId(String type, String externalId) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(externalId, "externalId");
        return data.atomically(() -> find(c -> c.type().equals(type) && externalId.equals(c.externalId())).stream()
                .findFirst());
    }

    @Override
    public boolean replaceSecret(String id, String expectedSecret, String newSecret) {
        Objects.requireNonNull(id, "id");
        return change(id, c -> Objects.equals(c.secret(), expectedSecret), c -> c.withSecret(newSecret));
    }

    @Override
    public boolean replaceSecret(String id, String expectedSecret, String newSecret, String newData) {
        Objects.requireNonNull(id, "id");
        return expectedSecret != null && change(id, c -> expectedSecret.equals(c.secret()), c -> new StoredCredential(c.id(),
                c.userId(), c.type(), c.externalId(), c.label(), newSecret, newData, c.counter(), c.createdAt(),
                c.lastUsedAt()));
    }

    @Override
    public Map<String, Long> countByData(String type) {
        Objects.requireNonNull(type, "type");
        return data.atomically(() -> {
            Map<String, Long> counts = new TreeMap<>();
            for (StoredCredential c : data.credentials.values()) {
                if (c.type().equals(type)) {
                    counts.merge(c.data() == null ? "" : c.data(), 1L, Long::sum);
                }
            }
            return Map.copyOf(counts);
        });
    }

    @Override
    public boolean advanceCounter(String id, long next, Instant usedAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(usedAt, "usedAt");
        return change(id, c -> c.counter() < next, c -> copy(c, c.label(), next, usedAt));
    }

    @Override
    public boolean recordUse(String id, long expectedCounter, long next, Instant usedAt, String newData) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(usedAt, "usedAt");
        return change(id, c -> c.counter() == expectedCounter, c -> new StoredCredential(c.id(), c.userId(), c.type(),
                c.externalId(), c.label(), c.secret(), newData, next, c.createdAt(), usedAt));
    }

    @Override
    public boolean markUsedOnce(String id, Instant usedAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(usedAt, "usedAt");
        return change(id, c -> c.lastUsedAt() == null, c -> copy(c, c.label(), c.counter(), usedAt));
    }

    @Override
    public void touch(String id, Instant usedAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(usedAt, "usedAt");
        change(id, c -> true, c -> copy(c, c.label(), c.counter(), usedAt));
    }

    @Override
    public boolean relabel(String userId, String id, String label) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(id, "id");
        return change(id, c -> c.userId().equals(userId), c -> copy(c, label, c.counter(), c.lastUsedAt()));
    }

    @Override
    public boolean delete(String userId, String id) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(id, "id");
        return data.atomically(() -> {
            StoredCredential credential = data.credentials.get(id);
            if (credential == null || !credential.userId().equals(userId)) {
                return false;
            }
            data.remove(data.credentials, id);
            return true;
        });
    }

    /** Replaces the credential by {@code change} of it if it exists and meets {@code condition}, in one step. */
    private boolean change(String id, Predicate<StoredCredential> condition, UnaryOperator<StoredCredential> change) {
        return data.atomically(() -> {
            StoredCredential credential = data.credentials.get(id);
            if (credential == null || !condition.test(credential)) {
                return false;
            }
            data.put(data.credentials, id, change.apply(credential));
            return true;
        });
    }

    private List<StoredCredential> find(Predicate<StoredCredential> filter) {
        return data.credentials.values().stream().filter(filter).sorted(OLDEST_FIRST).toList();
    }

    private void checkInsertable(StoredCredential credential) {
        if (!data.users.containsKey(credential.userId())) {
            throw new AuthException(AuthErrorCode.NOT_FOUND, "The account of the credential does not exist");
        }
        if (data.credentials.containsKey(credential.id())) {
            throw MemoryData.integrityViolation("A credential with this id already exists");
        }
        if (credential.externalId() != null && data.credentials.values().stream().anyMatch(
                c -> c.type().equals(credential.type()) && credential.externalId().equals(c.externalId()))) {
            throw externalIdTaken();
        }
    }

    private static AuthException externalIdTaken() {
        return new AuthException(AuthErrorCode.ACCOUNT_EXISTS, "Another credential of this type has this external id");
    }

    private static StoredCredential copy(StoredCredential c, String label, long counter, Instant lastUsedAt) {
        return new StoredCredential(c.id(), c.userId(), c.type(), c.externalId(), label, c.secret(), c.data(), counter,
                c.createdAt(), lastUsedAt);
    }

    @Override
    public List<StoredCredential> findByType(String type, String afterId, int limit) {
        Objects.requireNonNull(type, "type");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return data.atomically(() -> data.credentials.values().stream()
                .filter(c -> c.type().equals(type) && (afterId == null || c.id().compareTo(afterId) > 0))
                .sorted(java.util.Comparator.comparing(StoredCredential::id))
                .limit(limit)
                .toList());
    }

    @Override
    public Map<String, Map<String, Long>> countByKeyId(String type) {
        Objects.requireNonNull(type, "type");
        return data.atomically(() -> {
            Map<String, Map<String, Long>> counts = new TreeMap<>();
            for (StoredCredential c : data.credentials.values()) {
                if (c.type().equals(type)) {
                    counts.computeIfAbsent(keyIdOf(c.secret()), k -> new TreeMap<>())
                            .merge(c.data() == null ? "" : c.data(), 1L, Long::sum);
                }
            }
            Map<String, Map<String, Long>> copy = new TreeMap<>();
            counts.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
            return Map.copyOf(copy);
        });
    }

    @Override
    public List<CredentialKeyCount> countAllByKeyId() {
        return data.atomically(() -> {
            Map<List<Object>, Long> counts = new LinkedHashMap<>();
            for (StoredCredential c : data.credentials.values()) {
                counts.merge(List.of(c.type(), keyIdOf(c.secret()), c.lastUsedAt() != null), 1L, Long::sum);
            }
            return counts.entrySet().stream().map(e -> new CredentialKeyCount((String) e.getKey().get(0),
                    (String) e.getKey().get(1), (Boolean) e.getKey().get(2), e.getValue())).toList();
        });
    }

    /** The master-key id a secret is tagged with ({@code @<12 characters>:...}), or {@code ""}. */
    private static String keyIdOf(String secret) {
        return secret != null && secret.length() >= 14 && secret.charAt(0) == '@' && secret.charAt(13) == ':'
                ? secret.substring(1, 13) : "";
    }
}
