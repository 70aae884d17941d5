package dev.latchkey.auth.password.internal;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The encodings legacy hashes use for salts and digests: lower- or upper-case hex, standard base64 with or without
 * padding, and the PHC string format's unpadded base64, where passlib writes {@code .} for {@code +}. Decoders return
 * null for text that is not in the encoding, so a format can say the hash is malformed.
 */
public final class HashEncodings {
    private static final Pattern HEX = Pattern.compile("^(?:[0-9a-fA-F]{2})+$");
    private static final Pattern B64 = Pattern.compile("^[A-Za-z0-9+/.]+={0,2}$");

    private HashEncodings() {
    }

    /** The bytes of an even-length hex string, or null. */
    public static byte[] hex(String text) {
        return text != null && HEX.matcher(text).matches() ? HexFormat.of().parseHex(text) : null;
    }

    /**
     * The bytes of base64 text with or without padding, {@code .} read as {@code +} (passlib's variant), or null when
     * it is not base64 or leaves stray bits.
     */
    public static byte[] base64(String text) {
        if (text == null || text.isEmpty() || !B64.matcher(text).matches()) {
            return null;
        }
        String unpadded = text.replace('.', '+').replace("=", "");
        if (unpadded.length() % 4 == 1) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(unpadded);
            // Canonical only: the unused low bits of the last character must be zero.
            String again = Base64.getEncoder().withoutPadding().encodeToString(bytes);
            return again.equals(unpadded) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Compares two digests in time independent of where they differ. */
    public static boolean same(byte[] a, byte[] b) {
        return a != null && b != null && MessageDigest.isEqual(a, b);
    }

    /** The int value of a run of 1-10 decimal digits, or -1 for anything else or a value above Integer.MAX_VALUE. */
    public static int number(String text) {
        if (text == null || text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || (text.length() > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        long value = Long.parseLong(text);
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }
}
