package dev.latchkey.auth.internal;

/**
 * Characters that can forge or hide text in a log line or a contact: controls ({@code Cc}, including CR, LF and
 * U+0085 NEL), format characters ({@code Cf}, such as bidirectional overrides and zero-width spaces), line and
 * paragraph separators ({@code Zl} U+2028, {@code Zp} U+2029), every space separator ({@code Zs}) other than the
 * ordinary space U+0020 (no-break, ideographic, en/em spaces look like a space but are not one), and lone
 * surrogates ({@code Cs}), which no UTF-8 log or database can hold.
 */
public final class UnsafeCharacters {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UnsafeCharacters() {
    }

    /** Whether {@code codePoint} is one of the characters described above. */
    public static boolean isUnsafe(int codePoint) {
        if (codePoint == ' ') {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR, Character.SURROGATE -> true;
            default -> false;
        };
    }

    /** Whether {@code text} holds at least one unsafe character. */
    public static boolean containsAny(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isUnsafe(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /**
     * {@code text} safe to write into one log line: every unsafe character as a Java-style {@code \u005CuXXXX}
     * escape (one per UTF-16 unit) and every backslash doubled, so that an escape in the output always stands for an
     * escaped character and never for text the input spelled that way. Text without either comes back unchanged.
     */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = firstToEscape(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (cp == '\\') {
                out.append("\\\\");
            } else if (isUnsafe(cp)) {
                for (int j = i; j < i + n; j++) {
                    char c = text.charAt(j);
                    out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                            .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                }
            } else {
                out.append(text, i, i + n);
            }
            i += n;
        }
        return out.toString();
    }

    private static int firstToEscape(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp == '\\' || isUnsafe(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }
}
