package dev.latchkey.auth.testkit.contract;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.SigningKeyStore;
import dev.latchkey.auth.store.StoredSigningKey;
import org.junit.jupiter.api.Test;

/**
 * The {@link SigningKeyStore} contract: keys round-trip in generation order, a taken generation or key id is refused,
 * of concurrent inserts of one generation exactly one wins, and the re-encryption of a private key is a
 * compare-and-set. The stores must offer
 * {@link AuthStores#signingKeys()}.
 */
public abstract class SigningKeyStoreContract extends StoreContract {
    /** An RSA-sized row: the columns must hold a 2048-bit key's base64 public key and sealed private key. */
    private static StoredSigningKey key(String keyId, int generation) {
        byte[] publicKey = new byte[294];
        byte[] sealed = new byte[12 + 1218 + 16];
        publicKey[0] = (byte) generation;
        return new StoredSigningKey(keyId, generation, "RS256", Base64.getEncoder().encodeToString(publicKey),
                Base64.getEncoder().encodeToString(sealed), NOW, NOW.plus(Duration.ofHours(generation - 1L)));
    }

    private SigningKeyStore fresh() {
        return keys(freshStores());
    }

    private static SigningKeyStore keys(AuthStores stores) {
        return stores.signingKeys().orElseThrow(
                () -> new AssertionError("SigningKeyStoreContract needs stores whose signingKeys() is present"));
    }

    @Test
    void findAll_onAnEmptyTable_isEmpty() {
        assertThat(fresh().findAll()).isEmpty();
    }

    @Test
    void insertIfAbsent_thenFindAll_roundTripsEveryField() {
        SigningKeyStore keys = fresh();
        StoredSigningKey key = key("kid-1", 1);

        assertThat(keys.insertIfAbsent(key)).isTrue();

        assertThat(keys.findAll()).containsExactly(key);
    }

    @Test
    void findAll_ordersByGeneration() {
        SigningKeyStore keys = fresh();
        keys.insertIfAbsent(key("kid-c", 3));
        keys.insertIfAbsent(key("kid-a", 1));
        keys.insertIfAbsent(key("kid-b", 2));

        assertThat(keys.findAll()).extracting(StoredSigningKey::keyId).containsExactly("kid-a", "kid-b", "kid-c");
    }

    @Test
    void insertIfAbsent_withATakenGeneration_isRefused() {
        SigningKeyStore keys = fresh();
        keys.insertIfAbsent(key("kid-1", 1));

        assertThat(keys.insertIfAbsent(key("kid-2", 1))).isFalse();
        assertThat(keys.findAll()).extracting(StoredSigningKey::keyId).containsExactly("kid-1");
    }

    @Test
    void insertIfAbsent_withATakenKeyId_isRefused() {
        SigningKeyStore keys = fresh();
        keys.insertIfAbsent(key("kid-1", 1));

        assertThat(keys.insertIfAbsent(key("kid-1", 2))).isFalse();
        assertThat(keys.findAll()).hasSize(1);
    }

    @Test
    void insertIfAbsent_concurrentlyForOneGenerationAcrossTwoInstances_storesExactlyOne() throws Exception {
        AuthStores stores = freshStores();
        SigningKeyStore keys = keys(stores);
        SigningKeyStore second = keys(anotherInstance(stores));

        long wins = Concurrently.countTrue(20, i -> (i % 2 == 0 ? keys : second).insertIfAbsent(key("kid-" + i, 1)));

        assertThat(wins).isEqualTo(1);
        assertThat(keys.findAll()).hasSize(1);
    }

    @Test
    void delete_removesOnlyThatKey() {
        SigningKeyStore keys = fresh();
        keys.insertIfAbsent(key("kid-1", 1));
        keys.insertIfAbsent(key("kid-2", 2));

        assertThat(keys.delete("kid-1")).isTrue();
        assertThat(keys.delete("kid-1")).isFalse();
        assertThat(keys.findAll()).extracting(StoredSigningKey::keyId).containsExactly("kid-2");
    }

    @Test
    void replaceEncryptedPrivateKey_withTheCurrentValue_replacesOnlyThatColumn() {
        SigningKeyStore keys = fresh();
        StoredSigningKey key = key("kid-1", 1);
        keys.insertIfAbsent(key);
        String resealed = "@abcdefghijkl:" + key.encryptedPrivateKey();

        assertThat(keys.replaceEncryptedPrivateKey("kid-1", key.encryptedPrivateKey(), resealed)).isTrue();

        assertThat(keys.findAll()).containsExactly(new StoredSigningKey(key.keyId(), key.generation(),
                key.algorithm(), key.publicKey(), resealed, key.createdAt(), key.activatesAt()));
    }

    @Test
    void replaceEncryptedPrivateKey_withAStaleValue_isRefused() {
        SigningKeyStore keys = fresh();
        StoredSigningKey key = key("kid-1", 1);
        keys.insertIfAbsent(key);
        keys.replaceEncryptedPrivateKey("kid-1", key.encryptedPrivateKey(), "first");

        assertThat(keys.replaceEncryptedPrivateKey("kid-1", key.encryptedPrivateKey(), "second")).isFalse();
        assertThat(keys.replaceEncryptedPrivateKey("kid-2", "first", "second")).isFalse();
        assertThat(keys.findAll().get(0).encryptedPrivateKey()).isEqualTo("first");
    }

    @Test
    void replaceEncryptedPrivateKey_concurrentlyAcrossTwoInstances_replacesOnce() throws Exception {
        AuthStores stores = freshStores();
        SigningKeyStore keys = keys(stores);
        SigningKeyStore second = keys(anotherInstance(stores));
        StoredSigningKey key = key("kid-1", 1);
        keys.insertIfAbsent(key);

        long wins = Concurrently.countTrue(20, i -> (i % 2 == 0 ? keys : second)
                .replaceEncryptedPrivateKey("kid-1", key.encryptedPrivateKey(), "resealed-" + i));

        assertThat(wins).isEqualTo(1);
    }

    @Test
    void storedKey_toString_leavesTheKeyMaterialOut() {
        StoredSigningKey key = key("kid-1", 1);

        assertThat(key.toString()).contains("kid-1").doesNotContain(key.encryptedPrivateKey())
                .doesNotContain(key.publicKey());
    }
}
