package dev.latchkey.auth.password.internal;

import dev.latchkey.auth.password.PasswordHashFormat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PBKDF2 hashes in the layouts other systems write, each a {@link PasswordHashFormat} of its own: the PHC string
 * format ({@code $pbkdf2-sha256$}, as passlib and RustCrypto write it), Django ({@code pbkdf2_sha256$}), Werkzeug
 * ({@code pbkdf2:sha256:}) and Spring Security ({@code {pbkdf2}}). Iterations are 1 to 10,000,000.
 */
public final class Pbkdf2Formats {
    private Pbkdf2Formats() {
    }

    /** A parsed hash: what to derive and what it must equal. */
    record Parsed(String hmac, int iterations, byte[] salt, byte[] expected) {
    }

    /** The shared checking and matching; subclasses parse their layout, answering a problem as a String. */
    abstract static class Layout implements PasswordHashFormat {
        /** The parsed hash, or a problem (a String). */
        abstract Object parse(String encoded);

        @Override
        public Optional<String> problem(String encoded) {
            Object parsed = parse(encoded);
            return Optional.ofNullable(parsed instanceof String reason ? reason : problem((Parsed) parsed));
        }

        /** What is wrong with a parsed hash's parameters, or null. */
        private static String problem(Parsed p) {
            if (p.iterations() < 1 || p.iterations() > Pbkdf2.MAX_ITERATIONS) {
                return "PBKDF2 iterations must be from 1 to " + Pbkdf2.MAX_ITERATIONS;
            }
            if (p.salt().length == 0 || p.salt().length > 1024) {
                return "the PBKDF2 salt must be 1 to 1024 bytes";
            }
            if (p.expected().length < 16 || p.expected().length > 128) {
                return "the PBKDF2 hash must be 16 to 128 bytes";
            }
            return null;
        }

        /** Parses the hash once (a login's path), then derives. */
        @Override
        public boolean matches(byte[] password, String encoded) {
            if (!(parse(encoded) instanceof Parsed p) || problem(p) != null) {
                return false;
            }
            return HashEncodings.same(Pbkdf2.derive(p.hmac(), password, p.salt(), p.iterations(),
                    p.expected().length), p.expected());
        }

        @Override
        public String toString() {
            return getClass().getSimpleName();
        }
    }

    private static String hmacOf(String digest) {
        return switch (digest) {
            case "sha256" -> "HmacSHA256";
            case "sha512" -> "HmacSHA512";
            default -> null;
        };
    }

    /**
     * {@code $pbkdf2-sha256$<rounds>$<salt>$<hash>} (passlib) or {@code $pbkdf2-sha256$i=<rounds>[,l=<length>]$...}
     * (RustCrypto), SHA-256 or SHA-512, salt and hash in unpadded base64 ({@code .} for {@code +} as passlib writes).
     */
    public static final class Phc extends Layout {
        private static final Pattern SHAPE = Pattern.compile(
                "^\\$pbkdf2-(sha256|sha512)\\$(?:([0-9]+)|i=([0-9]+)(?:,l=([0-9]+))?)\\$([^$]+)\\$([^$]+)$");

        @Override
        public String id() {
            return "pbkdf2-phc";
        }

        @Override
        public boolean recognizes(String encoded) {
            return encoded.startsWith("$pbkdf2-");
        }

        @Override
        Object parse(String encoded) {
            Matcher m = SHAPE.matcher(encoded);
            if (!m.matches()) {
                return "a PHC PBKDF2 hash is $pbkdf2-sha256$ or $pbkdf2-sha512$, the rounds (or i=rounds), $salt$hash";
            }
            int iterations = HashEncodings.number(m.group(2) != null ? m.group(2) : m.group(3));
            byte[] salt = HashEncodings.base64(m.group(5));
            byte[] hash = HashEncodings.base64(m.group(6));
            if (salt == null || hash == null) {
                return "the salt and hash of a PHC PBKDF2 hash must be base64";
            }
            if (m.group(4) != null && HashEncodings.number(m.group(4)) != hash.length) {
                return "the l= length of a PHC PBKDF2 hash must be the length of its hash";
            }
            return new Parsed(hmacOf(m.group(1)), iterations, salt, hash);
        }
    }

