package dev.latchkey.auth.http;

/**
 * Request values made safe for one log line: line breaks (CR, LF, U+0085, U+2028, U+2029), other controls, format
 * characters, spaces other than U+0020 and lone surrogates become {@code \u005CuXXXX} escapes (one per UTF-16 unit),
 * and a backslash becomes two, so that nothing a client sends can start a forged line. The same rule as Latchkey's
 * audit log lines; the HTTP hosts share this copy because the core's is not API.
 */
public final class LogText {
    private LogText() {
    }

    /** {@code text} escaped as described; text without such characters comes back unchanged. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            boolean unsafe = isUnsafe(cp);
            if ((unsafe || cp == '\\') && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (cp == '\\') {
                    out.append("\\\\");
                } else if (unsafe) {
                    for (int j = i; j < i + n; j++) {
                        out.append(String.format("\\u%04X", (int) text.charAt(j)));
                    }
                } else {
                    out.appendCodePoint(cp);
                }
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }

    private static boolean isUnsafe(int codePoint) {
        if (codePoint == ' ') {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR, Character.SURROGATE -> true;
            default -> false;
        };
    }
}
