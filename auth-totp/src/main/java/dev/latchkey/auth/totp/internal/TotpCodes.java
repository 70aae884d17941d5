package dev.latchkey.auth.totp.internal;

import dev.latchkey.auth.totp.TotpAlgorithm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HOTP (RFC 4226) and TOTP (RFC 6238) codes, and the check of an answer against the steps around now. */
public final class TotpCodes {
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private TotpCodes() {
    }

    /** The time step {@code instant} falls in: {@code floor(unix seconds / period)} (RFC 6238 section 4.2, T0 = 0). */
    public static long step(Instant instant, Duration period) {
        return Math.floorDiv(instant.getEpochSecond(), period.getSeconds());
    }

    /** The code of {@code counter} (a TOTP step) under {@code key}: HOTP's dynamic truncation, zero-padded. */
    public static String code(TotpAlgorithm algorithm, byte[] key, long counter, int digits) {
        if (digits < 1 || digits > 8) {
            throw new IllegalArgumentException("digits must be 1 to 8");
        }
        byte[] h = mac(algorithm, key, counter);
        int offset = h[h.length - 1] & 0x0f;
        int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
                | (h[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    /**
     * The earliest step of {@code current - 1}, {@code current} and {@code current + 1} that is after
     * {@code lastAccepted} and whose code is {@code answer}; -1 when none is. Every candidate is computed and compared
     * in constant time; an answer that is not {@code digits} ASCII digits matches nothing.
     */
    public static long matchingStep(TotpAlgorithm algorithm, byte[] key, int digits, long current, String answer,
                                    long lastAccepted) {
        if (!wellFormed(answer, digits)) {
            return -1;
        }
        byte[] given = answer.getBytes(StandardCharsets.US_ASCII);
        long match = -1;
        for (long step = current + 1; step >= current - 1; step--) {
            byte[] expected = code(algorithm, key, step, digits).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given) && step > lastAccepted) {
                match = step;
            }
        }
        return match;
    }

    /** Whether {@code answer} is exactly {@code digits} ASCII digits. */
    static boolean wellFormed(String answer, int digits) {
        if (answer == null || answer.length() != digits) {
            return false;
        }
        for (int i = 0; i < digits; i++) {
            char c = answer.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static byte[] mac(TotpAlgorithm algorithm, byte[] key, long counter) {
        byte[] message = new byte[8];
        for (int i = 7; i >= 0; i--) {
            message[i] = (byte) counter;
            counter >>>= 8;
        }
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName());
            mac.init(new SecretKeySpec(key, algorithm.jcaName()));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName() + " is missing from this JDK", e);
        }
    }
}
