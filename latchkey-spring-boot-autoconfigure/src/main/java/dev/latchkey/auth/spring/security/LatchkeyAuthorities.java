package dev.latchkey.auth.spring.security;

import dev.latchkey.auth.VerifiedAccessToken;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The authorities of a Latchkey access token: each role as {@code ROLE_<role>} (so {@code hasRole('admin')} matches the
 * role {@code admin}), and each factor of its {@code amr} as a Spring Security 7 {@link FactorGrantedAuthority} issued
 * at the token's {@code auth_time}: {@code pwd} is {@code FACTOR_PASSWORD}, {@code otp} (a code by email or SMS, or a
 * TOTP) {@code FACTOR_OTT}, {@code hwk}/{@code swk} (passkeys) {@code FACTOR_WEBAUTHN}, and any other value
 * {@code FACTOR_<VALUE>} ({@code FACTOR_SMS}, {@code FACTOR_MFA}). Works on any {@link Jwt} from
 * {@link LatchkeyJwtDecoder}.
 */
public final class LatchkeyAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {
    private static final Map<String, String> FACTORS = Map.of("pwd", FactorGrantedAuthority.PASSWORD_AUTHORITY,
            "otp", FactorGrantedAuthority.OTT_AUTHORITY, "hwk", FactorGrantedAuthority.WEBAUTHN_AUTHORITY,
            "swk", FactorGrantedAuthority.WEBAUTHN_AUTHORITY);

    /** The authorities of a token. */
    public static List<GrantedAuthority> of(VerifiedAccessToken token) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        token.roles().stream().sorted().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        for (String amr : token.amr()) {
            String name = FACTORS.getOrDefault(amr, "FACTOR_" + amr.toUpperCase(Locale.ROOT));
            FactorGrantedAuthority factor = FactorGrantedAuthority.withAuthority(name).issuedAt(token.authTime())
                    .build();
            if (!authorities.contains(factor)) {
                authorities.add(factor);
            }
        }
        return authorities;
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        if (!(jwt instanceof LatchkeyJwt latchkey)) {
            throw new IllegalArgumentException("not a token from LatchkeyJwtDecoder");
        }
        return of(latchkey.verifiedToken());
    }
}
