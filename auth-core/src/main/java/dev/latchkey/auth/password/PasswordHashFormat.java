package dev.latchkey.auth.password;

import java.util.Optional;

/**
 * A password hash format Latchkey verifies but never writes: the hashes an application kept before it moved to
 * Latchkey (bcrypt, PBKDF2, scrypt, Argon2), brought in by {@code AuthService.imports()}.
 *
 * <p>An imported hash is kept as it came, with the format's {@link #id()} beside it. The first login that matches it
 * replaces it by Latchkey's own peppered form in one compare-and-set of the hash and its format, so each legacy hash is
 * verified by its format at most until its owner logs in once. Only the format recorded at import is asked: a login
 * computes one hash, never one per candidate format.
 *
 * <p>{@code auth-core} has bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}, Spring Security's {@code {bcrypt}}) and
 * PBKDF2 (PHC {@code $pbkdf2-sha256$}/{@code $pbkdf2-sha512$}, Django {@code pbkdf2_sha256$}, Werkzeug
 * {@code pbkdf2:sha256:}/{@code pbkdf2:sha512:}, Spring Security's {@code {pbkdf2}}) built in; {@code auth-hashes}
 * adds scrypt and Argon2. Register more with {@code AuthService.Builder.passwordHashFormat}. Implementations are
 * immutable and thread-safe, and compare hashes in constant time.
 */
public interface PasswordHashFormat {
    /**
     * The name recorded with every imported hash of this format (1-32 of {@code a-z 0-9 -}); a registered format with
     * the id of a built-in one replaces it. Never one of Latchkey's own formats (ending in {@code -hmac-sha384}).
     */
    String id();

    /** Whether {@code encoded} has this format's shape (its prefix or layout): cheap, computes no hash. */
    boolean recognizes(String encoded);

    /**
     * Why a hash this format {@link #recognizes} cannot be verified (bad encoding, a parameter out of range), or empty
     * when it can. Asked at import, where a problem rejects the record with this reason: say what is wrong, never echo
     * the hash.
     */
    Optional<String> problem(String encoded);

    /**
     * Whether {@code password} (the UTF-8 bytes of what the user typed, as the old system hashed it) matches
     * {@code encoded}: one hash computation, compared in constant time; false for a hash with a {@link #problem}.
     */
    boolean matches(byte[] password, String encoded);
}
