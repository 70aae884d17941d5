package dev.latchkey.auth.spring;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.OtpProvider;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.metrics.LatchkeyMetrics;
import dev.latchkey.auth.otp.MockOtpProvider;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.RecordingOtpProvider;
import dev.latchkey.auth.testkit.memory.InMemoryAuthStores;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** When each bean of {@link LatchkeyAutoConfiguration} is made, and when it backs off for the host's. */
class LatchkeyAutoConfigurationTest {
    @Test
    void withoutADataSource_nothingIsConfigured_andNothingFails() {
        Contexts.bare().withPropertyValues(Contexts.REQUIRED).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(AuthService.class).doesNotHaveBean(AuthConfig.class)
                    .doesNotHaveBean(AuthStores.class).doesNotHaveBean(OtpProvider.class);
        });
    }

    @Test
    void withoutLatchkeyJdbc_onTheClassPath_nothingIsConfigured() {
        Contexts.withDatabase().withClassLoader(new FilteredClassLoader(JdbcAuthStores.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AuthService.class));
    }

    @Test
    void aDataSource_andTheThreeProperties_giveAWorkingServiceOverJdbcStores() {
        Contexts.withDatabase().withPropertyValues(Contexts.FAST).run(context -> {
            assertThat(context).hasSingleBean(AuthService.class).hasSingleBean(LatchkeyHousekeeping.class);
            assertThat(context.getBean(AuthStores.class)).isInstanceOf(JdbcAuthStores.class);
            assertThat(context.getBean(OtpProvider.class)).isInstanceOf(MockOtpProvider.class);
            AuthConfig config = context.getBean(AuthConfig.class);
            assertThat(config.issuer()).isEqualTo("https://auth.example.test");
            assertThat(config.audience()).isEqualTo("test-api");
            AuthService auth = context.getBean(AuthService.class);
            String id = auth.accounts().register(Registration.newBuilder().email("ada@example.com")
                    .password("correct horse battery staple").build()).id();
            assertThat(auth.accounts().get(id).id()).isEqualTo(id);
        });
    }

    @Test
    void theRefreshReuseGrace_reachesTheSessionConfig() {
        Contexts.withDatabase().withPropertyValues("latchkey.sessions.refresh-reuse-grace=30s").run(context ->
                assertThat(context.getBean(AuthConfig.class).sessions().refreshReuseGrace())
                        .isEqualTo(java.time.Duration.ofSeconds(30)));
    }

    @Test
    void theHostsAuthService_replacesOurs() {
        Contexts.withDatabase().withUserConfiguration(HostService.class).run(context -> {
            assertThat(context).hasSingleBean(AuthService.class);
            assertThat(context.getBean(AuthService.class)).isSameAs(context.getBean(HostService.class).service);
        });
    }

    @Test
    void theHostsAuthService_withoutADataSource_stillGetsTheBearerDecoder() {
        Contexts.bare().withUserConfiguration(HostService.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(AuthService.class)
                    .hasSingleBean(dev.latchkey.auth.spring.security.LatchkeyJwtDecoder.class)
                    .doesNotHaveBean("latchkeyHealthIndicator");
        });
    }

    @Test
    void theHostsStores_replaceOurs_evenWithoutADataSource() {
        Contexts.bare().withPropertyValues(Contexts.REQUIRED).withPropertyValues(Contexts.FAST)
                .withUserConfiguration(HostStores.class).run(context -> {
                    assertThat(context).hasSingleBean(AuthService.class);
                    assertThat(context.getBean(AuthStores.class)).isInstanceOf(InMemoryAuthStores.class);
                });
    }

    @Test
    void theHostsOtpProvider_andConfig_replaceOurs() {
        Contexts.withDatabase().withUserConfiguration(HostProviderAndConfig.class).run(context -> {
            assertThat(context.getBean(OtpProvider.class)).isInstanceOf(RecordingOtpProvider.class);
            assertThat(context.getBean(AuthConfig.class).audience()).isEqualTo("host-api");
        });
    }

    @Test
    void aConfigCustomizer_changesTheConfiguration() {
        Contexts.withDatabase().withBean(LatchkeyConfigCustomizer.class, () -> b -> b.appName("Customized"))
                .run(context -> assertThat(context.getBean(AuthConfig.class).appName()).isEqualTo("Customized"));
    }

    @Test
    void metrics_areABean_whenAuthMetricsIsThere_andNotWithoutIt() {
        Contexts.withDatabase().run(context -> assertThat(context).hasSingleBean(LatchkeyMetrics.class));
        Contexts.withDatabase().withClassLoader(new FilteredClassLoader(LatchkeyMetrics.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LatchkeyMetrics.class)
                        .hasSingleBean(AuthService.class));
    }

    @Test
    void housekeeping_runsWithTheContext_unlessBothTasksAreOff() {
        Contexts.withDatabase().run(context -> assertThat(context.getBean(LatchkeyHousekeeping.class).isRunning())
                .isTrue());
        Contexts.withDatabase().withPropertyValues("latchkey.housekeeping.purge-enabled=false",
                        "latchkey.housekeeping.key-rotation-enabled=false")
                .run(context -> assertThat(context.getBean(LatchkeyHousekeeping.class).isRunning()).isFalse());
    }

    @Test
    void housekeeping_purges_onDemand() {
        Contexts.withDatabase().run(context -> assertThat(context.getBean(LatchkeyHousekeeping.class).purge())
                .isGreaterThanOrEqualTo(0));
    }

    @Test
    void smtpAndTwilioProperties_giveRealProviders_notTheMock() {
        Contexts.withDatabase().withPropertyValues("latchkey.delivery.smtp.host=127.0.0.1",
                        "latchkey.delivery.smtp.tls=none", "latchkey.delivery.smtp.from=auth@example.test",
                        "latchkey.delivery.twilio.account-sid=AC0123456789abcdef0123456789abcdef",
                        "latchkey.delivery.twilio.auth-token=not-a-real-token",
                        "latchkey.delivery.twilio.from=+15005550006")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    OtpProvider provider = context.getBean(OtpProvider.class);
                    assertThat(provider).isNotInstanceOf(MockOtpProvider.class);
                    assertThat(provider.toString()).doesNotContain("not-a-real-token");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class HostService {
        final AuthService service = AuthService.newBuilder(AuthConfig.newBuilder().issuer("https://host.test")
                .audience("host-api")
                .masterKey(Contexts.MASTER_KEY.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).build(), InMemoryAuthStores.create()).build();

        @Bean
        AuthService hostAuthService() {
            return service;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostStores {
        @Bean
        AuthStores hostStores() {
            return InMemoryAuthStores.create();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostProviderAndConfig {
        @Bean
        OtpProvider hostOtpProvider() {
            return RecordingOtpProvider.create();
        }

        @Bean
        AuthConfig hostConfig() {
            return AuthConfig.newBuilder().issuer("https://host.test").audience("host-api")
                    .masterKey(Contexts.MASTER_KEY.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).build();
        }
    }
}
