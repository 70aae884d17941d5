package dev.latchkey.auth.example;

import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.Registration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route that reads a JSON body takes it only as {@code Content-Type: application/json}, so that a cross-site HTML
 * form posting {@code text/plain} (which needs no CORS preflight) cannot drive it (hardening item 11).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonContentTypeTest {
    private static final String EMAIL = "content.type@example.com";
    private static final String PASSWORD = EndToEndContract.PASSWORD;

    @TempDir
    static Path dataDir;
    private ExampleApp app;
    private Api api;

    @BeforeAll
    void start() {
        app = ExampleApp.start(Settings.fromEnvironment(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_DB_URL", "jdbc:h2:mem:content-type-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")),
                config -> config.passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build()));
        app.authService().accounts().register(Registration.newBuilder().email(EMAIL).password(PASSWORD).build());
        api = new Api(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private Api.Reply post(String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return api.send(request.build());
    }

    @Test
    void crossSiteTextPlainLoginWithTheRightPassword_is415AndLogsNobodyIn() {
        String victim = "victim." + EMAIL;
        String victimId = app.authService().accounts().register(Registration.newBuilder().email(victim).password(PASSWORD)
                .build()).id();

        Api.Reply reply = post("/api/auth/login", "text/plain", EndToEndContract.credentials(victim, PASSWORD));

        reply.problem(415, "unsupported_media_type");
        assertThat(app.auditLog().recentForUser(victimId, 10))
                .extracting(dev.latchkey.auth.AuthEvent::type).doesNotContain(AuthEventType.LOGIN_SUCCEEDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/jsonp", "application/json-seq", "text/json",
            "application/problem+json"})
    void bodyOfAnyOtherMediaType_is415ProblemOnEveryBodyRoute(String contentType) {
        for (String path : new String[] {"/api/auth/login", "/api/auth/register", "/api/auth/otp/send",
                "/api/auth/token/refresh", "/api/auth/logout", "/api/auth/password/forgot"}) {
            assertThat(post(path, contentType, "{\"email\":\"x@example.com\"}")
                    .problem(415, "unsupported_media_type").path("detail").asText()).contains("application/json");
        }
    }

    @Test
    void bodyWithoutAContentType_is415() {
        post("/api/auth/login", null, EndToEndContract.credentials(EMAIL, PASSWORD))
                .problem(415, "unsupported_media_type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8",
            " application/json ; charset=\"utf-8\""})
    void applicationJson_withAnyCaseAndParameters_isAccepted(String contentType) {
        assertThat(post("/api/auth/login", contentType, EndToEndContract.credentials(EMAIL, PASSWORD)).ok(200)
                .path("access_token").asText()).isNotBlank();
    }

    @Test
    void routesWithoutABody_needNoContentType() {
        String token = post("/api/auth/login", "application/json", EndToEndContract.credentials(EMAIL, PASSWORD))
                .ok(200).path("access_token").asText();

        assertThat(api.get("/api/auth/sessions", token).ok(200).path("sessions")).isNotEmpty();
        assertThat(api.delete("/api/auth/sessions/no-such-session", null, token).problem(404, "not_found")).isNotNull();
        assertThat(api.post("/api/auth/logout-all", null, token).status()).isEqualTo(204);
    }
}
