package dev.latchkey.auth.webauthn.internal;

import java.util.Base64;

/** Unpadded base64url, as WebAuthn's JSON forms write binary values. */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    /** The unpadded base64url form of {@code bytes}. */
    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * The bytes of an unpadded (or padded) base64url string.
     *
     * @throws IllegalArgumentException when it is not base64url
     */
    public static byte[] decode(String text) {
        return DECODER.decode(text);
    }
}
