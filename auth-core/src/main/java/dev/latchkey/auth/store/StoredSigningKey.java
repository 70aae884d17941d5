package dev.latchkey.auth.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An access-token signing key as a {@link SigningKeyStore} keeps it: the public key in the clear, the private key
 * only encrypted (AES-256-GCM under the key-encryption key from configuration), so that a database dump alone yields
 * no signing key.
 *
 * <p>Keys form one sequence by {@code generation}; a key signs from its {@code activatesAt} until the next
 * generation's, and verifies until every token it signed has expired.
 *
 * @param keyId               the {@code kid}, random, 1-64 characters of {@code A-Z a-z 0-9 _ . -}
 * @param generation          its place in the sequence, from 1; unique, which is what keeps two instances from
 *                            creating two keys for one turn of the rotation
 * @param algorithm           the JWS {@code alg}: {@code RS256}, {@code ES256} or {@code EdDSA}
 * @param publicKey           base64 of the X.509 SubjectPublicKeyInfo DER
 * @param encryptedPrivateKey base64 of a 12-byte nonce followed by the AES-GCM ciphertext and tag of the PKCS#8 DER
 * @param createdAt           when it was generated
 * @param activatesAt         when it starts signing; published (in the JWKS) from {@code createdAt}
 */
public record StoredSigningKey(String keyId, int generation, String algorithm, String publicKey,
                               String encryptedPrivateKey, Instant createdAt, Instant activatesAt) {
    /** Checks the required fields. */
    public StoredSigningKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(encryptedPrivateKey, "encryptedPrivateKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(activatesAt, "activatesAt");
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be at least 1");
        }
    }

    /** Leaves the key material out. */
    @Override
    public String toString() {
        return "StoredSigningKey[keyId=" + keyId + ", generation=" + generation + ", algorithm=" + algorithm
                + ", activatesAt=" + activatesAt + "]";
    }
}
