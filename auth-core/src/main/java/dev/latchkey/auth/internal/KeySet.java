package dev.latchkey.auth.internal;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One immutable view of the access-token keys: the key that signs now, every key that verifies (looked up by the exact
 * header segment its tokens start with, so a token whose header is not one of ours is rejected before anything is
 * parsed), the public JWKS, and when this view must be read again.
 */
public final class KeySet {
    private final JwsKey signer;
    private final Map<String, JwsKey> byHeader;
    private final List<JwsKey> verifiers;
    private final String jwksJson;
    private final Instant validUntil;

    /** A view signing with {@code signer} and verifying with {@code verifiers} (which should include the signer). */
    public KeySet(JwsKey signer, Collection<JwsKey> verifiers, Instant validUntil) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.validUntil = Objects.requireNonNull(validUntil, "validUntil");
        Map<String, JwsKey> map = new HashMap<>();
        List<JWK> jwks = new ArrayList<>();
        List<JwsKey> all = new ArrayList<>();
        for (JwsKey key : verifiers) {
            if (map.putIfAbsent(key.headerSegment(), key) == null) {
                all.add(key);
                JWK jwk = key.toPublicJwk();
                if (jwk != null) {
                    jwks.add(jwk);
                }
            }
        }
        if (map.putIfAbsent(signer.headerSegment(), signer) == null) {
            all.add(signer);
            JWK jwk = signer.toPublicJwk();
            if (jwk != null) {
                jwks.add(jwk);
            }
        }
        this.byHeader = Map.copyOf(map);
        this.verifiers = List.copyOf(all);
        this.jwksJson = new JWKSet(jwks).toString(true);
    }

    /** The key that signs new tokens. */
    public JwsKey signer() {
        return signer;
    }

    /** The key whose tokens start with exactly this header segment, or null. */
    public JwsKey forHeader(String headerSegment) {
        return byHeader.get(headerSegment);
    }

    /** Every key that verifies, the signer included. */
    public List<JwsKey> verifiers() {
        return verifiers;
    }

    /** The public keys as a JWKS document (RFC 7517 5); {@code {"keys":[]}} when only HS256 is used. */
    public String jwksJson() {
        return jwksJson;
    }

    /** When this view must be read again. */
    public Instant validUntil() {
        return validUntil;
    }
}
