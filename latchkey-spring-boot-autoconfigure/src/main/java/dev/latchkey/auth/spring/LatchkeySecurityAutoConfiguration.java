package dev.latchkey.auth.spring;

import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.spring.properties.LatchkeyProperties;
import dev.latchkey.auth.spring.security.LatchkeyAuthenticationConverter;
import dev.latchkey.auth.spring.security.LatchkeyAuthorities;
import dev.latchkey.auth.spring.security.LatchkeyJwtDecoder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security's resource server over Latchkey's in-process token verification: a {@link JwtDecoder} bean
 * ({@link LatchkeyJwtDecoder}; online with {@code latchkey.security.online-check=true}), a
 * {@link JwtAuthenticationConverter} bean mapping roles to {@code ROLE_} authorities and factors to
 * {@code FactorGrantedAuthority}s ({@link LatchkeyAuthorities}), and a {@link LatchkeyAuthenticationConverter} whose
 * authentications have the {@link dev.latchkey.auth.VerifiedAccessToken} as principal.
 *
 * <p>So {@code http.oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()))} verifies Latchkey tokens, and
 * {@code o.jwt(j -> j.jwtAuthenticationConverter(latchkeyConverter))} also makes
 * {@code @AuthenticationPrincipal VerifiedAccessToken} work; a servlet application that declares no
 * {@link SecurityFilterChain} gets one ({@link LatchkeyWebSecurityAutoConfiguration}). Each bean backs off when the
 * host declares one of its type.
 */
@AutoConfiguration(after = LatchkeyAutoConfiguration.class, beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet."
                + "OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration"})
@ConditionalOnClass({JwtDecoder.class, AbstractOAuth2TokenAuthenticationToken.class})
@ConditionalOnBean(AuthService.class)
@EnableConfigurationProperties(LatchkeyProperties.class)
public class LatchkeySecurityAutoConfiguration {
    /** Latchkey's verification as the resource server's decoder. */
    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    public LatchkeyJwtDecoder latchkeyJwtDecoder(AuthService auth, LatchkeyProperties properties) {
        return properties.getSecurity().isOnlineCheck() ? LatchkeyJwtDecoder.online(auth)
                : LatchkeyJwtDecoder.offline(auth);
    }

    /** Roles and factors for {@code o.jwt(Customizer.withDefaults())}, when the decoder is Latchkey's. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(LatchkeyJwtDecoder.class)
    public JwtAuthenticationConverter latchkeyJwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new LatchkeyAuthorities());
        return converter;
    }

    /** Authentications whose principal is the verified token. */
    @Bean
    @ConditionalOnMissingBean
    public LatchkeyAuthenticationConverter latchkeyAuthenticationConverter() {
        return new LatchkeyAuthenticationConverter();
    }
}
