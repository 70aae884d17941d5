package dev.latchkey.auth.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

    /** The {@code names} whose {@code values} (in the same order) are not null. */
    public static List<String> given(List<String> names, Object... values) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                out.add(names.get(i));
            }
        }
        return out;
    }
}
