package dev.latchkey.auth.totp.internal;

import dev.latchkey.auth.totp.TotpAlgorithm;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The {@code otpauth://totp/Issuer:account?secret=...} URI authenticator apps read (the Key URI Format of Google
 * Authenticator, which the other apps follow): issuer and account percent-encoded (RFC 3986, a space as {@code %20}),
 * the issuer both as the label prefix and as the {@code issuer} parameter, and every parameter written out.
 */
public final class OtpauthUri {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private OtpauthUri() {
    }

    /** The URI of a TOTP credential. */
    public static String of(String issuer, String account, String secretBase32, TotpAlgorithm algorithm, int digits,
                            Duration period) {
        String encodedIssuer = encode(issuer);
        return "otpauth://totp/" + encodedIssuer + ":" + encode(account) + "?secret=" + secretBase32 + "&issuer="
                + encodedIssuer + "&algorithm=" + algorithm.uriName() + "&digits=" + digits + "&period="
                + period.getSeconds();
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 15]);
            }
        }
        return out.toString();
    }
}
