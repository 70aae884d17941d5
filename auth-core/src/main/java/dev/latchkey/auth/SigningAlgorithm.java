package dev.latchkey.auth;

/**
 * The JWS algorithm of access tokens, fixed by the key that signs them and never read from a token (RFC 8725 3.1).
 *
 * <p>{@link #HS256} needs the shared secret to verify, so it suits a single service. The asymmetric ones publish
 * their public keys as a JWKS ({@link dev.latchkey.auth.token.AccessTokens#publicJwks()}) so that any resource server can verify tokens
 * without a secret. {@link #RS256} is the recommended asymmetric choice: verification, which happens on every
 * request, is the cheapest of the three, and every JWT library verifies it without extra dependencies.
 */
public enum SigningAlgorithm {
    /** HMAC with SHA-256 under the configured access-token key; the JWKS stays empty. */
    HS256("HS256", false),
    /** RSASSA-PKCS1-v1_5 with SHA-256, keys of 2048 bits or more (RFC 7518 3.3). */
    RS256("RS256", true),
    /** ECDSA on P-256 with SHA-256 (RFC 7518 3.4). */
    ES256("ES256", true),
    /** EdDSA over Ed25519 (RFC 8037); written as {@code EdDSA} in the token header. */
    EDDSA("EdDSA", true);

    private final String jwsName;
    private final boolean asymmetric;

    SigningAlgorithm(String jwsName, boolean asymmetric) {
        this.jwsName = jwsName;
        this.asymmetric = asymmetric;
    }

    /** The {@code alg} header value, for example {@code RS256} or {@code EdDSA}. */
    public String jwsName() {
        return jwsName;
    }

    /** Whether tokens are signed with a private key and verified with a public one. */
    public boolean isAsymmetric() {
        return asymmetric;
    }

    /** The algorithm whose {@link #jwsName()} is {@code name}, or an {@link IllegalArgumentException}. */
    public static SigningAlgorithm fromJwsName(String name) {
        for (SigningAlgorithm a : values()) {
            if (a.jwsName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unsupported signing algorithm: " + name);
    }
}
