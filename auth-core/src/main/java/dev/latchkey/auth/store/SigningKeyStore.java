package dev.latchkey.auth.store;

import java.util.List;

/**
 * The shared set of access-token signing keys, so that every instance over one store signs and verifies with the
 * same keys (see {@link dev.latchkey.auth.token.SigningConfig.Builder#algorithm}).
 *
 * <p>The store only keeps rows; generating, encrypting, activating and retiring keys is the service's work. Every
 * method throws {@link dev.latchkey.auth.AuthException} with {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE}
 * when the store fails.
 */
public interface SigningKeyStore {
    /** Every key, lowest generation first. */
    List<StoredSigningKey> findAll();

    /**
     * Adds {@code key} unless its generation or key id is taken. Of concurrent callers inserting the same generation,
     * exactly one gets true: this is what keeps instances starting together from creating two active keys.
     */
    boolean insertIfAbsent(StoredSigningKey key);

    /** Deletes the key with this id; false if there was none. */
    boolean delete(String keyId);

    /**
     * Replaces the key's encrypted private key if it is still {@code expected} (compare-and-set, one atomic write):
     * re-encrypting it under a new master key never overwrites another instance's rewrite. True when replaced.
     */
    boolean replaceEncryptedPrivateKey(String keyId, String expected, String replacement);
}
