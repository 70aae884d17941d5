package dev.latchkey.auth.spring;

import dev.latchkey.auth.hash.Argon2idHashing;
import dev.latchkey.auth.hash.LegacyHashFormats;
import dev.latchkey.auth.password.PasswordHashFormat;
import dev.latchkey.auth.password.PasswordHashing;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code auth-hashes} brings, as beans that {@link LatchkeyAutoConfiguration} registers on the service, on when
 * {@code dev.latchkey:auth-hashes} is on the class path:
 *
 * <ul>
 *   <li>{@link Argon2idHashing} (OWASP's defaults), so {@code latchkey.passwords.hash-algorithm=argon2id} works without
 *       a bean of the host's; a {@link PasswordHashing} bean of the host's replaces it. It changes no hash while the
 *       algorithm stays {@code bcrypt}.</li>
 *   <li>The scrypt and Argon2 formats of imported password hashes ({@link LegacyHashFormats#all()}), so users imported
 *       with such hashes log in, as in the Javalin example; unless {@code latchkey.passwords.legacy-formats=false}.
 *       Each backs off when the host declares a bean of the same name. bcrypt and PBKDF2 hashes need nothing:
 *       {@code auth-core} verifies them itself, and an imported hash is rehashed at its first login.</li>
 * </ul>
 */
@AutoConfiguration(before = LatchkeyAutoConfiguration.class)
@ConditionalOnClass(LegacyHashFormats.class)
public class LatchkeyPasswordHashesAutoConfiguration {
    /** Argon2id for new hashes when {@code latchkey.passwords.hash-algorithm=argon2id}. */
    @Bean
    @ConditionalOnMissingBean(PasswordHashing.class)
    public Argon2idHashing latchkeyArgon2idHashing() {
        return Argon2idHashing.owaspDefaults();
    }

    /** The legacy formats, unless {@code latchkey.passwords.legacy-formats=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "latchkey.passwords.legacy-formats", matchIfMissing = true)
    static class LegacyFormats {
        /** Argon2id and Argon2i PHC strings ({@code $argon2id$v=19$...}, Spring Security's {@code {argon2}}). */
        @Bean
        @ConditionalOnMissingBean(name = "latchkeyArgon2HashFormat")
        public PasswordHashFormat latchkeyArgon2HashFormat() {
            return LegacyHashFormats.argon2();
        }

        /** Werkzeug's {@code scrypt:N:r:p$salt$hex} (Flask). */
        @Bean
        @ConditionalOnMissingBean(name = "latchkeyWerkzeugScryptHashFormat")
        public PasswordHashFormat latchkeyWerkzeugScryptHashFormat() {
            return LegacyHashFormats.werkzeugScrypt();
        }

        /** PHC {@code $scrypt$ln=...} (passlib, RustCrypto). */
        @Bean
        @ConditionalOnMissingBean(name = "latchkeyPhcScryptHashFormat")
        public PasswordHashFormat latchkeyPhcScryptHashFormat() {
            return LegacyHashFormats.phcScrypt();
        }

        /** Spring Security's {@code {scrypt}$params$salt$hash}. */
        @Bean
        @ConditionalOnMissingBean(name = "latchkeySpringScryptHashFormat")
        public PasswordHashFormat latchkeySpringScryptHashFormat() {
            return LegacyHashFormats.springScrypt();
        }
    }
}
