package dev.latchkey.auth.internal;

import dev.latchkey.auth.SigningAlgorithm;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Generates signing key pairs and seals their private keys with AES-256-GCM under the key-encryption key: a random
 * 96-bit nonce per key, and as associated data the key id, the algorithm and the public key, so that a row whose id,
 * algorithm or public key was changed in the database no longer decrypts.
 */
public final class SigningKeyCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final SecretKeySpec kek;

    /** A cipher under {@code keyEncryptionKey}, which must be 32 bytes. */
    public SigningKeyCipher(byte[] keyEncryptionKey) {
        if (keyEncryptionKey.length != 32) {
            throw new IllegalArgumentException("the key-encryption key must be 32 bytes");
        }
        this.kek = new SecretKeySpec(keyEncryptionKey.clone(), "AES");
    }

    /** A fresh key pair: RSA 2048, EC P-256 or Ed25519. */
    public static KeyPair generate(SigningAlgorithm algorithm) {
        try {
            return switch (algorithm) {
                case RS256 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    yield g.generateKeyPair();
                }
                case ES256 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                    yield g.generateKeyPair();
                }
                case EDDSA -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                case HS256 -> throw new IllegalArgumentException("HS256 has no key pair");
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " key generation is missing from this JDK", e);
        }
    }

    /** base64 of the public key's X.509 DER. */
    public static String encodePublic(PublicKey key) {
        return B64.encodeToString(key.getEncoded());
    }

    /** The public key from its base64 X.509 DER. */
    public static PublicKey decodePublic(SigningAlgorithm algorithm, String base64) throws GeneralSecurityException {
        return KeyFactory.getInstance(keyFactoryName(algorithm))
                .generatePublic(new X509EncodedKeySpec(B64_DECODER.decode(base64)));
    }

    /** base64 of nonce || AES-GCM(PKCS#8 DER of {@code privateKey}). */
    public String seal(String keyId, SigningAlgorithm algorithm, String publicKey, PrivateKey privateKey) {
        byte[] plain = privateKey.getEncoded();
        try {
            return encrypt(plain, associatedData(keyId, algorithm, publicKey));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * The private key sealed by {@link #seal}.
     *
     * @throws GeneralSecurityException when it was sealed under another key-encryption key or any bound field changed
     */
    public PrivateKey open(String keyId, SigningAlgorithm algorithm, String publicKey, String sealed)
            throws GeneralSecurityException {
        byte[] plain = decryptChecked(sealed, associatedData(keyId, algorithm, publicKey));
        try {
            return KeyFactory.getInstance(keyFactoryName(algorithm)).generatePrivate(new PKCS8EncodedKeySpec(plain));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** base64 of a fresh nonce || AES-GCM({@code plain}) with {@code associated} bound in. */
    public String encrypt(byte[] plain, byte[] associated) {
        byte[] nonce = Secrets.randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated);
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return B64.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
    }

    /**
     * What {@link #encrypt} sealed with the same {@code associated}.
     *
     * @throws IllegalStateException when it was sealed under another key or with other associated data
     */
    public byte[] decrypt(String sealed, byte[] associated) {
        try {
            return decryptChecked(sealed, associated);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a secret does not decrypt under this key-encryption key");
        }
    }

    private byte[] decryptChecked(String sealed, byte[] associated) throws GeneralSecurityException {
        byte[] in;
        try {
            in = B64_DECODER.decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new AEADBadTagException("not base64");
        }
        if (in.length <= NONCE_BYTES + TAG_BITS / 8) {
            throw new AEADBadTagException("too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
        cipher.updateAAD(associated);
        return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
    }

    private static byte[] associatedData(String keyId, SigningAlgorithm algorithm, String publicKey) {
        return ("latchkey/signing-key\u0000" + keyId + "\u0000" + algorithm.jwsName() + "\u0000" + publicKey)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String keyFactoryName(SigningAlgorithm algorithm) {
        return switch (algorithm) {
            case RS256 -> "RSA";
            case ES256 -> "EC";
            case EDDSA -> "Ed25519";
            case HS256 -> throw new IllegalArgumentException("HS256 keys are not stored");
        };
    }

    @Override
    public String toString() {
        return "SigningKeyCipher[AES-256-GCM]";
    }
}
