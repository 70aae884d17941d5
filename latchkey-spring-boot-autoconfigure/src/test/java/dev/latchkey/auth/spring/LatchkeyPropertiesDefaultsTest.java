package dev.latchkey.auth.spring;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.SigningAlgorithm;
import dev.latchkey.auth.accounts.AccountConfig;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.factor.SecondFactorConfig;
import dev.latchkey.auth.password.LoginLimits;
import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.session.SessionConfig;
import dev.latchkey.auth.spring.internal.AuthConfigFactory;
import dev.latchkey.auth.spring.properties.LatchkeyProperties;
import dev.latchkey.auth.token.SigningConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults of the {@code latchkey.*} properties are Latchkey's own (the signing algorithm aside, RS256 here), and
 * the generated metadata lists every property with a description, and a default wherever there is one.
 */
class LatchkeyPropertiesDefaultsTest {
    @Test
    void unsetProperties_giveTheCoresDefaults_exceptTheSigningAlgorithm() {
        LatchkeyProperties properties = new LatchkeyProperties();
        properties.setIssuer("https://auth.example.test");
        properties.setAudience("test-api");
        properties.setMasterKey(Contexts.MASTER_KEY);
        AuthConfig config = AuthConfigFactory.build(AuthConfigFactory.builder(properties));

        assertThat(config.passwords()).usingRecursiveComparison().isEqualTo(PasswordConfig.defaults());
        assertThat(config.loginLimits()).usingRecursiveComparison().isEqualTo(LoginLimits.defaults());
        assertThat(config.codes()).usingRecursiveComparison().isEqualTo(CodeConfig.defaults());
        assertThat(config.sessions()).usingRecursiveComparison().isEqualTo(SessionConfig.defaults());
        assertThat(config.accounts()).usingRecursiveComparison().isEqualTo(AccountConfig.defaults());
        assertThat(config.secondFactors()).usingRecursiveComparison().isEqualTo(SecondFactorConfig.defaults());
        assertThat(config.signing()).usingRecursiveComparison().ignoringFields("algorithm")
                .isEqualTo(SigningConfig.defaults());
        assertThat(config.signing().algorithm()).isEqualTo(SigningAlgorithm.RS256);
        assertThat(config.clockSkew()).isEqualTo(AuthConfig.newBuilder().issuer("i").audience("a")
                .masterKey(Contexts.MASTER_KEY.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).build()
                .clockSkew());
    }

    @Test
    void toString_masksTheMasterKeyAndTheDeliveryPasswords() {
        LatchkeyProperties properties = new LatchkeyProperties();
        properties.setMasterKey(Contexts.MASTER_KEY);
        properties.getDelivery().getSmtp().setPassword("smtp-secret-password");
        properties.getDelivery().getTwilio().setAuthToken("twilio-secret-token");

        assertThat(properties.toString()).doesNotContain(Contexts.MASTER_KEY).contains("masterKey=****");
        assertThat(properties.getDelivery().getSmtp().toString()).doesNotContain("smtp-secret-password");
        assertThat(properties.getDelivery().getTwilio().toString()).doesNotContain("twilio-secret-token");
    }

    @Test
    void theGeneratedMetadata_describesEveryProperty_withItsDefault() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("spring-configuration-metadata.json").isNotNull();
            metadata = JsonMapper.builder().build().readTree(in);
        }
        List<String> names = new ArrayList<>();
        List<String> withoutDefault = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asString();
            names.add(name);
            assertThat(property.path("description").asString()).as(name).isNotBlank().doesNotContain("{@");
            if (!property.has("defaultValue")) {
                withoutDefault.add(name);
            }
        }
        assertThat(names).contains("latchkey.issuer", "latchkey.audience", "latchkey.master-key",
                "latchkey.migrations.enabled", "latchkey.security.online-check", "latchkey.signing.rotation-period",
                "latchkey.housekeeping.purge-enabled", "latchkey.delivery.smtp.host",
                "latchkey.delivery.twilio.account-sid", "latchkey.web.enabled", "latchkey.web.base-path",
                "latchkey.web.groups.outbox", "latchkey.passkeys.rp-id", "latchkey.passwords.legacy-formats",
                "latchkey.sessions.refresh-reuse-grace");
        assertThat(names).hasSize(72);
        // Exactly the settings whose default is "unset" (required, derived from another, or off until set).
        assertThat(withoutDefault).containsExactlyInAnyOrder("latchkey.issuer", "latchkey.audience",
                "latchkey.master-key", "latchkey.client-id", "latchkey.app-name",
                "latchkey.accounts.default-phone-region", "latchkey.delivery.smtp.host", "latchkey.delivery.smtp.port",
                "latchkey.delivery.smtp.username", "latchkey.delivery.smtp.password", "latchkey.delivery.smtp.from",
                "latchkey.delivery.twilio.account-sid", "latchkey.delivery.twilio.auth-token",
                "latchkey.delivery.twilio.from", "latchkey.passkeys.rp-name", "latchkey.passkeys.origins");
    }
}
