package dev.latchkey.auth.internal;

import dev.latchkey.auth.password.PasswordHashing;

import java.util.Arrays;

/**
 * One of Latchkey's own formats over an algorithm from another module ({@code auth-hashes}' Argon2id): the algorithm
 * hashes {@code base64(HMAC-SHA-384(pepper, NFKC(password)))}, as bcrypt does in {@link BcryptPasswordHasher}, and the
 * format is recorded as {@code <id>-hmac-sha384}.
 */
public final class PepperedHashing implements PasswordHasher {
    /** What every own format's name ends in. */
    public static final String SUFFIX = "-hmac-sha384";

    private final PasswordHashing algorithm;
    private final byte[] pepper;
    private final String dummyHash;

    /** The hasher of {@code algorithm} under this pepper; computes a dummy hash for unknown accounts. */
    public PepperedHashing(PasswordHashing algorithm, byte[] pepper) {
        this.algorithm = algorithm;
        this.pepper = pepper.clone();
        this.dummyHash = hash(Secrets.randomToken(24));
    }

    /** The format an algorithm with this id records. */
    public static String formatOf(String algorithmId) {
        return algorithmId + SUFFIX;
    }

    @Override
    public String format() {
        return formatOf(algorithm.id());
    }

    @Override
    public String hash(String password) {
        byte[] input = BcryptPasswordHasher.prehashBytes(pepper, password);
        try {
            return algorithm.hash(input);
        } finally {
            Arrays.fill(input, (byte) 0);
        }
    }

    @Override
    public boolean verify(String password, String storedHash) {
        byte[] input = BcryptPasswordHasher.prehashBytes(pepper, password);
        try {
            return algorithm.matches(input, storedHash);
        } finally {
            Arrays.fill(input, (byte) 0);
        }
    }

    @Override
    public void verifyDummy(String password) {
        verify(password, dummyHash);
    }

    @Override
    public boolean needsRehash(String storedHash) {
        return algorithm.needsRehash(storedHash);
    }

    @Override
    public String toString() {
        return "PepperedHashing[" + algorithm.id() + "]";
    }
}
