package dev.latchkey.auth.spring.security;

import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.VerifiedAccessToken;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.text.ParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Spring Security's {@link JwtDecoder} over Latchkey's own verification, in process: the signature, algorithm, type
 * ({@code at+jwt}), issuer, audience and times are checked by {@link AuthService#tokens()} with the service's keys (no
 * JWKS fetched), and with {@code latchkey.security.online-check=true} the session and account too
 * ({@link dev.latchkey.auth.token.AccessTokens#verifyOnline}), so a revoked session fails at once. Gives a
 * {@link LatchkeyJwt}.
 *
 * <p>A token Latchkey refuses is a {@link BadJwtException}, which the resource server answers with 401 and
 * {@code WWW-Authenticate: Bearer error="invalid_token"}; a database failure during the online check is a plain
 * {@link JwtException} (an authentication service failure, not the client's fault).
 */
public final class LatchkeyJwtDecoder implements JwtDecoder {
    private final AuthService auth;
    private final boolean online;

    private LatchkeyJwtDecoder(AuthService auth, boolean online) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.online = online;
    }

    /** A decoder that checks signatures and claims only: no database read per request. */
    public static LatchkeyJwtDecoder offline(AuthService auth) {
        return new LatchkeyJwtDecoder(auth, false);
    }

    /** A decoder that also checks the session and account in the store on every request. */
    public static LatchkeyJwtDecoder online(AuthService auth) {
        return new LatchkeyJwtDecoder(auth, true);
    }

    @Override
    public Jwt decode(String token) {
        VerifiedAccessToken verified;
        try {
            verified = online ? auth.tokens().verifyOnline(token) : auth.tokens().verify(token);
        } catch (AuthException e) {
            if (e.code() == AuthErrorCode.STORE_UNAVAILABLE) {
                throw new JwtException("the access token could not be checked: the store is unavailable", e);
            }
            throw new BadJwtException(e.getMessage(), e);
        }
        try {
            SignedJWT parsed = SignedJWT.parse(token);
            Map<String, Object> claims = new LinkedHashMap<>();
            parsed.getJWTClaimsSet().getClaims().forEach((name, value) -> claims.put(name,
                    value instanceof Date date ? date.toInstant() : value));
            claims.put("auth_time", verified.authTime());
            return new LatchkeyJwt(token, new LinkedHashMap<>(parsed.getHeader().toJSONObject()), claims, verified);
        } catch (ParseException e) {
            // Latchkey parsed it a moment ago; only a bug gets here.
            throw new BadJwtException("the access token could not be read", e);
        }
    }

    @Override
    public String toString() {
        return "LatchkeyJwtDecoder[" + (online ? "online" : "offline") + "]";
    }
}
