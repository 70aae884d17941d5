package dev.latchkey.auth.example;

import dev.latchkey.auth.testkit.webauthn.Credential;
import dev.latchkey.auth.testkit.webauthn.SoftwareAuthenticator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code AUTH_WEBAUTHN_OPTIONS_PER_ADDRESS_PER_HOUR} and {@code AUTH_WEBAUTHN_FAILURES_PER_ADDRESS_PER_HOUR} take
 * effect over HTTP: past a low budget the routes answer 429 {@code too_many_attempts} with {@code Retry-After}. Each
 * test has an app of its own on a fresh H2 database, so no other test's requests share its budget.
 */
class PasskeyLimitSettingsTest {
    @TempDir
    Path dataDir;

    @Test
    void aLowOptionsBudget_answers429_afterIt() {
        try (ExampleApp app = start(Map.of(PasskeySettings.OPTIONS_PER_HOUR, "3"))) {
            Api api = new Api(app.port());
            for (int i = 0; i < 3; i++) {
                api.post("/api/auth/passkeys/login/options", i == 1 ? "{\"email\":\"ann@example.com\"}" : null).ok(200);
            }
            Api.Reply refused = api.post("/api/auth/passkeys/login/options", null);
            refused.problem(429, "too_many_attempts");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        }
    }

    @Test
    void aLowFailureBudget_answers429_afterThatManyRefusedLogins() {
        try (ExampleApp app = start(Map.of(PasskeySettings.FAILURES_PER_HOUR, "2"))) {
            Api api = new Api(app.port());
            // A passkey nobody registered: each answer is refused (401), and spends the address's budget.
            Credential stranger = SoftwareAuthenticator.es256().register(PasskeyEndToEndContract.RP_ID,
                    PasskeyEndToEndContract.ORIGIN, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                    SoftwareAuthenticator.base64Url(new byte[32]));
            for (int i = 0; i < 2; i++) {
                login(api, stranger).problem(401, "invalid_credentials");
            }
            Api.Reply refused = login(api, stranger);
            refused.problem(429, "too_many_attempts");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        }
    }

    private static Api.Reply login(Api api, Credential credential) {
        String challenge = api.post("/api/auth/passkeys/login/options", null).ok(200).path("challenge").asText();
        return api.post("/api/auth/passkeys/login", "{\"credential\":" + credential.assertion(
                PasskeyEndToEndContract.RP_ID, PasskeyEndToEndContract.ORIGIN, challenge).json() + "}");
    }

    private ExampleApp start(Map<String, String> limits) {
        Map<String, String> env = new java.util.HashMap<>(limits);
        env.put("PORT", "0");
        env.put("AUTH_DATA_DIR", dataDir.toString());
        env.put("AUTH_DB_URL", "jdbc:h2:mem:passkey-limits-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        env.put("AUTH_WEBAUTHN_ORIGINS", PasskeyEndToEndContract.ORIGIN);
        return ExampleApp.start(Settings.fromEnvironment(env));
    }
}
