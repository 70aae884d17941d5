package dev.latchkey.auth.spring;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.OtpProvider;
import dev.latchkey.auth.http.LatchkeyApi;
import dev.latchkey.auth.http.Route;
import dev.latchkey.auth.otp.MockOtpProvider;
import dev.latchkey.auth.spring.properties.LatchkeyProperties;
import dev.latchkey.auth.spring.properties.PasskeyProperties;
import dev.latchkey.auth.spring.web.LatchkeyHandlerMapping;
import dev.latchkey.auth.spring.web.LatchkeyWebRoutes;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.totp.RecoveryCodeFactor;
import dev.latchkey.auth.totp.TotpFactor;
import dev.latchkey.auth.webauthn.PasskeyConfig;
import dev.latchkey.auth.webauthn.PasskeyFactor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Latchkey's whole JSON HTTP API on Spring MVC with {@code latchkey.web.enabled=true}: {@code auth-http}'s route table
 * (the same routes, bodies, status codes, problem answers and {@code Retry-After} as the example application) under
 * {@code latchkey.web.base-path}, each group on or off with {@code latchkey.web.groups.*}.
 *
 * <p>Adds, each unless the application has one: TOTP and recovery codes ({@link TotpFactor},
 * {@link RecoveryCodeFactor}) while the {@code mfa} group is on, passkeys ({@link PasskeyFactor},
 * {@code latchkey.passkeys.*}) while {@code passkeys} is on, and the {@link LatchkeyApi}. Beans of type
 * {@link Route} are the application's own routes over the same exchange, served beside Latchkey's. With Spring
 * Security, a {@link SecurityFilterChain} for the API's paths only, ahead of every other chain: the routes check
 * bearer tokens themselves (online) and answer problems, and guard browser sessions with their own header, so that
 * chain permits them and turns off CSRF tokens and sessions there.
 */
@AutoConfiguration(after = {LatchkeyAutoConfiguration.class, LatchkeyWebSecurityAutoConfiguration.class},
        afterName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnClass({LatchkeyApi.class, DispatcherServlet.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "latchkey.web", name = "enabled", havingValue = "true")
@ConditionalOnBean({AuthService.class, AuthStores.class})
public class LatchkeyWebAutoConfiguration {
    /** Passkeys, first: the strongest second step is offered first. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "latchkey.web.groups", name = "passkeys", matchIfMissing = true)
    public PasskeyFactor latchkeyPasskeyFactor(LatchkeyProperties properties, AuthConfig config) {
        PasskeyProperties p = properties.getPasskeys();
        String rpName = p.getRpName() == null || p.getRpName().isBlank() ? config.appName() : p.getRpName();
        try {
            return PasskeyFactor.create(PasskeyConfig.newBuilder(p.getRpId() == null ? "" : p.getRpId(), rpName)
                    .origins(p.getOrigins()).build());
        } catch (IllegalArgumentException | NullPointerException e) {
            String message = e.getMessage() == null ? "is invalid" : e.getMessage();
            String name = message.startsWith("rpId") ? "rp-id" : message.startsWith("rpName") ? "rp-name" : "origins";
            throw new LatchkeyPropertyException("latchkey.passkeys." + name, message.replaceFirst("^\\w+\\s*", ""), e);
        }
    }

    /** TOTP, named after the application in authenticator apps. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "latchkey.web.groups", name = "mfa", matchIfMissing = true)
    public TotpFactor latchkeyTotpFactor(AuthConfig config) {
        return TotpFactor.create(config.appName());
    }

    /** Recovery codes beside TOTP. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "latchkey.web.groups", name = "mfa", matchIfMissing = true)
    public RecoveryCodeFactor latchkeyRecoveryCodeFactor() {
        return RecoveryCodeFactor.create();
    }

    /** The API over the service; the outbox only with {@code latchkey.web.groups.outbox=true} and the mock. */
    @Bean
    @ConditionalOnMissingBean
    public LatchkeyApi latchkeyApi(AuthService auth, AuthConfig config, AuthStores stores, OtpProvider otp,
                                   LatchkeyProperties properties, ObjectProvider<TotpFactor> totp,
                                   ObjectProvider<RecoveryCodeFactor> recovery, ObjectProvider<PasskeyFactor> passkeys) {
        return LatchkeyWebRoutes.api(auth, config, stores, otp instanceof MockOtpProvider mock ? mock : null,
                properties.getWeb(), totp.getIfAvailable(), recovery.getIfAvailable(), passkeys.getIfAvailable());
    }

    /** The route table (the groups that are on, and the application's {@link Route} beans) on Spring MVC. */
    @Bean
    @ConditionalOnMissingBean
    public LatchkeyHandlerMapping latchkeyHandlerMapping(LatchkeyApi api, LatchkeyProperties properties,
                                                         ObjectProvider<Route> appRoutes) {
        return LatchkeyWebRoutes.mapping(api, properties.getWeb(), appRoutes.orderedStream().toList());
    }

    /** The API's 404 problem for unknown paths in Latchkey's namespaces; a host bean of this name replaces it. */
    @Bean
    @ConditionalOnMissingBean(name = "latchkeyNotFoundMapping")
    public HandlerMapping latchkeyNotFoundMapping(LatchkeyHandlerMapping routes) {
        return LatchkeyWebRoutes.notFound(routes);
    }

    /** The security chain of the API's paths, when Spring Security is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HttpSecurity.class)
    @ConditionalOnBean(HttpSecurity.class)
    static class ApiSecurity {
        /** Every route of the API is open to Spring Security: each route checks its caller itself. */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE + 50)
        @ConditionalOnMissingBean(name = "latchkeyApiSecurityFilterChain")
        public SecurityFilterChain latchkeyApiSecurityFilterChain(HttpSecurity http, LatchkeyHandlerMapping routes)
                throws Exception {
            http.securityMatcher(routes::matches)
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .requestCache(cache -> cache.disable())
                    .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
            return http.build();
        }
    }
}
