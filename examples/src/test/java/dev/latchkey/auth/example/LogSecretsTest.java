package dev.latchkey.auth.example;

import java.time.Instant;
import java.time.Duration;
import dev.latchkey.auth.testkit.TestClock;
import dev.latchkey.auth.testkit.CapturedLogs;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.auth.example.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/** Every log line of a full run over HTTP, searched for the passwords, codes, tokens and master key it used. */
class LogSecretsTest {
    private static final String PASSWORD = "Amber-Falcon-Meadow-81";
    private static final String WRONG_PASSWORD = "Amber-Falcon-Meadow-82";
    private static final String RESET_PASSWORD = "Cobalt-Heron-Valley-63";
    private static final String CHANGED_PASSWORD = "Scarlet-Lynx-Summit-27";

    @TempDir
    Path dataDir;

    private final List<String> secrets = new ArrayList<>(List.of(PASSWORD, WRONG_PASSWORD, RESET_PASSWORD,
            CHANGED_PASSWORD));
    private final TestClock clock = new TestClock(Instant.now());
    private ExampleApp app;
    private Api api;

    @BeforeEach
    void start() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String masterKey = Base64.getEncoder().encodeToString(key);
        secrets.add(masterKey);
        CapturedLogs.clear();
        app = ExampleApp.start(Settings.fromEnvironment(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_MASTER_KEY", masterKey,
                "AUTH_DB_URL", "jdbc:h2:mem:logs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")),
                config -> config.clock(clock));
        api = new Api(app.port());
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        CapturedLogs.clear();
    }

    @Test
    void fullRun_logsNoPasswordCodeTokenOrKey() {
        String email = "log.keeper@example.com";
        String phone = "+14155552672";
        String otherPhone = "+14155552673";
        api.post("/api/auth/register", "{\"email\":" + quote(email) + ",\"phone\":" + quote(phone)
                + ",\"password\":" + quote(PASSWORD) + "}").ok(202);
        JsonNode tokens = remember(api.post("/api/auth/register/verify", "{\"email\":" + quote(email)
                + ",\"code\":" + quote(code(email)) + "}").ok(200));
        api.post("/api/auth/login", EndToEndContract.credentials(email, WRONG_PASSWORD))
                .problem(401, "invalid_credentials");
        remember(api.post("/api/auth/login", EndToEndContract.credentials(email, PASSWORD)).ok(200));
        remember(api.post("/api/auth/token/refresh", EndToEndContract.refreshBody(
                tokens.path("refresh_token").asText())).ok(200));
        api.post("/api/auth/token/refresh", EndToEndContract.refreshBody(tokens.path("refresh_token").asText()))
                .problem(401, "invalid_token");
        api.post("/api/auth/otp/send", "{\"phone\":" + quote(otherPhone) + "}").ok(202);
        remember(api.post("/api/auth/otp/verify", "{\"phone\":" + quote(otherPhone) + ",\"code\":"
                + quote(code(otherPhone)) + "}").ok(200));
        // The phone was never proved, so it identifies nothing: the reset goes by the proved email, once its
        // send cooldown has passed.
        clock.advance(Duration.ofMinutes(1));
        api.post("/api/auth/password/forgot", "{\"email\":" + quote(email) + "}").ok(202);
        assertThat(api.post("/api/auth/password/reset", "{\"email\":" + quote(email) + ",\"code\":"
                + quote(code(email)) + ",\"new_password\":" + quote(RESET_PASSWORD) + "}").status()).isEqualTo(204);
        JsonNode session = remember(api.post("/api/auth/login", EndToEndContract.credentials(email, RESET_PASSWORD))
                .ok(200));
        String access = session.path("access_token").asText();
        remember(api.post("/api/auth/login", "{\"email\":" + quote(email) + ",\"password\":" + quote(RESET_PASSWORD)
                + ",\"device_token\":" + quote(session.path("device_token").asText()) + "}").ok(200));
        assertThat(api.post("/api/auth/password/change", "{\"current_password\":" + quote(RESET_PASSWORD)
                + ",\"new_password\":" + quote(CHANGED_PASSWORD) + "}", access).status()).isEqualTo(204);
        remember(api.post("/api/auth/token/refresh", EndToEndContract.refreshBody(
                session.path("refresh_token").asText())).ok(200));
        api.get("/api/profile", access).problem(401, "invalid_token");
        api.post("/api/auth/login", "{\"email\":" + quote(email) + ",\"password\":" + quote(PASSWORD) + "x{")
                .problem(400, "validation_failed");

        List<String> lines = CapturedLogs.lines().stream().map(Object::toString).toList();

        assertThat(lines).anyMatch(l -> l.contains("POST /api/auth/login 401"));
        assertThat(lines).anyMatch(l -> l.contains("LOGIN_SUCCEEDED"));
        for (String line : lines) {
            assertThat(line).doesNotContain(secrets).doesNotContain(email, phone, otherPhone);
        }
    }

    private String code(String to) {
        String code = api.code(to);
        secrets.add(code);
        return code;
    }

    private JsonNode remember(JsonNode tokens) {
        secrets.add(tokens.path("access_token").asText());
        secrets.add(tokens.path("refresh_token").asText());
        if (tokens.has("device_token")) {
            secrets.add(tokens.path("device_token").asText());
        }
        return tokens;
    }
}
