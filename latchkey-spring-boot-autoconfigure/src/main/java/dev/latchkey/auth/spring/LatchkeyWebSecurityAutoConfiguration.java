package dev.latchkey.auth.spring;

import dev.latchkey.auth.spring.security.LatchkeyAuthenticationConverter;
import dev.latchkey.auth.spring.security.LatchkeyJwtDecoder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The {@link SecurityFilterChain} of a servlet application that declares none: every request needs a valid Latchkey
 * bearer token (the {@link LatchkeyJwtDecoder}), no HTTP session, and the {@link LatchkeyAuthenticationConverter}, so
 * {@code @AuthenticationPrincipal VerifiedAccessToken} injects the verified token. 401 and 403 carry
 * {@code WWW-Authenticate: Bearer ...} ({@code error="invalid_token"}, {@code error="insufficient_scope"}) as Spring
 * Security's resource server writes them. Takes the place of Spring Boot's default chains; a host's own
 * {@link SecurityFilterChain} bean turns it off.
 */
@AutoConfiguration(after = LatchkeySecurityAutoConfiguration.class, beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet."
                + "OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration"})
@ConditionalOnClass({HttpSecurity.class, ConditionalOnDefaultWebSecurity.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnDefaultWebSecurity
@ConditionalOnBean(LatchkeyJwtDecoder.class)
public class LatchkeyWebSecurityAutoConfiguration {
    /** Bearer tokens on every request. */
    @Bean
    public SecurityFilterChain latchkeySecurityFilterChain(HttpSecurity http, LatchkeyJwtDecoder decoder,
                                                           LatchkeyAuthenticationConverter converter)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(decoder)
                        .jwtAuthenticationConverter(converter)));
        return http.build();
    }
}
