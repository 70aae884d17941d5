package dev.latchkey.auth.spring;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Context runners with Latchkey's auto-configurations, and the three required properties. */
final class Contexts {
    static final String MASTER_KEY = Base64.getEncoder().encodeToString(
            "spring test master key, 32 bytes or more".getBytes(StandardCharsets.US_ASCII));
    static final String[] REQUIRED = {"latchkey.issuer=https://auth.example.test", "latchkey.audience=test-api",
            "latchkey.master-key=" + MASTER_KEY};
    /** bcrypt's cheapest production cost, so tests that hash stay quick. */
    static final String FAST = "latchkey.passwords.bcrypt-cost=10";

    private Contexts() {
    }

    /** Latchkey's auto-configurations, no DataSource. */
    static ApplicationContextRunner bare() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                LatchkeyMetricsAutoConfiguration.class, LatchkeyPasswordHashesAutoConfiguration.class,
                LatchkeyAutoConfiguration.class,
                LatchkeySecurityAutoConfiguration.class, LatchkeyHealthAutoConfiguration.class));
    }

    /** With a fresh in-memory H2 DataSource and the required properties. */
    static ApplicationContextRunner withDatabase() {
        return bare().withUserConfiguration(H2.class).withPropertyValues(REQUIRED);
    }

    /** A fresh in-memory H2 database per context. */
    @Configuration(proxyBeanMethods = false)
    static class H2 {
        @Bean
        DataSource dataSource() {
            return DataSourceBuilder.create().url("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                    .username("sa").build();
        }
    }
}
