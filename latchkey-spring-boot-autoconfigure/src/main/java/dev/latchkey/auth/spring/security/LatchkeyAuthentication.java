package dev.latchkey.auth.spring.security;

import dev.latchkey.auth.VerifiedAccessToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

import java.util.Collection;
import java.util.Map;

/**
 * A request authenticated by a Latchkey access token: the principal is the {@link VerifiedAccessToken} (so
 * {@code @AuthenticationPrincipal VerifiedAccessToken token} injects it), the name is the user id, the token is the
 * {@link Jwt}, and the authorities are {@link LatchkeyAuthorities}' plus {@code FACTOR_BEARER}. Made by
 * {@link LatchkeyAuthenticationConverter}.
 */
public final class LatchkeyAuthentication extends AbstractOAuth2TokenAuthenticationToken<Jwt> {
    private static final long serialVersionUID = 1L;

    private final transient VerifiedAccessToken verified;

    LatchkeyAuthentication(LatchkeyJwt jwt, Collection<? extends GrantedAuthority> authorities) {
        super(jwt, jwt.verifiedToken(), jwt, authorities);
        this.verified = jwt.verifiedToken();
        setAuthenticated(true);
    }

    /** What Latchkey verified. */
    public VerifiedAccessToken verifiedToken() {
        return verified;
    }

    @Override
    public Map<String, Object> getTokenAttributes() {
        return getToken().getClaims();
    }

    @Override
    public String getName() {
        return verified.userId();
    }
}
