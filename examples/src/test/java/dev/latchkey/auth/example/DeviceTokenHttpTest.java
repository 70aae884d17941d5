package dev.latchkey.auth.example;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.password.PasswordConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.auth.example.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device token of hardening finding 5 over HTTP: a password login answers it as {@code device_token} and sets it
 * as the {@code latchkey_device} cookie; presented back (in the body or as the cookie) it keeps the owner's login free
 * of the delays an attacker's failures put on the account.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceTokenHttpTest {
    private static final String PASSWORD = EndToEndContract.PASSWORD;
    private static final String COOKIE = "latchkey_device=";

    @TempDir
    static Path dataDir;
    private ExampleApp app;
    private Api api;
    private int accounts;

    @BeforeAll
    void start() {
        app = ExampleApp.start(Settings.fromEnvironment(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_DB_URL", "jdbc:h2:mem:device-token-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")),
                config -> config.passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build()));
        api = new Api(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private String newAccount() {
        String email = "device" + (++accounts) + "@example.com";
        app.authService().accounts().register(Registration.newBuilder().email(email).password(PASSWORD).build());
        return email;
    }

    private static String login(String email, String password) {
        return "{\"email\":" + quote(email) + ",\"password\":" + quote(password) + "}";
    }

    private static String login(String email, String password, String deviceToken) {
        return "{\"email\":" + quote(email) + ",\"password\":" + quote(password) + ",\"device_token\":"
                + quote(deviceToken) + "}";
    }

    /** Wrong passwords until the account answers 429. */
    private void delay(String email) {
        for (int i = 0; i < 20; i++) {
            if (api.post("/api/auth/login", login(email, "not the password!")).status() == 429) {
                return;
            }
        }
        throw new AssertionError("the account was never delayed");
    }

    @Test
    void passwordLogin_answersTheDeviceToken_andSetsItAsAStrictHttpOnlyCookie() {
        String email = newAccount();
        Api.Reply reply = api.post("/api/auth/login", login(email, PASSWORD));
        JsonNode tokens = reply.ok(200);
        EndToEndContract.assertTokenResponse(tokens);
        String token = tokens.path("device_token").asText();
        assertThat(token).matches("[A-Za-z0-9_-]{40,128}");

        String cookie = reply.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(COOKIE))
                .findFirst().orElseThrow();
        assertThat(cookie.split("; ")).containsExactlyInAnyOrder(COOKIE + token, "Path=/api/auth", "Max-Age=31536000",
                "HttpOnly", "SameSite=Strict");
    }

    @Test
    void refresh_answersNoDeviceTokenAndSetsNoCookie() {
        String email = newAccount();
        String refreshToken = api.post("/api/auth/login", login(email, PASSWORD)).ok(200).path("refresh_token").asText();
        Api.Reply reply = api.post("/api/auth/token/refresh", "{\"refresh_token\":" + quote(refreshToken) + "}");
        assertThat(reply.ok(200).has("device_token")).isFalse();
        assertThat(reply.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(COOKIE));
    }

    @Test
    void deviceTokenInTheBody_logsTheOwnerInWhileTheAccountIsDelayed() {
        String email = newAccount();
        String token = api.post("/api/auth/login", login(email, PASSWORD)).ok(200).path("device_token").asText();
        delay(email);
        api.post("/api/auth/login", login(email, PASSWORD)).problem(429, "too_many_attempts");

        JsonNode tokens = api.post("/api/auth/login", login(email, PASSWORD, token)).ok(200);

        assertThat(tokens.path("device_token").asText()).isNotBlank().isNotEqualTo(token);
    }

    @Test
    void deviceTokenCookie_logsTheOwnerInWhileTheAccountIsDelayed() {
        String email = newAccount();
        String token = api.post("/api/auth/login", login(email, PASSWORD)).ok(200).path("device_token").asText();
        delay(email);
        HttpRequest request = HttpRequest.newBuilder(api.uri("/api/auth/login"))
                .header("Content-Type", "application/json").header("Cookie", COOKIE + token)
                .POST(HttpRequest.BodyPublishers.ofString(login(email, PASSWORD))).build();

        assertThat(api.send(request).ok(200).path("device_token").asText()).isNotBlank();
    }

    @Test
    void deviceTokenOfAnotherAccount_isIgnored() {
        String email = newAccount();
        String othersToken = api.post("/api/auth/login", login(newAccount(), PASSWORD)).ok(200).path("device_token")
                .asText();
        delay(email);
        api.post("/api/auth/login", login(email, PASSWORD, othersToken)).problem(429, "too_many_attempts");
    }

    @Test
    void deviceTokenThatIsNotAString_isAValidationError() {
        String email = newAccount();
        String body = "{\"email\":" + quote(email) + ",\"password\":" + quote(PASSWORD) + ",\"device_token\":42}";
        assertThat(api.post("/api/auth/login", body).problem(400, "validation_failed").path("field").asText())
                .isEqualTo("device_token");
    }

    @Test
    void cookie_isSecure_unlessTheRequestIsPlainHttpToLocalhost() throws IOException {
        String email = newAccount();
        String body = login(email, PASSWORD);
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.getOutputStream().write(("POST /api/auth/login HTTP/1.1\r\nHost: auth.example.com\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200");
            String cookie = response.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("set-cookie: " + COOKIE))
                    .findFirst().orElseThrow();
            assertThat(cookie.split("; ")).contains("Secure", "HttpOnly", "SameSite=Strict", "Path=/api/auth");
        }
        HttpRequest localhost = HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + app.port()
                        + "/api/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        assertThat(api.send(localhost).headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith(COOKIE))
                .singleElement().satisfies(c -> assertThat(c.split("; ")).doesNotContain("Secure"));
    }
}
