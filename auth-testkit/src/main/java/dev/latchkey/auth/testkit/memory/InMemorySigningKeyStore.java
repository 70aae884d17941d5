package dev.latchkey.auth.testkit.memory;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import dev.latchkey.auth.store.SigningKeyStore;
import dev.latchkey.auth.store.StoredSigningKey;

/**
 * Signing keys in memory. Like the SQL store's, its writes never join the caller's transaction: a key one instance
 * created and signs with stays, whatever happens to the work around the call.
 */
final class InMemorySigningKeyStore implements SigningKeyStore {
    private final MemoryData data;

    InMemorySigningKeyStore(MemoryData data) {
        this.data = data;
    }

    @Override
    public List<StoredSigningKey> findAll() {
        return data.atomically(() -> data.signingKeys.values().stream()
                .sorted(Comparator.comparingInt(StoredSigningKey::generation))
                .toList());
    }

    @Override
    public boolean insertIfAbsent(StoredSigningKey key) {
        Objects.requireNonNull(key, "key");
        return data.atomically(() -> {
            boolean taken = data.signingKeys.containsKey(key.keyId()) || data.signingKeys.values().stream()
                    .anyMatch(k -> k.generation() == key.generation());
            if (taken) {
                return false;
            }
            // Directly, not through the undo log: no rollback takes a key back.
            data.signingKeys.put(key.keyId(), key);
            return true;
        });
    }

    @Override
    public boolean delete(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        return data.atomically(() -> data.signingKeys.remove(keyId) != null);
    }

    @Override
    public boolean replaceEncryptedPrivateKey(String keyId, String expected, String replacement) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(replacement, "replacement");
        return data.atomically(() -> {
            StoredSigningKey k = data.signingKeys.get(keyId);
            if (k == null || !k.encryptedPrivateKey().equals(expected)) {
                return false;
            }
            // Directly, as inserts: no rollback takes a rewrite back.
            data.signingKeys.put(keyId, new StoredSigningKey(k.keyId(), k.generation(), k.algorithm(), k.publicKey(),
                    replacement, k.createdAt(), k.activatesAt()));
            return true;
        });
    }
}
