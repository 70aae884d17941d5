package dev.latchkey.auth.internal;

/** Hashes and checks passwords; {@link BcryptPasswordHasher} is the implementation. */
public interface PasswordHasher {
    /** The hash of a password (assumed already checked against the policy). */
    String hash(String password);

    /** Whether the password matches the stored hash. */
    boolean verify(String password, String storedHash);

    /** Spends the same work as {@link #verify} against a hash that matches nothing: for unknown accounts. */
    void verifyDummy(String password);

    /** Whether a stored hash should be replaced after the next successful login (its cost differs). */
    boolean needsRehash(String storedHash);
}
