package dev.latchkey.auth.password;

import java.time.Duration;

/**
 * Told how long each password hash took, for metrics ({@code auth-metrics} records them as a timer). Register it
 * with {@code AuthService.Builder.passwordHashTimer}. Called on the hashing thread after every hash and every check
 * with Latchkey's own formats (bcrypt, or a registered {@link PasswordHashing}), the dummy check for an unknown
 * account included, whatever the outcome; imported legacy hashes are not timed. It learns nothing but the time: keep
 * it quick, and it must not throw.
 */
@FunctionalInterface
public interface PasswordHashTimer {
    /**
     * One hash or check took {@code elapsed}.
     *
     * @param algorithm {@code bcrypt}, or the registered algorithm's id
     * @param operation {@code hash} for a new hash, {@code verify} for a check
     */
    void record(String algorithm, String operation, Duration elapsed);
}
