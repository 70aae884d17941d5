package dev.latchkey.auth.totp;

/**
 * The HMAC hash function of a TOTP credential (RFC 6238 section 1.2): {@link #SHA1}, what every authenticator app
 * expects and the default, or {@link #SHA256} and {@link #SHA512}, which some apps ignore (they then show wrong codes).
 */
public enum TotpAlgorithm {
    /** HMAC-SHA-1, the default of RFC 6238 and of authenticator apps. */
    SHA1("SHA1", "HmacSHA1"),
    /** HMAC-SHA-256. */
    SHA256("SHA256", "HmacSHA256"),
    /** HMAC-SHA-512. */
    SHA512("SHA512", "HmacSHA512");

    private final String uriName;
    private final String jcaName;

    TotpAlgorithm(String uriName, String jcaName) {
        this.uriName = uriName;
        this.jcaName = jcaName;
    }

    /** The {@code algorithm} parameter of an {@code otpauth://} URI: {@code SHA1}, {@code SHA256} or {@code SHA512}. */
    public String uriName() {
        return uriName;
    }

    /** The JCA name of the MAC, e.g. {@code HmacSHA1}. */
    public String jcaName() {
        return jcaName;
    }

    /** The algorithm whose {@link #uriName()} is {@code name}. */
    public static TotpAlgorithm fromUriName(String name) {
        for (TotpAlgorithm a : values()) {
            if (a.uriName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown TOTP algorithm");
    }
}
