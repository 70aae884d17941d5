package dev.latchkey.auth.example;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests the HTTP server refuses before any route sees them still get a problem body (hardening item 16a). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerErrorProblemsTest {
    @TempDir
    static Path dataDir;
    private ExampleApp app;

    @BeforeAll
    void start() {
        app = ExampleApp.start(Settings.fromEnvironment(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_DB_URL", "jdbc:h2:mem:server-errors-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** The raw answer to {@code requestLine} and a minimal header block, over a plain socket. */
    private String raw(String requestLine) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertProblem(String response, int status, String code) {
        assertThat(response).startsWith("HTTP/1.1 " + status);
        assertThat(response.toLowerCase(Locale.ROOT)).contains("content-type: application/problem+json");
        assertThat(response).contains("\"code\":\"" + code + "\"").contains("\"status\":" + status)
                .doesNotContain("<html");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DELETE", "PUT", "PATCH", "OPTIONS", "GET", "POST"})
    void overlongUtf8PercentEncodingInThePath_isA400Problem_forEveryMethod(String method) throws IOException {
        assertProblem(raw(method + " /api/auth/sessions/%C0%AE HTTP/1.1"), 400, "validation_failed");
    }

    @Test
    void headWithBadEncoding_answers400WithoutABody() throws IOException {
        String response = raw("HEAD /api/auth/sessions/%C0%AE HTTP/1.1");

        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response.substring(response.indexOf("\r\n\r\n") + 4)).isEmpty();
    }
}
