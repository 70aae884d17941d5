package dev.latchkey.auth.example;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the database gone, the app answers 503 {@code store_unavailable} (health included) instead of failing or
 * hanging, and recovers by itself once the database is back. The database is H2 behind its TCP server, stopped and
 * restarted on the same port.
 */
class DatabaseOutageTest {
    @TempDir
    Path baseDir;

    private Server server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void databaseDown_gives503StoreUnavailable_andTheAppRecoversWhenItIsBack() throws Exception {
        int dbPort = freePort();
        server = startServer(dbPort);
        Map<String, String> env = Map.of("PORT", "0", "AUTH_DATA_DIR", baseDir.toString(),
                "AUTH_MASTER_KEY", Base64.getEncoder().encodeToString("example-app test master key, 32B".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                "AUTH_DB_URL", "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/outage", "AUTH_DB_USER", "sa");
        try (ExampleApp app = ExampleApp.start(Settings.fromEnvironment(env))) {
            Api api = new Api(app.port());
            EndToEndContract.Account account = new EndToEndContract.Account(app.authService().accounts().register(
                    dev.latchkey.auth.Registration.newBuilder().email("outage@example.com")
                            .password(EndToEndContract.PASSWORD).build()).id(), "outage@example.com", null);
            String login = EndToEndContract.credentials(account.email(), EndToEndContract.PASSWORD);
            assertThat(api.get("/health").status()).isEqualTo(200);

            server.stop();

            api.get("/health").problem(503, "store_unavailable");
            api.post("/api/auth/login", login).problem(503, "store_unavailable");

            server = startServer(dbPort);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> api.get("/health").status() == 200);
            EndToEndContract.assertTokenResponse(api.post("/api/auth/login", login).ok(200));
        }
    }

    private Server startServer(int port) throws SQLException {
        return Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir",
                baseDir.toString()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
