package dev.latchkey.auth.spring.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link LatchkeyJwt} into a {@link LatchkeyAuthentication}, for
 * {@code http.oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(converter)))}: the principal is then
 * the {@link dev.latchkey.auth.VerifiedAccessToken}. (With {@code o.jwt(Customizer.withDefaults())}, Spring's own
 * {@code JwtAuthenticationConverter} bean applies the same authorities, and the principal is the {@link Jwt}.)
 */
public final class LatchkeyAuthenticationConverter implements Converter<Jwt, LatchkeyAuthentication> {
    @Override
    public LatchkeyAuthentication convert(Jwt jwt) {
        if (!(jwt instanceof LatchkeyJwt latchkey)) {
            throw new IllegalArgumentException("not a token from LatchkeyJwtDecoder");
        }
        List<GrantedAuthority> authorities = new ArrayList<>(LatchkeyAuthorities.of(latchkey.verifiedToken()));
        authorities.add(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.BEARER_AUTHORITY)
                .issuedAt(latchkey.verifiedToken().issuedAt()).build());
        return new LatchkeyAuthentication(latchkey, authorities);
    }
}
