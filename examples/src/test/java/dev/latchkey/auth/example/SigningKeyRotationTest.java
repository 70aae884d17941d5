package dev.latchkey.auth.example;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.User;
import dev.latchkey.auth.http.LatchkeyApi;
import dev.latchkey.auth.password.PasswordConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.latchkey.auth.example.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/admin/signing-keys/rotate}: admins publish a new key on demand; nobody else can. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigningKeyRotationTest {
    static final String PASSWORD = "Vivid-Otter-Lantern-42";
    static final String KEY = Base64.getEncoder()
            .encodeToString("example-app test master key, 32B".getBytes(StandardCharsets.US_ASCII));

    private ExampleApp app;
    private Api api;

    @BeforeAll
    void startApp(@TempDir Path dataDir) {
        app = start(dataDir, Map.of());
        api = new Api(app.port());
    }

    @AfterAll
    void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void rotate_asAdmin_publishesANewKeyInTheJwks() {
        String admin = accessToken(app, Set.of("user", LatchkeyApi.ADMIN_ROLE));
        String before = api.get("/.well-known/jwks.json").ok(200).toString();

        JsonNode rotated = api.post("/api/admin/signing-keys/rotate", null, admin).ok(200);

        String kid = rotated.path("kid").asText();
        assertThat(kid).isNotBlank();
        assertThat(before).doesNotContain(kid);
        assertThat(api.get("/.well-known/jwks.json").ok(200).path("keys").findValuesAsText("kid")).contains(kid);
        assertThat(api.get("/api/profile", admin).ok(200).path("roles").toString()).contains("admin");
    }

    @Test
    void rotate_withoutTheAdminRole_isForbidden_andWithoutATokenUnauthorized() {
        String user = accessToken(app, Set.of("user"));

        api.post("/api/admin/signing-keys/rotate", null, user).problem(403, "forbidden");
        api.post("/api/admin/signing-keys/rotate", null, null).problem(401, "invalid_token");
    }

    @Test
    void rotate_withHs256_answers409RotationNotSupported(@TempDir Path dataDir) {
        try (ExampleApp hs256 = start(dataDir, Map.of("AUTH_SIGNING_ALGORITHM", "HS256"))) {
            String admin = accessToken(hs256, Set.of("user", LatchkeyApi.ADMIN_ROLE));

            JsonNode problem = new Api(hs256.port()).post("/api/admin/signing-keys/rotate", null, admin)
                    .problem(409, "rotation_not_supported");

            assertThat(problem.path("detail").asText()).contains("HS256");
        }
    }

    /** The app over a fresh in-memory H2 database with a fast bcrypt, and {@code extra} variables. */
    static ExampleApp start(Path dataDir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_MASTER_KEY", KEY, "AUTH_DB_URL", "jdbc:h2:mem:signing-" + UUID.randomUUID()
                        + ";DB_CLOSE_DELAY=-1"));
        env.putAll(extra);
        return ExampleApp.start(Settings.fromEnvironment(env),
                config -> config.passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build()));
    }

    /** The access token of a new account with these roles (granted by the host, as only it can). */
    static String accessToken(ExampleApp app, Set<String> roles) {
        String email = "signing-" + UUID.randomUUID() + "@example.com";
        User user = app.authService().accounts().register(Registration.newBuilder().email(email).password(PASSWORD)
                .build());
        app.authService().accounts().setRoles(user.id(), roles);
        return new Api(app.port()).post("/api/auth/login", "{\"email\":" + quote(email) + ",\"password\":"
                + quote(PASSWORD) + "}").ok(200).path("access_token").asText();
    }
}
