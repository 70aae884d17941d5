package dev.latchkey.auth.spring;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import javax.sql.DataSource;
import java.io.Closeable;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code latchkey} health contributor over a real H2 database. */
class LatchkeyHealthTest {
    @Test
    void health_isUp_withTheDatabaseAndTheSigningKeys() {
        Contexts.withDatabase().run(context -> {
            Health health = context.getBean("latchkeyHealthIndicator", HealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("database", "h2").containsEntry("signingAlgorithm", "RS256");
            assertThat((Integer) health.getDetails().get("publicKeys")).isPositive();
        });
    }

    @Test
    void health_isDown_whenTheDatabaseIsGone() {
        Contexts.bare().withPropertyValues(Contexts.REQUIRED).withUserConfiguration(Contexts.H2.class).run(context -> {
            HealthIndicator indicator = context.getBean("latchkeyHealthIndicator", HealthIndicator.class);
            ((Closeable) context.getBean(DataSource.class)).close(); // the pool (Hikari) closed: no connection

            Health health = indicator.health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().toString()).doesNotContain(Contexts.MASTER_KEY);
        });
    }

    @Test
    void theIndicator_canBeTurnedOff() {
        Contexts.withDatabase().withPropertyValues("management.health.latchkey.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("latchkeyHealthIndicator"));
    }
}
