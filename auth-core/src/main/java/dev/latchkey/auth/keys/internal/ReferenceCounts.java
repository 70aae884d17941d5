package dev.latchkey.auth.keys.internal;

import dev.latchkey.auth.factor.KeyedCredentials;
import dev.latchkey.auth.internal.Core;
import dev.latchkey.auth.internal.KeyTag;
import dev.latchkey.auth.password.internal.PasswordHashes;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.CredentialKeyCount;
import dev.latchkey.auth.store.StoredSigningKey;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the stored values that refer to each master key, by kind: password hashes of Latchkey's own formats (an
 * imported legacy hash has no pepper and refers to no key), every other credential whose secret is tagged with a key id
 * (whatever the counting instance's factors declare: an instance without the TOTP factor still sees TOTP secrets), and
 * encrypted signing keys. Untagged values count for the origin key when they are passwords, signing keys or of a
 * declared type; a used credential of a declared single-use type ({@link KeyedCredentials#singleUse()}, e.g. a used
 * recovery code) refers to nothing. Three reads: passwords, all other credentials (one GROUP BY), signing keys.
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
        Map<String, KeyedCredentials> declared = new TreeMap<>();
        keyed.forEach(k -> declared.put(k.type(), k));
        for (CredentialKeyCount c : stores.credentials().countAllByKeyId()) {
            KeyedCredentials k = declared.get(c.type());
            if (c.type().equals(PASSWORD) || (c.used() && k != null && k.singleUse())
                    || (c.keyId().isEmpty() && k == null)) {
                continue;
            }
            add(byKey, c.keyId().isEmpty() ? originId : c.keyId(), c.type(), c.count());
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
