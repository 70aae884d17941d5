package dev.latchkey.auth.internal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random values, digests and keyed hashes; every random byte comes from one {@link SecureRandom}. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {
    }

    /** {@code n} random bytes. */
    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A base64url string of {@code n} random bytes (256 bits for {@code n = 32}). */
    public static String randomToken(int n) {
        return B64URL.encodeToString(randomBytes(n));
    }

    /** A uniform random integer in {@code [0, bound)}, without modulo bias ({@link SecureRandom#nextInt(int)}). */
    public static int randomInt(int bound) {
        return RANDOM.nextInt(bound);
    }

    /** base64url(SHA-256(value)): how refresh tokens are kept at rest. */
    public static String sha256(String value) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return B64URL.encodeToString(md.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** HMAC of {@code data} under {@code key} with the JCA algorithm name given, e.g. {@code HmacSHA256}. */
    public static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }

    /** base64url(HMAC-SHA-256(key, value)): how one-time codes are kept at rest. */
    public static String hmacSha256(byte[] key, String value) {
        return B64URL.encodeToString(hmac("HmacSHA256", key, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Compares two strings in time independent of where they differ. */
    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * HKDF-SHA-256 (RFC 5869) with an empty salt: derives {@code length} bytes for the purpose named by {@code info}
     * from a master key, so one configured secret yields independent keys.
     */
    public static byte[] hkdfSha256(byte[] masterKey, String info, int length) {
        byte[] prk = hmac("HmacSHA256", new byte[32], masterKey);
        byte[] infoBytes = info.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        int done = 0;
        for (int counter = 1; done < length; counter++) {
            byte[] input = new byte[block.length + infoBytes.length + 1];
            System.arraycopy(block, 0, input, 0, block.length);
            System.arraycopy(infoBytes, 0, input, block.length, infoBytes.length);
            input[input.length - 1] = (byte) counter;
            block = hmac("HmacSHA256", prk, input);
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, out, done, n);
            done += n;
        }
        return out;
    }

    /** A key id derived from an HMAC key itself, so every instance given the same key names it alike. */
    public static String deriveKeyId(byte[] key) {
        return hmacSha256(key, "latchkey access token key id").substring(0, 16);
    }

    /**
     * The id of the master key (or the set of keys given one by one) these secrets come from: 12 base64url characters
     * of a SHA-256 over a keyed digest of each derived key, so every instance given the same keys names them alike and
     * the id reveals nothing of them. {@code keyEncryptionKey} may be null.
     */
    public static String masterKeyId(byte[] accessTokenKey, byte[] pepper, byte[] codeKey, byte[] keyEncryptionKey) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("latchkey/master-key-id".getBytes(StandardCharsets.UTF_8));
            byte[] label = "latchkey/key-check".getBytes(StandardCharsets.UTF_8);
            for (byte[] key : new byte[][] {accessTokenKey, pepper, codeKey, keyEncryptionKey}) {
                md.update(key == null ? new byte[1] : hmac("HmacSHA256", key, label));
            }
            byte[] digest = md.digest();
            return B64URL.encodeToString(java.util.Arrays.copyOf(digest, 9));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * The secrets one master key derived: its {@link #masterKeyId id}, the HS256 token key and its {@code kid}, the
     * password pepper, the code key, and the key-encryption key (null when there is no master key and none was given).
     */
    public record Keys(String keyId, byte[] accessTokenKey, String accessTokenKeyId, byte[] pepper, byte[] codeKey,
                       byte[] keyEncryptionKey) {
        /** Derives a further 32-byte key for one purpose (a factor's HMAC key) from the code key. */
        public byte[] derive(String label) {
            return hkdfSha256(codeKey, "latchkey/" + label, 32);
        }

        /** Leaves every key out. */
        @Override
        public String toString() {
            return "Keys[" + keyId + ", ****]";
        }
    }

    /** Every secret derived from one master key, as {@code AuthConfig} derives those not set one by one. */
    public static Keys derivedFrom(byte[] master) {
        byte[] tokenKey = hkdfSha256(master, "latchkey/access-token-hmac", 32);
        byte[] pepper = hkdfSha256(master, "latchkey/password-pepper", 32);
        byte[] codes = hkdfSha256(master, "latchkey/otp-code-hmac", 32);
        byte[] kek = hkdfSha256(master, "latchkey/signing-key-encryption", 32);
        return new Keys(masterKeyId(tokenKey, pepper, codes, kek), tokenKey, deriveKeyId(tokenKey), pepper, codes, kek);
    }
}
