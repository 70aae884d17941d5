package dev.latchkey.auth.internal;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Hashes passwords as {@code bcrypt(base64(HMAC-SHA-384(pepper, NFKC(password))))}.
 *
 * <p>The HMAC pre-hash makes every password 64 ASCII characters, so bcrypt's 72-byte limit never truncates one, and
 * the pepper (a secret from configuration, never in the database) means a stolen table alone cannot be attacked
 * offline. A dummy hash at the configured cost lets unknown accounts cost the same as known ones.
 */
public final class BcryptPasswordHasher implements PasswordHasher {
    /** The format recorded with every hash this makes. */
    public static final String FORMAT = "bcrypt-hmac-sha384";

    private final byte[] pepper;
    private final int cost;
    private final String dummyHash;

    /** A hasher with this pepper and bcrypt cost. */
    public BcryptPasswordHasher(byte[] pepper, int cost) {
        this.pepper = pepper.clone();
        this.cost = cost;
        this.dummyHash = hash(Secrets.randomToken(24));
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String hash(String password) {
        char[] prehash = prehash(password);
        try {
            return BCrypt.withDefaults().hashToString(cost, prehash);
        } finally {
            Arrays.fill(prehash, '\0');
        }
    }

    @Override
    public boolean verify(String password, String storedHash) {
        char[] prehash = prehash(password);
        try {
            return BCrypt.verifyer().verify(prehash, storedHash).verified;
        } finally {
            Arrays.fill(prehash, '\0');
        }
    }

    @Override
    public void verifyDummy(String password) {
        verify(password, dummyHash);
    }

    @Override
    public boolean needsRehash(String storedHash) {
        return costOf(storedHash) != cost;
    }

    /** The cost factor written in a bcrypt hash ({@code $2a$11$...}), or -1 when unreadable. */
    static int costOf(String storedHash) {
        if (storedHash == null || storedHash.length() < 7 || storedHash.charAt(0) != '$') {
            return -1;
        }
        int second = storedHash.indexOf('$', 1);
        if (second < 0 || second + 3 > storedHash.length()) {
            return -1;
        }
        try {
            return Integer.parseInt(storedHash.substring(second + 1, second + 3));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private char[] prehash(String password) {
        byte[] b64 = prehashBytes(pepper, password);
        char[] chars = new char[b64.length];
        for (int i = 0; i < b64.length; i++) {
            chars[i] = (char) b64[i];
        }
        Arrays.fill(b64, (byte) 0);
        return chars;
    }

    /** {@code base64(HMAC-SHA-384(pepper, NFKC(password)))} as 64 ASCII bytes: what every own format hashes. */
    static byte[] prehashBytes(byte[] pepper, String password) {
        byte[] mac = Secrets.hmac("HmacSHA384", pepper,
                PasswordPolicy.normalize(password).getBytes(StandardCharsets.UTF_8));
        byte[] b64 = Base64.getEncoder().encode(mac);
        Arrays.fill(mac, (byte) 0);
        return b64;
    }

    @Override
    public String toString() {
        return "BcryptPasswordHasher[cost=" + cost + "]";
    }
}
