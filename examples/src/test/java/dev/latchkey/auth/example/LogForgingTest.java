package dev.latchkey.auth.example;

import dev.latchkey.auth.testkit.CapturedLogs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.auth.example.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/** Nothing a client sends can start a forged line in the app's log (hardening item 12). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogForgingTest {
    private static final List<String> FORGERS = List.of("\u2028", "\u2029", "\u0085", "\r", "\n", "\u00a0", "\u202e");

    @TempDir
    static Path dataDir;
    private ExampleApp app;
    private Api api;

    @BeforeAll
    void start() {
        app = ExampleApp.start(Settings.fromEnvironment(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_DB_URL", "jdbc:h2:mem:log-forging-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")),
                config -> { });
        api = new Api(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void emailWithALineBreakOrLookAlikeSpaceInItsDomain_isRefused_andNoLogLineCarriesIt() {
        for (String forger : FORGERS) {
            CapturedLogs.clear();
            String email = "mallory@example.com" + forger + "LOGIN_SUCCEEDED user=admin.example.com";

            for (String path : new String[] {"/api/auth/register", "/api/auth/otp/send", "/api/auth/password/forgot"}) {
                assertThat(api.post(path, "{\"email\":" + quote(email) + ",\"password\":"
                        + quote(EndToEndContract.PASSWORD) + "}").problem(400, "validation_failed").path("field")
                        .asText()).isEqualTo("email");
            }

            assertThat(CapturedLogs.allText()).as("U+%04X", (int) forger.charAt(0)).doesNotContain(forger + "LOGIN");
        }
    }

    @Test
    void requestLogLineOfAPathWithEncodedLineBreaks_staysOneLine() {
        CapturedLogs.clear();

        api.get("/api/x%0D%0AINFO%20forged%E2%80%A8y").problem(404, "not_found");

        List<CapturedLogs.Line> lines = CapturedLogs.latchkeyLines().stream()
                .filter(l -> l.text().startsWith("GET /api/x")).toList();
        assertThat(lines).singleElement().extracting(CapturedLogs.Line::text).asString()
                .doesNotContain("\n", "\r", "\u2028");
    }
}
