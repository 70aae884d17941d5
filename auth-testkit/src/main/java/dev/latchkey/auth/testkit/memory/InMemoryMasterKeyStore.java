package dev.latchkey.auth.testkit.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import dev.latchkey.auth.store.MasterKeyStore;
import dev.latchkey.auth.store.StoredMasterKey;

/**
 * The master-key registry in memory. Like the signing keys, its writes never join the caller's transaction.
 */
final class InMemoryMasterKeyStore implements MasterKeyStore {
    private final MemoryData data;

    InMemoryMasterKeyStore(MemoryData data) {
        this.data = data;
    }

    @Override
    public List<StoredMasterKey> findAll() {
        return data.atomically(() -> data.masterKeys.values().stream()
                .sorted(Comparator.comparingInt(StoredMasterKey::generation))
                .toList());
    }

    @Override
    public boolean insertIfAbsent(StoredMasterKey key) {
        Objects.requireNonNull(key, "key");
        return data.atomically(() -> {
            boolean taken = data.masterKeys.containsKey(key.keyId()) || data.masterKeys.values().stream()
                    .anyMatch(k -> k.generation() == key.generation());
            if (taken) {
                return false;
            }
            data.masterKeys.put(key.keyId(), key);
            return true;
        });
    }

    @Override
    public boolean update(String keyId, Instant retiredAt, Instant removedAt) {
        Objects.requireNonNull(keyId, "keyId");
        return data.atomically(() -> {
            StoredMasterKey k = data.masterKeys.get(keyId);
            if (k == null) {
                return false;
            }
            data.masterKeys.put(keyId, new StoredMasterKey(k.keyId(), k.generation(), k.registeredAt(), retiredAt,
                    removedAt, null));
            return true;
        });
    }

    @Override
    public boolean withdraw(String keyId, Instant at) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(at, "at");
        return data.atomically(() -> {
            StoredMasterKey k = data.masterKeys.get(keyId);
            if (k == null || !k.announced() || k.removedAt() != null) {
                return false;
            }
            data.masterKeys.put(keyId, new StoredMasterKey(k.keyId(), k.generation(), k.registeredAt(), at, at, null));
            return true;
        });
    }
}
