package dev.latchkey.auth.password;

import dev.latchkey.auth.password.internal.Pbkdf2;
import dev.latchkey.auth.password.internal.Pbkdf2Formats;

import java.util.Objects;
import java.util.Set;

/**
 * Built-in legacy formats whose layout does not record every parameter, made with the parameters the old system
 * used; register one with {@code AuthService.Builder.passwordHashFormat} to replace the built-in one of its id.
 */
public final class PasswordHashFormats {
    private static final Set<String> HMACS = Set.of("HmacSHA1", "HmacSHA256", "HmacSHA512");

    private PasswordHashFormats() {
    }

    /**
     * Spring Security's {@code Pbkdf2PasswordEncoder} behind {@code {pbkdf2}} (id {@code pbkdf2-spring}), for hashes
     * made with this HMAC and iteration count and no secret: {@code ("HmacSHA1", 185_000)} for
     * {@code defaultsForSpringSecurity_v5_5()} and the older constructors. The built-in one is
     * {@code ("HmacSHA256", 310_000)}, {@code defaultsForSpringSecurity_v5_8()}. The salt's length is read from the
     * hash; the hash part is 32 bytes, as with every Spring default.
     *
     * @param hmac       {@code HmacSHA1}, {@code HmacSHA256} or {@code HmacSHA512}
     * @param iterations 1 to 10,000,000
     */
    public static PasswordHashFormat springPbkdf2(String hmac, int iterations) {
        Objects.requireNonNull(hmac, "hmac");
        if (!HMACS.contains(hmac)) {
            throw new IllegalArgumentException("hmac must be HmacSHA1, HmacSHA256 or HmacSHA512");
        }
        if (iterations < 1 || iterations > Pbkdf2.MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be from 1 to " + Pbkdf2.MAX_ITERATIONS);
        }
        return new Pbkdf2Formats.Spring(hmac, iterations);
    }
}
