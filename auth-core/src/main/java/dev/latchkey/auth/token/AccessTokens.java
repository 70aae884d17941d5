package dev.latchkey.auth.token;

import dev.latchkey.auth.VerifiedAccessToken;

/**
 * Access tokens: offline and online verification, the public keys, and rotation.
 *
 * <p>Null arguments: a null or blank access token is {@link dev.latchkey.auth.AuthErrorCode#INVALID_TOKEN}, like any
 * other malformed one, so a request without a token needs no check of its own before {@link #verify}.
 */
public interface AccessTokens {
    /**
     * Checks an access token's signature and claims without touching the database: cheap, but a token stays valid
     * until it expires (15 minutes by default) after logout, revocation or disabling. Use {@link #verifyOnline} where
     * that matters.
     *
     * @throws dev.latchkey.auth.AuthException {@code INVALID_TOKEN}
     */
    VerifiedAccessToken verify(String accessToken);

    /**
     * Checks an access token as {@link #verify} does, then against the store: the account still exists and is active
     * (or locked for untrusted password logins, which leaves sessions alone), its session is not revoked, and the
     * token was issued after the account's last logout-everywhere, password change or disabling. Costs database reads
     * on every call.
     *
     * @throws dev.latchkey.auth.AuthException {@code INVALID_TOKEN}
     */
    VerifiedAccessToken verifyOnline(String accessToken);

    /**
     * The public keys access tokens are verified with, as a JWKS document (RFC 7517 section 5): the key that signs
     * now, a published next key and retired keys whose tokens may still be valid; {@code {"keys":[]}} with HS256.
     */
    String publicJwks();

    /**
     * Publishes a new generated signing key now; it starts signing after {@link SigningConfig#publishLead()} on every
     * instance. Returns the new key's {@code kid}.
     *
     * @throws dev.latchkey.auth.AuthException {@code VALIDATION_FAILED} with HS256 or with keys the host supplies,
     *                                         which Latchkey cannot rotate
     */
    String rotateSigningKey();
}
