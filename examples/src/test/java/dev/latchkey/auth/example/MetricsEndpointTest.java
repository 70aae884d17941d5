package dev.latchkey.auth.example;

import dev.latchkey.auth.password.PasswordConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.auth.example.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /metrics} serves auth-metrics' meters in Prometheus' text format, counting what the routes did. */
class MetricsEndpointTest {
    private static final String PASSWORD = "Vivid-Otter-Lantern-42";

    @TempDir
    Path dataDir;
    private ExampleApp app;
    private Api api;

    @BeforeEach
    void start() {
        app = ExampleApp.start(Settings.fromEnvironment(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_DB_URL", "jdbc:h2:mem:metrics-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")),
                config -> config.passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build()));
        api = new Api(app.port());
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void metrics_arePrometheusText_countingLoginsByOutcome_andHashing() {
        String email = "metrics-" + UUID.randomUUID() + "@example.com";
        app.authService().accounts().register(dev.latchkey.auth.Registration.newBuilder().email(email)
                .password(PASSWORD).build());
        api.post("/api/auth/login", "{\"email\":" + quote(email) + ",\"password\":" + quote(PASSWORD) + "}").ok(200);
        api.post("/api/auth/login", "{\"email\":" + quote(email) + ",\"password\":\"wrong-password-1\"}")
                .problem(401, "invalid_credentials");

        Api.Reply reply = api.get("/metrics");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(reply.body())
                .contains("# TYPE latchkey_logins_total counter")
                .contains("latchkey_logins_total{outcome=\"succeeded\"} 1.0")
                .contains("latchkey_logins_total{outcome=\"failed\"} 1.0")
                .contains("latchkey_refreshes_total{outcome=\"reuse_detected\"} 0.0")
                .contains("latchkey_password_hashing_seconds_count{algorithm=\"bcrypt\",operation=\"verify\"} 2")
                .doesNotContain(email);
    }
}