    /** Django's {@code pbkdf2_sha256$<iterations>$<salt>$<base64 hash>}; the salt is used as text. */
    public static final class Django extends Layout {
        private static final Pattern SHAPE = Pattern.compile("^pbkdf2_sha256\\$([0-9]+)\\$([^$]+)\\$([^$]+)$");

        @Override
        public String id() {
            return "pbkdf2-django";
        }

        @Override
        public boolean recognizes(String encoded) {
            return encoded.startsWith("pbkdf2_");
        }

        @Override
        Object parse(String encoded) {
            Matcher m = SHAPE.matcher(encoded);
            if (!m.matches()) {
                return "a Django PBKDF2 hash is pbkdf2_sha256$iterations$salt$hash";
            }
            byte[] hash = HashEncodings.base64(m.group(3));
            if (hash == null || hash.length != 32) {
                return "the hash of a Django pbkdf2_sha256 hash must be 32 bytes in base64";
            }
            return new Parsed("HmacSHA256", HashEncodings.number(m.group(1)),
                    m.group(2).getBytes(StandardCharsets.UTF_8), hash);
        }
    }

    /** Werkzeug's {@code pbkdf2:sha256:<iterations>$<salt>$<hex hash>} (or sha512); the salt is used as text. */
    public static final class Werkzeug extends Layout {
        private static final Pattern SHAPE = Pattern.compile(
                "^pbkdf2:(sha256|sha512)(?::([0-9]+))?\\$([^$]+)\\$([0-9a-fA-F]+)$");

        @Override
        public String id() {
            return "pbkdf2-werkzeug";
        }

        @Override
        public boolean recognizes(String encoded) {
            return encoded.startsWith("pbkdf2:");
        }

        @Override
        Object parse(String encoded) {
            Matcher m = SHAPE.matcher(encoded);
            if (!m.matches()) {
                return "a Werkzeug PBKDF2 hash is pbkdf2:sha256:iterations$salt$hex (or sha512)";
            }
            if (m.group(2) == null) {
                // Werkzeug filled in its own default, which changed between releases: the count cannot be known.
                return "a Werkzeug PBKDF2 hash without an iteration count (pbkdf2:sha256$...) cannot be verified";
            }
            byte[] hash = HashEncodings.hex(m.group(4));
            int digestLength = m.group(1).equals("sha256") ? 32 : 64;
            if (hash == null || hash.length != digestLength) {
                return "the hash of a Werkzeug pbkdf2:" + m.group(1) + " hash must be " + digestLength + " bytes in hex";
            }
            return new Parsed(hmacOf(m.group(1)), HashEncodings.number(m.group(2)),
                    m.group(3).getBytes(StandardCharsets.UTF_8), hash);
        }
    }

    /**
     * Spring Security's {@code Pbkdf2PasswordEncoder} behind {@code {pbkdf2}}: hex of the salt followed by a 32-byte
     * hash, with no secret. The layout does not record the HMAC or the iterations, so they are given: by default those
     * of {@code defaultsForSpringSecurity_v5_8()} (HmacSHA256, 310,000 iterations).
     */
    public static final class Spring extends Layout {
        private static final String PREFIX = "{pbkdf2}";
        private final String hmac;
        private final int iterations;

        /** The format for hashes made with this JCA HMAC name and iteration count. */
        public Spring(String hmac, int iterations) {
            this.hmac = hmac;
            this.iterations = iterations;
        }

        @Override
        public String id() {
            return "pbkdf2-spring";
        }

        @Override
        public boolean recognizes(String encoded) {
            return encoded.startsWith(PREFIX);
        }

        @Override
        Object parse(String encoded) {
            byte[] all = HashEncodings.hex(encoded.substring(PREFIX.length()));
            if (all == null || all.length < 33) {
                return "a Spring Security {pbkdf2} hash is hex of a salt and a 32-byte hash";
            }
            byte[] salt = java.util.Arrays.copyOfRange(all, 0, all.length - 32);
            byte[] hash = java.util.Arrays.copyOfRange(all, all.length - 32, all.length);
            return new Parsed(hmac, iterations, salt, hash);
        }

        @Override
        public String toString() {
            return "Pbkdf2Formats.Spring[" + hmac + ", " + iterations + "]";
        }
    }
}
