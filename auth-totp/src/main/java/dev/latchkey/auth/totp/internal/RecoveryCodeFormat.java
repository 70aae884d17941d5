package dev.latchkey.auth.totp.internal;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Recovery codes: {@value #LENGTH} characters of Crockford's base32 alphabet ({@code 0-9 a-z} without {@code i l o u},
 * 5 bits each, 50 bits in all) from {@link SecureRandom}, shown in groups as {@code k7q2-m9xd-4r}. Reading one back
 * ignores case, hyphens and spaces, and takes {@code i}/{@code l} for {@code 1} and {@code o} for {@code 0}, the
 * misreadings the alphabet was made to absorb.
 */
public final class RecoveryCodeFormat {
    /** Characters in a code, without the hyphens. */
    public static final int LENGTH = 10;
    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodeFormat() {
    }

    /** A new random code, grouped for reading: {@code xxxx-xxxx-xx}. */
    public static String generate() {
        StringBuilder code = new StringBuilder(LENGTH + 2);
        for (int i = 0; i < LENGTH; i++) {
            if (i == 4 || i == 8) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The canonical form of a typed code ({@value #LENGTH} alphabet characters), or null when it cannot be one. */
    public static String canonical(String typed) {
        if (typed == null || typed.length() > 4 * LENGTH) {
            return null;
        }
        StringBuilder out = new StringBuilder(LENGTH);
        for (char c : typed.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char mapped = c == 'i' || c == 'l' ? '1' : c == 'o' ? '0' : c;
            if (ALPHABET.indexOf(mapped) < 0 || out.length() == LENGTH) {
                return null;
            }
            out.append(mapped);
        }
        return out.length() == LENGTH ? out.toString() : null;
    }
}
