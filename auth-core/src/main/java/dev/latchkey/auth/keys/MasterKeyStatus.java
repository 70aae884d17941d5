package dev.latchkey.auth.keys;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every master key this instance has or the database relies on, the current one first, with the stored values that
 * refer to each.
 *
 * @param currentKeyId the id of the key new values are made under
 * @param keys         every key, the current one first
 */
public record MasterKeyStatus(String currentKeyId, List<KeyReferences> keys) {
    /** Copies the list. */
    public MasterKeyStatus {
        Objects.requireNonNull(currentKeyId, "currentKeyId");
        keys = List.copyOf(keys);
    }

    /** The key with this id. */
    public Optional<KeyReferences> key(String keyId) {
        return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }
}
