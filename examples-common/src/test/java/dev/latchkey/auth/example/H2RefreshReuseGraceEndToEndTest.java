package dev.latchkey.auth.example;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.testkit.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.latchkey.auth.example.EndToEndContract.credentials;
import static dev.latchkey.auth.example.EndToEndContract.refreshBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code AUTH_REFRESH_REUSE_GRACE=30} over real HTTP, on whichever host runs the suite (H2): within the grace a rotated
 * refresh token presented again gets the same successor; past it, reuse revokes the session. The app's clock is a
 * {@link TestClock}, moved rather than waited on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2RefreshReuseGraceEndToEndTest {
    private static final String PASSWORD = "Vivid-Otter-Lantern-42";

    private final TestClock clock = new TestClock(Instant.now());
    private final AtomicInteger sequence = new AtomicInteger();
    private Path dataDir;
    private ExampleHost app;
    private Api api;

    @BeforeAll
    void startApp() throws IOException {
        dataDir = Files.createTempDirectory("latchkey-grace");
        Settings settings = Settings.fromEnvironment(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_DB_URL", "jdbc:h2:mem:grace-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "AUTH_REFRESH_REUSE_GRACE", "30"));
        app = ExampleHost.start(settings, config -> config.clock(clock));
        api = new Api(app.port());
    }

    @AfterAll
    void stopApp() throws IOException {
        if (app != null) {
            app.close();
        }
        try (var files = Files.walk(dataDir)) {
            for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void withinTheGrace_aRotatedTokenPresentedAgain_getsTheSameSuccessor() {
        String first = loginRefreshToken();
        String successor = api.post("/api/auth/token/refresh", refreshBody(first)).ok(200).path("refresh_token")
                .asText();
        clock.advance(Duration.ofSeconds(29));

        JsonNode again = api.post("/api/auth/token/refresh", refreshBody(first)).ok(200);

        assertThat(again.path("refresh_token").asText()).isEqualTo(successor);
    }

    @Test
    void pastTheGrace_reuseRevokesTheSession() {
        String first = loginRefreshToken();
        String successor = api.post("/api/auth/token/refresh", refreshBody(first)).ok(200).path("refresh_token")
                .asText();
        clock.advance(Duration.ofSeconds(31));

        api.post("/api/auth/token/refresh", refreshBody(first)).problem(401, "invalid_token");
        api.post("/api/auth/token/refresh", refreshBody(successor)).problem(401, "invalid_token");
    }

    private String loginRefreshToken() {
        String email = "grace" + sequence.incrementAndGet() + "@example.com";
        app.authService().accounts().register(Registration.newBuilder().email(email).password(PASSWORD).build());
        return api.post("/api/auth/login", credentials(email, PASSWORD)).ok(200).path("refresh_token").asText();
    }
}
