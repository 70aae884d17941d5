package dev.latchkey.auth.keys.internal;

import dev.latchkey.auth.factor.KeyedCredentials;
import dev.latchkey.auth.internal.Core;
import dev.latchkey.auth.internal.KeyTag;
import dev.latchkey.auth.password.internal.PasswordHashes;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.StoredSigningKey;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the stored values that refer to each master key, by kind: password hashes of Latchkey's own formats (an
 * imported legacy hash has no pepper and refers to no key), the credential types factors declare
 * ({@link KeyedCredentials}), and encrypted signing keys. Untagged values count for the origin key. One read per kind.
 */
public final class ReferenceCounts {
    /** The kind of password hashes. */
    public static final String PASSWORD = Core.PASSWORD;
    /** The kind of encrypted signing keys. */
    public static final String SIGNING_KEY = "signing_key";

    private final AuthStores stores;
    private final List<KeyedCredentials> keyed;

    /** Counts over these stores, of Latchkey's own kinds and the factors' {@code keyed} credential types. */
    public ReferenceCounts(AuthStores stores, List<KeyedCredentials> keyed) {
        this.stores = stores;
        this.keyed = List.copyOf(keyed);
    }

    /** The declared credential types. */
    public List<KeyedCredentials> keyed() {
        return keyed;
    }

    /** Key id, then kind, then how many; kinds and keys without any are absent. */
    public Map<String, Map<String, Long>> count(String originId) {
        Map<String, Map<String, Long>> byKey = new TreeMap<>();
        stores.credentials().countByKeyId(PASSWORD).forEach((keyId, byFormat) -> byFormat.forEach((format, n) -> {
            if (PasswordHashes.isOwn(format.isEmpty() ? null : format)) {
                add(byKey, keyId.isEmpty() ? originId : keyId, PASSWORD, n);
            }
        }));
        for (KeyedCredentials k : keyed) {
            stores.credentials().countByKeyId(k.type()).forEach((keyId, byData) -> add(byKey,
                    keyId.isEmpty() ? originId : keyId, k.type(),
                    byData.values().stream().mapToLong(Long::longValue).sum()));
        }
        stores.signingKeys().ifPresent(store -> {
            for (StoredSigningKey key : store.findAll()) {
                String keyId = KeyTag.keyIdOf(key.encryptedPrivateKey());
                add(byKey, keyId == null ? originId : keyId, SIGNING_KEY, 1);
            }
        });
        return byKey;
    }

    private static void add(Map<String, Map<String, Long>> byKey, String keyId, String kind, long n) {
        if (n > 0) {
            byKey.computeIfAbsent(keyId, k -> new TreeMap<>()).merge(kind, n, Long::sum);
        }
    }
}
