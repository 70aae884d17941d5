package dev.latchkey.auth.password;

/**
 * An algorithm Latchkey can hash new passwords with, in place of the built-in bcrypt: {@code auth-hashes} has
 * Argon2id. Register it with {@code AuthService.Builder.passwordHashing} and choose it with
 * {@link PasswordConfig.Builder#hashAlgorithm}.
 *
 * <p>Latchkey hands it the peppered pre-hash, never the password: {@code base64(HMAC-SHA-384(pepper, NFKC(password)))},
 * 64 ASCII bytes. Each hash is recorded with the format {@code <id>-hmac-sha384}; a login that matches a hash of
 * another algorithm, or of other parameters ({@link #needsRehash}), rehashes it with the configured one. Keep every
 * algorithm registered whose hashes are still stored: a hash of an algorithm that is not registered never matches.
 * Implementations are immutable and thread-safe.
 */
public interface PasswordHashing {
    /** The algorithm's name, as {@link PasswordConfig#hashAlgorithm()} names it: 1-24 of {@code a-z 0-9}. */
    String id();

    /** A new hash of {@code input} with a fresh random salt, in a self-describing encoding (a PHC string). */
    String hash(byte[] input);

    /** Whether {@code input} matches {@code encoded}, a hash this algorithm made; constant-time compare. */
    boolean matches(byte[] input, String encoded);

    /** Whether {@code encoded} was made with other parameters than this algorithm's current ones. */
    boolean needsRehash(String encoded);
}
