package dev.latchkey.auth.example;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Locale;

/**
 * An authenticator app in a few lines, independent of auth-totp: RFC 6238 TOTP (HMAC-SHA-1, 30-second steps, 6 digits)
 * from an RFC 4648 base32 secret, at the time of a given clock.
 */
final class Totp {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {
    }

    /** The code an app shows at {@code clock}'s now for this base32 secret. */
    static String code(String base32Secret, Clock clock) {
        return code(base32Secret, Math.floorDiv(clock.instant().getEpochSecond(), 30));
    }

    /** The code of time step {@code step} (RFC 6238's T). */
    static String code(String base32Secret, long step) {
        return hotp(base32(base32Secret), step, 6);
    }

    /** RFC 4226 HOTP with HMAC-SHA-1 and dynamic truncation. */
    static String hotp(byte[] key, long counter, int digits) {
        byte[] message = new byte[8];
        for (int i = 7; i >= 0; i--) {
            message[i] = (byte) counter;
            counter >>>= 8;
        }
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            hash = mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = (hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16 | (hash[offset + 2] & 0xff) << 8
                | (hash[offset + 3] & 0xff);
        int modulus = (int) Math.pow(10, digits);
        return String.format("%0" + digits + "d", binary % modulus);
    }

    /** Decodes unpadded (or padded) base32, in any case. */
    static byte[] base32(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toUpperCase(Locale.ROOT).replace("=", "").toCharArray()) {
            int value = ALPHABET.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = buffer << 5 | value;
            bits += 5;
            if (bits >= 8) {
                out.write(buffer >>> (bits - 8) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
