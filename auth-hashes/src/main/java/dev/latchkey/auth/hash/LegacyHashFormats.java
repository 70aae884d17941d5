package dev.latchkey.auth.hash;

import dev.latchkey.auth.hash.internal.MemoryHardFormats;
import dev.latchkey.auth.password.PasswordHashFormat;

import java.util.List;

/**
 * The scrypt and Argon2 formats of imported password hashes, which {@code auth-core} cannot verify alone. Register
 * them on the service builder: {@code AuthService.newBuilder(config, stores).passwordHashFormats(LegacyHashFormats.all())}.
 *
 * <p>Each verification allocates the memory the hash asks for, so hashes asking for more than 256 MiB are refused at
 * import; Argon2 accepts 1 to 100 passes and 1 to 64 lanes.
 */
public final class LegacyHashFormats {
    private LegacyHashFormats() {
    }

    /** Every format of this module: {@link #argon2()}, {@link #werkzeugScrypt()}, {@link #phcScrypt()}, {@link #springScrypt()}. */
    public static List<PasswordHashFormat> all() {
        return List.of(argon2(), werkzeugScrypt(), phcScrypt(), springScrypt());
    }

    /**
     * Argon2id and Argon2i PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, version 19 or 16), as
     * argon2-cffi, libsodium, PHP, Keycloak and Spring Security's {@code {argon2}} write them; recorded as
     * {@code argon2}.
     */
    public static PasswordHashFormat argon2() {
        return new MemoryHardFormats.Argon2();
    }

    /** Werkzeug's {@code scrypt:N:r:p$salt$hex}, Flask's default since Werkzeug 3; recorded as {@code scrypt-werkzeug}. */
    public static PasswordHashFormat werkzeugScrypt() {
        return new MemoryHardFormats.WerkzeugScrypt();
    }

    /** PHC {@code $scrypt$ln=16,r=8,p=1$salt$hash} (passlib, RustCrypto); recorded as {@code scrypt-phc}. */
    public static PasswordHashFormat phcScrypt() {
        return new MemoryHardFormats.PhcScrypt();
    }

    /** Spring Security's {@code {scrypt}$params$salt$hash}; recorded as {@code scrypt-spring}. */
    public static PasswordHashFormat springScrypt() {
        return new MemoryHardFormats.SpringScrypt();
    }
}
