package dev.latchkey.auth.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader for the JSON object of a token payload (RFC 8259), for {@link AccessTokenCodec}: an object becomes a
 * {@code Map<String, Object>}, an array a {@code List<Object>}, a string a {@code String}, an integer that fits a
 * {@code long} a {@code Long}, any other number a {@code Double}, {@code true}/{@code false} a {@code Boolean}, and
 * {@code null} null.
 *
 * <p>It exists because a general-purpose parser (Nimbus's shaded Gson) took a large share of a fresh token's
 * verification time in type adapters and map building (JMH stack profile); this one reads the text once. It runs only on payloads whose signature already checked out, but
 * still rejects, with {@link IllegalArgumentException}: duplicate member names (two {@code exp}s must not mean
 * whichever a reader picks), anything after the object, control characters in strings, bad escapes, numbers JSON
 * does not allow (leading zeros, {@code +}, {@code .5}, {@code NaN}), and nesting deeper than {@value #MAX_DEPTH}.
 */
final class ClaimsJson {
    static final int MAX_DEPTH = 16;

    private final String text;
    private int pos;

    private ClaimsJson(String text) {
        this.text = text;
    }

    /** The members of the JSON object {@code text}; {@link IllegalArgumentException} when it is anything else. */
    static Map<String, Object> parseObject(String text) {
        ClaimsJson reader = new ClaimsJson(text);
        reader.skipWhitespace();
        if (reader.peek() != '{') {
            throw reader.error("expected an object");
        }
        Map<String, Object> object = reader.object(1);
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw reader.error("content after the object");
        }
        return object;
    }

    private Object value(int depth) {
        skipWhitespace();
        char c = peek();
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character");
        }
    }

    private Map<String, Object> object(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested too deeply");
        }
        pos++; // '{'
        Map<String, Object> members = new HashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            String name = string();
            skipWhitespace();
            expect(':');
            Object value = value(depth);
            if (members.containsKey(name)) {
                throw error("duplicate member");
            }
            members.put(name, value);
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested too deeply");
        }
        pos++; // '['
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.emptyList();
        }
        List<Object> items = new ArrayList<>(4);
        while (true) {
            items.add(value(depth));
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return items;
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        pos++; // '"'
        int start = pos;
        // The common case, no escapes: one substring.
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            pos++;
        }
        StringBuilder out = new StringBuilder(text.length() - start);
        out.append(text, start, pos);
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(hex4());
                default -> throw error("bad escape");
            }
        }
    }

    private char hex4() {
        if (pos + 4 > text.length()) {
            throw error("truncated escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            char h = text.charAt(pos++);
            int d = h >= '0' && h <= '9' ? h - '0'
                    : h >= 'a' && h <= 'f' ? h - 'a' + 10
                    : h >= 'A' && h <= 'F' ? h - 'A' + 10
                    : -1; // ASCII only: Character.digit would take fullwidth and other Unicode digits
            if (d < 0) {
                throw error("bad escape");
            }
            v = (v << 4) | d;
        }
        return (char) v;
    }

    private Object number() {
        int start = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("bad number");
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("bad number");
            }
            digits();
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("bad number");
            }
            digits();
        }
        String literal = text.substring(start, pos);
        if (integral) {
            if (pos - start <= 18) {
                return Long.parseLong(literal);
            }
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException beyondLong) {
                return Double.parseDouble(literal);
            }
        }
        return Double.parseDouble(literal);
    }

    private void digits() {
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected character");
        }
        pos += word.length();
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at " + pos);
    }
}
