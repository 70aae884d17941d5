package dev.latchkey.auth.internal;

import java.time.Duration;

/** Argument checks shared by the configuration builders; each failure names the setting. */
public final class Checks {
    private Checks() {
    }

    /** Throws {@link IllegalArgumentException} with {@code message} unless {@code ok}. */
    public static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Whether {@code d} lies in {@code [min, max]}. */
    public static boolean between(Duration d, Duration min, Duration max) {
        return d.compareTo(min) >= 0 && d.compareTo(max) <= 0;
    }

    /** Whether {@code n} lies in {@code [min, max]}. */
    public static boolean between(int n, int min, int max) {
        return n >= min && n <= max;
    }
}
