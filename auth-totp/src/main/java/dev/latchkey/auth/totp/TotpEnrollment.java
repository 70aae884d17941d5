package dev.latchkey.auth.totp;

/**
 * What a new TOTP enrolment shows the user, once: the secret in base32, the {@code otpauth://} URI that carries it,
 * and that URI as a QR code in SVG. Nothing is active until {@link TotpFactor#confirm} accepts a first code. Every
 * field is secret: send it to the user over the authenticated channel and keep it nowhere; {@link #toString()} shows
 * none of it.
 */
public final class TotpEnrollment {
    private final String secret;
    private final String otpauthUri;
    private final String qrSvg;

    TotpEnrollment(String secret, String otpauthUri, String qrSvg) {
        this.secret = secret;
        this.otpauthUri = otpauthUri;
        this.qrSvg = qrSvg;
    }

    /** The 160-bit secret as unpadded RFC 4648 base32 (32 characters), for users who type it into their app. */
    public String secret() {
        return secret;
    }

    /**
     * The key URI authenticator apps read:
     * {@code otpauth://totp/Issuer:account?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30}.
     */
    public String otpauthUri() {
        return otpauthUri;
    }

    /**
     * The QR code of {@link #otpauthUri()} as a standalone SVG element (no XML declaration, no script, no external
     * reference), with a quiet zone and a {@code viewBox}, ready to inline in a page or serve as
     * {@code image/svg+xml}.
     */
    public String qrSvg() {
        return qrSvg;
    }

    /** Shows no field: all of them carry the secret. */
    @Override
    public String toString() {
        return "TotpEnrollment[secret=****]";
    }
}
