package dev.latchkey.auth.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.security.core.SpringSecurityCoreVersion;

import java.io.InputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root pom's {@code spring-security.version} and {@code micrometer.version} (used outside the Spring Boot modules)
 * are the versions Spring Boot's BOM resolves here, so the whole build has one of each; change them with
 * {@code spring-boot.version}.
 */
class SpringBootVersionsTest {
    @Test
    void theRootPomsPins_matchSpringBootsBom() throws Exception {
        Properties pinned = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/latchkey-versions.properties")) {
            pinned.load(in);
        }
        assertThat(SpringBootVersion.getVersion()).isEqualTo(pinned.getProperty("spring-boot"));
        assertThat(SpringSecurityCoreVersion.getVersion()).isEqualTo(pinned.getProperty("spring-security"));
        assertThat(MeterRegistry.class.getPackage().getImplementationVersion())
                .isEqualTo(pinned.getProperty("micrometer"));
    }
}
