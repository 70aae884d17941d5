package dev.latchkey.auth.spring.security;

import dev.latchkey.auth.VerifiedAccessToken;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Map;
import java.util.Objects;

/**
 * A Latchkey access token as Spring Security's {@link Jwt}, made only by {@link LatchkeyJwtDecoder} after Latchkey
 * verified it, and carrying that proof: {@link #verifiedToken()}.
 */
public final class LatchkeyJwt extends Jwt {
    private static final long serialVersionUID = 1L;

    private final transient VerifiedAccessToken verified;

    LatchkeyJwt(String tokenValue, Map<String, Object> headers, Map<String, Object> claims,
                VerifiedAccessToken verified) {
        super(tokenValue, verified.issuedAt(), verified.expiresAt(), headers, claims);
        this.verified = Objects.requireNonNull(verified, "verified");
    }

    /** What Latchkey verified: the user, session, roles, factors ({@code amr}) and {@code auth_time}. */
    public VerifiedAccessToken verifiedToken() {
        return verified;
    }

    @Override
    public String toString() {
        return "LatchkeyJwt[" + verified + "]";
    }
}
