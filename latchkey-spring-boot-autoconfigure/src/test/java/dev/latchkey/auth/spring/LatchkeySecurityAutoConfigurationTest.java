package dev.latchkey.auth.spring;

import dev.latchkey.auth.spring.security.LatchkeyAuthenticationConverter;
import dev.latchkey.auth.spring.security.LatchkeyJwtDecoder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

/** When the resource-server beans of {@link LatchkeySecurityAutoConfiguration} are made. */
class LatchkeySecurityAutoConfigurationTest {
    @Test
    void withTheResourceServerOnTheClassPath_theDecoderIsLatchkeys_offlineByDefault() {
        Contexts.withDatabase().run(context -> {
            assertThat(context).hasSingleBean(JwtDecoder.class).hasSingleBean(JwtAuthenticationConverter.class)
                    .hasSingleBean(LatchkeyAuthenticationConverter.class);
            assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(LatchkeyJwtDecoder.class)
                    .hasToString("LatchkeyJwtDecoder[offline]");
        });
    }

    @Test
    void theOnlineCheckProperty_makesTheDecoderOnline() {
        Contexts.withDatabase().withPropertyValues("latchkey.security.online-check=true").run(context ->
                assertThat(context.getBean(JwtDecoder.class)).hasToString("LatchkeyJwtDecoder[online]"));
    }

    @Test
    void theHostsDecoder_replacesOurs_andOurAuthoritiesConverterBacksOffWithIt() {
        Contexts.withDatabase().withBean(JwtDecoder.class, () -> NimbusJwtDecoder.withSecretKey(
                new SecretKeySpec(new byte[32], "HmacSHA256")).build()).run(context -> {
                    assertThat(context).hasSingleBean(JwtDecoder.class).doesNotHaveBean(LatchkeyJwtDecoder.class)
                            .doesNotHaveBean(JwtAuthenticationConverter.class);
                });
    }

    @Test
    void withoutSpringSecurityOAuth2_thereAreNoSecurityBeans_andTheServiceStillStarts() {
        Contexts.withDatabase().withClassLoader(new FilteredClassLoader(JwtDecoder.class)).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(LatchkeyJwtDecoder.class)
                    .doesNotHaveBean(LatchkeyAuthenticationConverter.class);
            assertThat(context).hasBean("latchkeyAuthService");
        });
    }

    @Test
    void withoutAService_thereAreNoSecurityBeans() {
        Contexts.bare().run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtDecoder.class));
    }
}
