package dev.latchkey.benchmarks;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.util.List;
import java.util.Set;

/** How each peer is set up to check what Latchkey checks, so that the comparison is like for like. */
final class Peers {
    static final DefaultJOSEObjectTypeVerifier<SecurityContext> AT_JWT_TYPE =
            new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"));

    private Peers() {
    }

    /** Nimbus's claims check: exact {@code iss}, {@code aud}, and {@code sub}, {@code exp}, {@code iat}, {@code jti} present. */
    static DefaultJWTClaimsVerifier<SecurityContext> nimbusClaimsVerifier() {
        return new DefaultJWTClaimsVerifier<>(Accounts.AUDIENCE,
                new JWTClaimsSet.Builder().issuer(Accounts.ISSUER).build(),
                Set.of("sub", "exp", "iat", "jti", "sid"));
    }

    /**
     * Spring's decoder from this builder, validating timestamps, issuer, {@code typ} {@code at+jwt} and audience.
     */
    static NimbusJwtDecoder spring(NimbusJwtDecoder.SecretKeyJwtDecoderBuilder builder) {
        return withValidators(builder.build());
    }

    static NimbusJwtDecoder withValidators(NimbusJwtDecoder decoder) {
        // Not JwtValidators.createAtJwtValidator(): it insists on a client_id claim, which Latchkey's tokens (for the
        // application's own users, not OAuth clients) do not carry.
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<Jwt>(
                new JwtTimestampValidator(),
                new JwtIssuerValidator(Accounts.ISSUER),
                new JwtTypeValidator("at+jwt"),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(Accounts.AUDIENCE))));
        return decoder;
    }
}
