package dev.latchkey.auth.spring;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.spring.internal.LatchkeyHealthIndicator;
import dev.latchkey.auth.store.AuthStores;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * An Actuator health contributor named {@code latchkey}: UP when Latchkey's tables answer a read and the signing keys
 * are in place (details: the database product, the algorithm and how many public keys the JWKS has), DOWN otherwise.
 * Off with {@code management.health.latchkey.enabled=false}; replaced by a bean named {@code latchkeyHealthIndicator}.
 */
@AutoConfiguration(after = LatchkeyAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({AuthService.class, AuthStores.class, AuthConfig.class})
@ConditionalOnEnabledHealthIndicator("latchkey")
public class LatchkeyHealthAutoConfiguration {
    /** The {@code latchkey} health contributor. */
    @Bean
    @ConditionalOnMissingBean(name = "latchkeyHealthIndicator")
    public HealthIndicator latchkeyHealthIndicator(AuthService auth, AuthStores stores, AuthConfig config) {
        return new LatchkeyHealthIndicator(auth, stores, config.signing().algorithm());
    }
}
