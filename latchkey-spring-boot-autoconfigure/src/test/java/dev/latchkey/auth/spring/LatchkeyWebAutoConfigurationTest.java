package dev.latchkey.auth.spring;

import dev.latchkey.auth.http.LatchkeyApi;
import dev.latchkey.auth.http.Route;
import dev.latchkey.auth.http.RouteGroup;
import dev.latchkey.auth.spring.web.LatchkeyHandlerMapping;
import dev.latchkey.auth.totp.RecoveryCodeFactor;
import dev.latchkey.auth.totp.TotpFactor;
import dev.latchkey.auth.webauthn.PasskeyFactor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.SecurityFilterChain;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every condition of {@link LatchkeyWebAutoConfiguration}: the property, the groups, the base path, overrides. */
class LatchkeyWebAutoConfigurationTest {
    private static WebApplicationContextRunner web() {
        return new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                        LatchkeyAutoConfiguration.class, LatchkeySecurityAutoConfiguration.class,
                        LatchkeyWebSecurityAutoConfiguration.class, LatchkeyWebAutoConfiguration.class,
                        SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class))
                .withUserConfiguration(Contexts.H2.class).withPropertyValues(Contexts.REQUIRED);
    }

    private static WebApplicationContextRunner enabled(String... more) {
        return web().withPropertyValues("latchkey.web.enabled=true").withPropertyValues(more);
    }

    @Test
    void withoutTheProperty_thereIsNoWebApi_andNoFactorOfOurs() {
        web().run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(LatchkeyApi.class)
                    .doesNotHaveBean(LatchkeyHandlerMapping.class).doesNotHaveBean(TotpFactor.class)
                    .doesNotHaveBean(PasskeyFactor.class);
            assertThat(context).doesNotHaveBean("latchkeyApiSecurityFilterChain");
        });
        web().withPropertyValues("latchkey.web.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(LatchkeyHandlerMapping.class));
    }

    @Test
    void enabled_servesEveryGroupButTheOutbox_withTheFactorsTheRoutesNeed_andItsOwnSecurityChain() {
        enabled().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(LatchkeyApi.class).hasSingleBean(TotpFactor.class)
                    .hasSingleBean(RecoveryCodeFactor.class).hasSingleBean(PasskeyFactor.class)
                    .hasBean("latchkeyApiSecurityFilterChain");
            List<String> patterns = context.getBean(LatchkeyHandlerMapping.class).patterns();
            assertThat(patterns).contains("POST /api/auth/register", "POST /api/auth/login",
                    "POST /api/auth/mfa/verify", "POST /api/auth/passkeys/login", "GET /api/profile",
                    "GET /api/admin/users", "GET /health", "GET /.well-known/jwks.json",
                    "DELETE /api/auth/sessions/{id}").doesNotContain("GET /dev/outbox");
            assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSizeGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void theBasePath_prefixesEveryRoute() {
        enabled("latchkey.web.base-path=/auth/").run(context -> {
            List<String> patterns = context.getBean(LatchkeyHandlerMapping.class).patterns();
            assertThat(patterns).contains("POST /auth/api/auth/login", "GET /auth/health")
                    .allSatisfy(p -> assertThat(p.split(" ")[1]).startsWith("/auth/"));
        });
    }

    @Test
    void aBadBasePath_failsNamingIt() {
        assertFailsNaming(enabled("latchkey.web.base-path=auth"), "latchkey.web.base-path");
        assertFailsNaming(enabled("latchkey.web.base-path=/a b"), "latchkey.web.base-path");
    }

    @Test
    void aBadRealm_failsNamingIt() {
        assertFailsNaming(enabled("latchkey.web.realm=two words"), "latchkey.web.realm");
    }

    @Test
    void aGroupTurnedOff_isNotServed_andItsFactorIsNotAdded() {
        enabled("latchkey.web.groups.passkeys=false", "latchkey.web.groups.mfa=false",
                "latchkey.web.groups.admin=false").run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(PasskeyFactor.class)
                            .doesNotHaveBean(TotpFactor.class).doesNotHaveBean(RecoveryCodeFactor.class);
                    List<String> patterns = context.getBean(LatchkeyHandlerMapping.class).patterns();
                    assertThat(patterns).contains("POST /api/auth/login", "GET /api/profile")
                            .noneMatch(p -> p.contains("/passkeys") || p.contains("/mfa") || p.contains("/admin/"));
                });
        enabled("latchkey.web.groups.auth=false").run(context -> assertThat(context.getBean(
                LatchkeyHandlerMapping.class).patterns()).noneMatch(p -> p.endsWith("/api/auth/login")));
    }

    @Test
    void theOutbox_isServedOnlyWhenAskedFor_andOnlyWithTheMock() {
        enabled("latchkey.web.groups.outbox=true").run(context -> assertThat(context.getBean(
                LatchkeyHandlerMapping.class).patterns()).contains("GET /dev/outbox"));
        assertFailsNaming(enabled("latchkey.web.groups.outbox=true", "latchkey.delivery.smtp.host=127.0.0.1",
                "latchkey.delivery.smtp.from=auth@example.test"), "latchkey.web.groups.outbox");
    }

    @Test
    void aBadPasskeyRelyingParty_failsNamingIt() {
        assertFailsNaming(enabled("latchkey.passkeys.rp-id=https://example.com"), "latchkey.passkeys.rp-id");
        assertFailsNaming(enabled("latchkey.passkeys.origins=ftp://example.com"), "latchkey.passkeys.origins");
    }

    @Test
    void theHostsOwnBeans_replaceOurs_andItsRoutesAreServedBeside() {
        enabled().withUserConfiguration(HostBeans.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(TotpFactor.class);
            assertThat(context.getBean(TotpFactor.class)).isSameAs(context.getBean("hostTotp"));
            assertThat(context.getBean(LatchkeyHandlerMapping.class).patterns()).contains("GET /api/orders");
        });
    }

    @Test
    void theHostsNotFoundMapping_replacesOurs() {
        enabled().withBean("latchkeyNotFoundMapping", org.springframework.web.servlet.HandlerMapping.class,
                () -> request -> null).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean("latchkeyNotFoundMapping").getClass().getName())
                            .doesNotContain("LatchkeyHandlerMapping");
                });
    }

    @Test
    void notAWebApplication_orNoDatabase_meansNoWebApi() {
        Contexts.withDatabase().withConfiguration(AutoConfigurations.of(LatchkeyWebAutoConfiguration.class))
                .withPropertyValues("latchkey.web.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LatchkeyApi.class));
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(LatchkeyAutoConfiguration.class,
                        LatchkeyWebAutoConfiguration.class)).withPropertyValues(Contexts.REQUIRED)
                .withPropertyValues("latchkey.web.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LatchkeyApi.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class HostBeans {
        @Bean
        TotpFactor hostTotp() {
            return TotpFactor.create("Host App");
        }

        @Bean
        Route orders() {
            return new Route("GET", "/api/orders", RouteGroup.APP, ctx -> ctx.status(204));
        }
    }

    private static void assertFailsNaming(WebApplicationContextRunner runner, String property) {
        runner.run(context -> {
            assertThat(context).hasFailed();
            Throwable t = context.getStartupFailure();
            while (t != null && !(t instanceof LatchkeyPropertyException)) {
                t = t.getCause();
            }
            assertThat(t).as("a LatchkeyPropertyException in %s", messages(context.getStartupFailure()))
                    .isInstanceOf(LatchkeyPropertyException.class);
            assertThat(((LatchkeyPropertyException) t).property()).isEqualTo(property);
        });
    }

    private static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c).append(" | ");
            Arrays.stream(c.getSuppressed()).forEach(s -> b.append(s).append(" | "));
        }
        return b.toString();
    }
}
