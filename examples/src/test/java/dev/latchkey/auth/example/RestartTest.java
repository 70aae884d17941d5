package dev.latchkey.auth.example;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static dev.latchkey.auth.example.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/** The defaults (H2 file database and generated master key under AUTH_DATA_DIR) keep accounts across a restart. */
class RestartTest {
    private static final String EMAIL = "restart@example.com";
    private static final String PASSWORD = EndToEndContract.PASSWORD;

    @TempDir
    Path dataDir;

    @Test
    void restart_overTheSameDataDir_keepsAccountsAndSessions() throws Exception {
        Map<String, String> env = Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString());
        String refreshToken;
        try (ExampleApp first = ExampleApp.start(Settings.fromEnvironment(env))) {
            Api api = new Api(first.port());
            api.post("/api/auth/register", EndToEndContract.credentials(EMAIL, PASSWORD)).ok(202);
            refreshToken = api.post("/api/auth/register/verify", "{\"email\":" + quote(EMAIL) + ",\"code\":"
                    + quote(api.code(EMAIL)) + "}").ok(200).path("refresh_token").asText();
        }
        Path keyFile = dataDir.resolve(MasterKeyFile.FILE_NAME);
        String key = Files.readString(keyFile);
        if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        }

        try (ExampleApp second = ExampleApp.start(Settings.fromEnvironment(env))) {
            Api api = new Api(second.port());

            JsonNode login = api.post("/api/auth/login", EndToEndContract.credentials(EMAIL, PASSWORD)).ok(200);
            JsonNode refreshed = api.post("/api/auth/token/refresh", EndToEndContract.refreshBody(refreshToken))
                    .ok(200);

            EndToEndContract.assertTokenResponse(login);
            assertThat(refreshed.path("user").path("email").asText()).isEqualTo(EMAIL);
            assertThat(api.get("/api/profile", login.path("access_token").asText()).ok(200).path("email").asText())
                    .isEqualTo(EMAIL);
        }
        assertThat(Files.readString(keyFile)).isEqualTo(key);
        assertThat(Files.list(dataDir).map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".mv.db"));
    }
}
