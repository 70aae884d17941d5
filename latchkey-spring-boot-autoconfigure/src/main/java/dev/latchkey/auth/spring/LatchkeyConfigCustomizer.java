package dev.latchkey.auth.spring;

import dev.latchkey.auth.AuthConfig;

/**
 * Changes the {@link AuthConfig} the {@code latchkey.*} properties describe, before it is built: for what properties
 * cannot say (message templates, a clock, keys from a key store). Declare it as a bean; every one is applied, in
 * {@link org.springframework.core.annotation.Order} order. A host that wants to build the configuration itself
 * declares an {@link AuthConfig} bean instead.
 */
@FunctionalInterface
public interface LatchkeyConfigCustomizer {
    /** Changes {@code builder}, which already holds every property. */
    void customize(AuthConfig.Builder builder);
}
