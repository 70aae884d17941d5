package dev.latchkey.auth.spring;

import dev.latchkey.auth.metrics.LatchkeyMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Latchkey's Micrometer meters ({@code auth-metrics}, names and tags in its README): a {@link LatchkeyMetrics} bean,
 * which Spring Boot binds to every {@link MeterRegistry} (it is a {@code MeterBinder}) and the service receives as an
 * event listener and hashing timer. On when {@code auth-metrics} and Micrometer are on the class path.
 */
@AutoConfiguration(before = LatchkeyAutoConfiguration.class)
@ConditionalOnClass({LatchkeyMetrics.class, MeterRegistry.class})
public class LatchkeyMetricsAutoConfiguration {
    /** The meters. */
    @Bean
    @ConditionalOnMissingBean
    public LatchkeyMetrics latchkeyMetrics() {
        return LatchkeyMetrics.create();
    }
}
