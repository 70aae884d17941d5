package dev.latchkey.auth.hash.internal;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Hex and base64 (padded or not, {@code .} for {@code +} as passlib writes) that answer null for bad text. */
public final class Codec {
    private static final Pattern HEX = Pattern.compile("^(?:[0-9a-fA-F]{2})+$");
    private static final Pattern B64 = Pattern.compile("^[A-Za-z0-9+/.]+={0,2}$");

    private Codec() {
    }

    /** The bytes of even-length hex, or null. */
    public static byte[] hex(String text) {
        return text != null && HEX.matcher(text).matches() ? HexFormat.of().parseHex(text) : null;
    }

    /** The bytes of canonical base64 text, or null. */
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
            return Base64.getEncoder().withoutPadding().encodeToString(bytes).equals(unpadded) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Unpadded standard base64, as PHC strings hold bytes. */
    public static String phcBase64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A decimal number of 1-10 digits without a leading zero, or -1. */
    public static int number(String text) {
        if (text == null || text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || (text.length() > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        long value = Long.parseLong(text);
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    /** Constant-time comparison; false when either is null. */
    public static boolean same(byte[] a, byte[] b) {
        return a != null && b != null && MessageDigest.isEqual(a, b);
    }
}
