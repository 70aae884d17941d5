package dev.latchkey.auth.internal;

/**
 * Hashes and checks passwords in one of Latchkey's own peppered formats: {@link BcryptPasswordHasher}, or
 * {@link PepperedHashing} over an algorithm from another module.
 */
public interface PasswordHasher {
    /** The format recorded with each hash this makes ({@code bcrypt-hmac-sha384}, {@code argon2id-hmac-sha384}). */
    String format();

    /** The hash of a password (assumed already checked against the policy). */
    String hash(String password);

    /** Whether the password matches the stored hash. */
    boolean verify(String password, String storedHash);

    /** Spends the same work as {@link #verify} against a hash that matches nothing: for unknown accounts. */
    void verifyDummy(String password);

    /** Whether a stored hash should be replaced after the next successful login (its cost differs). */
    boolean needsRehash(String storedHash);
}
