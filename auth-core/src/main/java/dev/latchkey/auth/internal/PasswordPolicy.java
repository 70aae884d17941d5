package dev.latchkey.auth.internal;

import dev.latchkey.auth.AuthException;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Checks a new password against the security bar's items 1, 2, 5 and 7: NFKC, length in code points, the common list
 * and context words. No composition rules; every printable character, spaces and emoji included, is allowed, but
 * control characters ({@code Cc}: NUL, tab, CR, LF, DEL, U+0080-U+009F) are not, since no keyboard types them and
 * eight NULs would otherwise pass every other rule.
 */
public final class PasswordPolicy {
    /** Inputs over this many UTF-8 bytes are rejected before any normalisation or hashing (DoS guard). */
    public static final int MAX_INPUT_BYTES = 4096;
    private static final int MIN_CONTEXT_WORD = 4;

    private final int minLength;
    private final int maxLength;
    private final CommonPasswords common;

    /** A policy for passwords of {@code minLength} to {@code maxLength} code points. */
    public PasswordPolicy(int minLength, int maxLength, CommonPasswords common) {
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.common = common;
    }

    /** Refuses an oversized password as malformed input ({@code validation_failed} on {@code password}). */
    public static void refuseOversized(String password) {
        if (isOversized(password)) {
            throw AuthException.validation("password", "password is longer than " + MAX_INPUT_BYTES + " bytes");
        }
    }

    /** Whether the raw input is over {@link #MAX_INPUT_BYTES}; cheap, checked before anything else. */
    public static boolean isOversized(String password) {
        // A char is at most 3 UTF-8 bytes (surrogate pairs: 4 bytes for 2 chars), so skip encoding when it cannot be.
        if (password.length() * 3 <= MAX_INPUT_BYTES) {
            return false;
        }
        return password.length() > MAX_INPUT_BYTES
                || password.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES;
    }

    /** NFKC normalisation (NIST SP 800-63B 3.1.1.2). */
    public static String normalize(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /**
     * Throws {@link dev.latchkey.auth.AuthErrorCode#WEAK_PASSWORD} with the reason when the password is unacceptable.
     *
     * @param contextWords words the password must not contain (email local part, phone digits, app name)
     */
    public void check(String password, List<String> contextWords) {
        if (isOversized(password)) {
            throw AuthException.weakPassword("too_long", "password is longer than " + MAX_INPUT_BYTES + " bytes");
        }
        if (password.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
            throw AuthException.weakPassword("control_characters", "password must not contain control characters");
        }
        String normalized = normalize(password);
        int length = normalized.codePointCount(0, normalized.length());
        if (length < minLength) {
            throw AuthException.weakPassword("too_short", "password must have at least " + minLength + " characters");
        }
        if (length > maxLength) {
            throw AuthException.weakPassword("too_long", "password must have at most " + maxLength + " characters");
        }
        if (common.contains(normalized)) {
            throw AuthException.weakPassword("common", "password is too common; choose a less guessable one");
        }
        String lower = normalized.toLowerCase(Locale.ROOT);
        String digits = lower.replaceAll("[^0-9]", "");
        for (String word : contextWords) {
            if (word == null) {
                continue;
            }
            String w = word.toLowerCase(Locale.ROOT);
            boolean numeric = w.chars().allMatch(Character::isDigit);
            boolean hit = numeric ? w.length() >= 6 && digits.contains(w) : w.length() >= MIN_CONTEXT_WORD && lower.contains(w);
            if (hit) {
                throw AuthException.weakPassword("context",
                        "password must not contain your email name, phone number or the service name");
            }
        }
    }
}
