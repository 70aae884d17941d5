package dev.latchkey.auth.internal;

import dev.latchkey.auth.SigningAlgorithm;

import javax.crypto.AEADBadTagException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link SigningKeyCipher}s under the key-encryption key of every configured master key: sealing uses the current
 * one and tags the result with its key id ({@link KeyTag}); opening uses the key the value is tagged with (untagged:
 * the origin), so it costs one decryption whatever the number of keys.
 */
public final class KekRing {
    private final Keyring keyring;
    private final Map<String, SigningKeyCipher> ciphers = new HashMap<>();

    /** The ciphers of every key of {@code keyring} that has a key-encryption key. */
    public KekRing(Keyring keyring) {
        this.keyring = keyring;
        for (Secrets.Keys k : keyring.all()) {
            if (k.keyEncryptionKey() != null) {
                ciphers.put(k.keyId(), new SigningKeyCipher(k.keyEncryptionKey()));
            }
        }
    }

    /** Whether the current key can encrypt. */
    public boolean canSeal() {
        return ciphers.containsKey(keyring.currentId());
    }

    /** Whether {@code sealed} is to be sealed again under the current key ({@link Keyring#isOlder}). */
    public boolean isOlder(String sealed) {
        return keyring.isOlder(sealed);
    }

    /** The id of the master key new values are sealed under. */
    public String currentKeyId() {
        return keyring.currentId();
    }

    /** The key id {@code sealed} is under. */
    public String keyIdOf(String sealed) {
        return keyring.keyIdOf(sealed);
    }

    /** As {@link SigningKeyCipher#seal}, under the current key, tagged. */
    public String seal(String keyId, SigningAlgorithm algorithm, String publicKey, PrivateKey privateKey) {
        return KeyTag.tag(keyring.currentId(), current().seal(keyId, algorithm, publicKey, privateKey));
    }

    /** As {@link SigningKeyCipher#open}, under the key {@code sealed} is tagged with. */
    public PrivateKey open(String keyId, SigningAlgorithm algorithm, String publicKey, String sealed)
            throws GeneralSecurityException {
        SigningKeyCipher cipher = ciphers.get(keyring.keyIdOf(sealed));
        if (cipher == null) {
            throw new AEADBadTagException("sealed under master key " + keyring.keyIdOf(sealed)
                    + ", which is not configured");
        }
        return cipher.open(keyId, algorithm, publicKey, KeyTag.valueOf(sealed));
    }

    /** As {@link SigningKeyCipher#encrypt}, under the current key, tagged. */
    public String encrypt(byte[] plain, byte[] associated) {
        return KeyTag.tag(keyring.currentId(), current().encrypt(plain, associated));
    }

    /**
     * As {@link SigningKeyCipher#decrypt}, under the key {@code sealed} is tagged with.
     *
     * @throws IllegalStateException when that key is not configured, or the value does not decrypt under it
     */
    public byte[] decrypt(String sealed, byte[] associated) {
        String id = keyring.keyIdOf(sealed);
        SigningKeyCipher cipher = ciphers.get(id);
        if (cipher == null) {
            throw new IllegalStateException("a secret is encrypted under master key " + id
                    + ", which this instance is not configured with");
        }
        return cipher.decrypt(KeyTag.valueOf(sealed), associated);
    }

    private SigningKeyCipher current() {
        SigningKeyCipher cipher = ciphers.get(keyring.currentId());
        if (cipher == null) {
            throw new IllegalStateException("encrypted secrets need a masterKey or keyEncryptionKey");
        }
        return cipher;
    }

    @Override
    public String toString() {
        return "KekRing[" + keyring.currentId() + "]";
    }
}
