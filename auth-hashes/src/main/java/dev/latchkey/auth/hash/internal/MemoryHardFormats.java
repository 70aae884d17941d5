package dev.latchkey.auth.hash.internal;

import dev.latchkey.auth.password.PasswordHashFormat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The scrypt and Argon2 layouts, each a {@link PasswordHashFormat}; the parsing answers a problem as a String. */
public final class MemoryHardFormats {
    private MemoryHardFormats() {
    }

    /** The shared problem and match logic over a parse that gives an {@link Argon2Phc} or {@link Scrypt}. */
    abstract static class Layout implements PasswordHashFormat {
        abstract Object parse(String encoded);

        @Override
        public Optional<String> problem(String encoded) {
            Object parsed = parse(encoded);
            if (parsed instanceof String reason) {
                return Optional.of(reason);
            }
            return parsed instanceof Scrypt s ? Optional.ofNullable(s.problem()) : Optional.empty();
        }

        @Override
        public boolean matches(byte[] password, String encoded) {
            Object parsed = parse(encoded);
            if (parsed instanceof Argon2Phc a) {
                return Codec.same(a.derive(password), a.hash());
            }
            return parsed instanceof Scrypt s && s.matches(password);
        }

        @Override
        public String toString() {
            return getClass().getSimpleName();
        }
    }

    /** Argon2id and Argon2i PHC strings, bare or behind Spring Security's {@code {argon2}}; recorded as argon2. */
    public static final class Argon2 extends Layout {
        private static final String SPRING = "{argon2}";

        @Override
        public String id() {
            return "argon2";
        }

        @Override
        public boolean recognizes(String encoded) {
            String hash = encoded.startsWith(SPRING) ? encoded.substring(SPRING.length()) : encoded;
            return hash.startsWith("$argon2id$") || hash.startsWith("$argon2i$");
        }

        @Override
        Object parse(String encoded) {
            return Argon2Phc.parse(encoded.startsWith(SPRING) ? encoded.substring(SPRING.length()) : encoded);
        }
    }

    /** Werkzeug's {@code scrypt:<N>:<r>:<p>$<salt>$<hex of 64 bytes>}; the salt is used as text. */
    public static final class WerkzeugScrypt extends Layout {
        private static final Pattern SHAPE = Pattern.compile(
                "^scrypt:([0-9]+):([0-9]+):([0-9]+)\\$([^$]+)\\$([0-9a-fA-F]+)$");

        @Override
        public String id() {
            return "scrypt-werkzeug";
        }

        @Override
        public boolean recognizes(String encoded) {
            return encoded.startsWith("scrypt:");
        }

        @Override
        Object parse(String encoded) {
            Matcher m = SHAPE.matcher(encoded);
            if (!m.matches()) {
                return "a Werkzeug scrypt hash is scrypt:N:r:p$salt$hex";
            }
            byte[] hash = Codec.hex(m.group(5));
            if (hash == null || hash.length != 64) {
                return "the hash of a Werkzeug scrypt hash must be 64 bytes in hex";
            }
            return new Scrypt(Codec.number(m.group(1)), Codec.number(m.group(2)), Codec.number(m.group(3)),
                    m.group(4).getBytes(StandardCharsets.UTF_8), hash);
        }
    }

    /** PHC {@code $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>} (passlib, RustCrypto), base64 salt and hash. */
    public static final class PhcScrypt extends Layout {
        private static final Pattern SHAPE = Pattern.compile(
                "^\\$scrypt\\$ln=([0-9]+),r=([0-9]+),p=([0-9]+)\\$([^$]+)\\$([^$]+)$");

        @Override
        public String id() {
            return "scrypt-phc";
        }

        @Override
        public boolean recognizes(String encoded) {
            return encoded.startsWith("$scrypt$");
        }

        @Override
        Object parse(String encoded) {
            Matcher m = SHAPE.matcher(encoded);
            if (!m.matches()) {
                return "a PHC scrypt hash is $scrypt$ln=log2N,r=r,p=p$salt$hash";
            }
            int ln = Codec.number(m.group(1));
            byte[] salt = Codec.base64(m.group(4));
            byte[] hash = Codec.base64(m.group(5));
            if (ln < 1 || ln > 30) {
                return "scrypt ln must be from 1 to 30";
            }
            if (salt == null || hash == null) {
                return "the salt and hash of a PHC scrypt hash must be base64";
            }
            return new Scrypt(1 << ln, Codec.number(m.group(2)), Codec.number(m.group(3)), salt, hash);
        }
    }

    /**
     * Spring Security's {@code SCryptPasswordEncoder} behind {@code {scrypt}}: {@code $<hex of log2 N << 16 | r << 8
     * | p>$<base64 salt>$<base64 hash>}.
     */
    public static final class SpringScrypt extends Layout {
        private static final Pattern SHAPE = Pattern.compile("^\\{scrypt}\\$([0-9a-f]{1,8})\\$([^$]+)\\$([^$]+)$");

        @Override
        public String id() {
            return "scrypt-spring";
        }

        @Override
        public boolean recognizes(String encoded) {
            return encoded.startsWith("{scrypt}");
        }

        @Override
        Object parse(String encoded) {
            Matcher m = SHAPE.matcher(encoded);
            if (!m.matches()) {
                return "a Spring Security scrypt hash is {scrypt}$hex parameters$salt$hash";
            }
            long params = Long.parseLong(m.group(1), 16);
            int ln = (int) (params >> 16 & 0xffff);
            byte[] salt = Codec.base64(m.group(2));
            byte[] hash = Codec.base64(m.group(3));
            if (ln < 1 || ln > 30) {
                return "scrypt N must be from 2 to 2^30";
            }
            if (salt == null || hash == null) {
                return "the salt and hash of a Spring Security scrypt hash must be base64";
            }
            return new Scrypt(1 << ln, (int) (params >> 8 & 0xff), (int) (params & 0xff), salt, hash);
        }
    }
}
