package dev.latchkey.auth.spring;

import dev.latchkey.auth.hash.LegacyHashFormats;
import dev.latchkey.auth.password.PasswordHashFormat;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The scrypt and Argon2 formats of imported password hashes ({@code auth-hashes}' {@link LegacyHashFormats#all()}) as
 * {@link PasswordHashFormat} beans, which {@link LatchkeyAutoConfiguration} registers on the service: adding
 * {@code dev.latchkey:auth-hashes} to the application is enough for users imported with such hashes to log in, as in
 * the Javalin example. bcrypt and PBKDF2 hashes need nothing: {@code auth-core} verifies them itself.
 *
 * <p>On when {@code auth-hashes} is on the class path, unless {@code latchkey.passwords.legacy-formats=false}. Each
 * bean backs off when the host declares one of the same name. Registering a format changes no new hash: Latchkey's
 * own hashes stay {@code latchkey.passwords.hash-algorithm}'s, and an imported hash is rehashed at its first login.
 */
@AutoConfiguration(before = LatchkeyAutoConfiguration.class)
@ConditionalOnClass(LegacyHashFormats.class)
@ConditionalOnBooleanProperty(name = "latchkey.passwords.legacy-formats", matchIfMissing = true)
public class LatchkeyPasswordHashesAutoConfiguration {
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
