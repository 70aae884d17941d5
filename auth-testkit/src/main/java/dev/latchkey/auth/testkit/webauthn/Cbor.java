package dev.latchkey.auth.testkit.webauthn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The few CBOR (RFC 8949) shapes a WebAuthn authenticator writes: unsigned and negative integers, byte and text
 * strings, arrays and maps, definite lengths, keys in the order given.
 */
final class Cbor {
    private Cbor() {
    }

    /** The encoding of {@code value}: a {@link Long} or {@link Integer}, {@code byte[]}, {@link String}, list or map. */
    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        if (value instanceof Integer i) {
            write(out, (long) i);
        } else if (value instanceof Long n) {
            if (n >= 0) {
                head(out, 0, n);
            } else {
                head(out, 1, -1 - n);
            }
        } else if (value instanceof byte[] bytes) {
            head(out, 2, bytes.length);
            out.writeBytes(bytes);
        } else if (value instanceof String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            head(out, 3, utf8.length);
            out.writeBytes(utf8);
        } else if (value instanceof List<?> list) {
            head(out, 4, list.size());
            list.forEach(v -> write(out, v));
        } else if (value instanceof Map<?, ?> map) {
            head(out, 5, map.size());
            map.forEach((k, v) -> {
                write(out, k);
                write(out, v);
            });
        } else {
            throw new IllegalArgumentException("no CBOR form for " + value);
        }
    }

    private static void head(ByteArrayOutputStream out, int major, long length) {
        int type = major << 5;
        if (length < 24) {
            out.write(type | (int) length);
        } else if (length < 0x100) {
            out.write(type | 24);
            out.write((int) length);
        } else if (length < 0x10000) {
            out.write(type | 25);
            out.write((int) (length >> 8));
            out.write((int) length);
        } else {
            out.write(type | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (length >> shift));
            }
        }
    }
}
