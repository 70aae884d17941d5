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
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.auth.example.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browser session mode over real HTTP: with {@code X-Latchkey-Session: cookie} the refresh token lives only in the
 * {@code latchkey_refresh} cookie (HttpOnly, SameSite=Strict, Path=/api/auth, Secure beyond plain loopback), refresh
 * and logout read it, logout clears it, and cross-site requests are refused; without the header nothing changes. Also
 * the browser-facing headers of pages and API answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserSessionHttpTest {
    private static final String PASSWORD = EndToEndContract.PASSWORD;
    private static final String MODE = "X-Latchkey-Session";

    @TempDir
    static Path dataDir;
    private ExampleApp app;
    private Api api;
    private int accounts;

    @BeforeAll
    void start() {
        app = ExampleApp.start(Settings.fromEnvironment(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_DB_URL", "jdbc:h2:mem:browser-session-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")),
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
        String email = "browser" + (++accounts) + "@example.com";
        app.authService().accounts().register(Registration.newBuilder().email(email).password(PASSWORD).build());
        return email;
    }

    private static String credentials(String email) {
        return "{\"email\":" + quote(email) + ",\"password\":" + quote(PASSWORD) + "}";
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.uri(path)).header(MODE, "cookie");
    }

    private Api.Reply loginInCookieMode(String email) {
        return api.send(request("/api/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials(email))).build());
    }

    private Api.Reply refresh(String cookie) {
        HttpRequest.Builder refresh = request("/api/auth/token/refresh").POST(HttpRequest.BodyPublishers.noBody());
        if (cookie != null) {
            refresh.header("Cookie", "latchkey_refresh=" + cookie);
        }
        return api.send(refresh.build());
    }

    /** The refresh cookie the answer sets, as its whole Set-Cookie value. */
    private static String refreshCookieHeader(Api.Reply reply) {
        List<String> cookies = reply.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("latchkey_refresh=")).toList();
        assertThat(cookies).as("latchkey_refresh cookies set").hasSize(1);
        return cookies.get(0);
    }

    private static String valueOf(String setCookie) {
        return setCookie.substring("latchkey_refresh=".length(), setCookie.indexOf(';'));
    }

    @Test
    void loginInCookieMode_keepsTheRefreshTokenOutOfTheBody_inAnHttpOnlyStrictCookie() {
        Api.Reply reply = loginInCookieMode(newAccount());

        JsonNode tokens = reply.ok(200);
        assertThat(tokens.path("access_token").asText()).isNotBlank();
        assertThat(tokens.has("refresh_token")).isFalse();
        assertThat(tokens.has("device_token")).isFalse();
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        String cookie = refreshCookieHeader(reply);
        assertThat(valueOf(cookie)).hasSizeGreaterThan(40);
        assertThat(cookie).contains("; Path=/api/auth;", "; HttpOnly", "; SameSite=Strict")
                .doesNotContain("Secure").containsPattern("; Max-Age=(2592000|2591999);");
    }

    @Test
    void refreshInCookieMode_rotatesTheCookie_andAReusedOneRevokesTheSession() {
        String first = valueOf(refreshCookieHeader(loginInCookieMode(newAccount())));

        Api.Reply renewed = refresh(first);
        assertThat(renewed.ok(200).path("access_token").asText()).isNotBlank();
        assertThat(renewed.json().has("refresh_token")).isFalse();
        String second = valueOf(refreshCookieHeader(renewed));
        assertThat(second).isNotEqualTo(first);

        refresh(first).problem(401, "invalid_token");
        refresh(second).problem(401, "invalid_token");
    }

    @Test
    void refreshInCookieMode_withoutTheCookie_isInvalidToken() {
        refresh(null).problem(401, "invalid_token");
    }

    @Test
    void refreshWithTheCookieButWithoutTheHeader_neverReadsTheCookie() {
        String cookie = valueOf(refreshCookieHeader(loginInCookieMode(newAccount())));

        Api.Reply formPost = api.send(HttpRequest.newBuilder(api.uri("/api/auth/token/refresh"))
                .header("Cookie", "latchkey_refresh=" + cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("refresh_token=x")).build());

        formPost.problem(415, "unsupported_media_type");
        assertThat(refresh(cookie).status()).isEqualTo(200); // the cookie was not spent
    }

    @Test
    void cookieModeRequest_fromAnotherSiteBySecFetchSite_isForbidden() {
        String cookie = valueOf(refreshCookieHeader(loginInCookieMode(newAccount())));

        for (String site : List.of("cross-site", "same-site")) {
            JsonNode problem = api.send(request("/api/auth/token/refresh").header("Sec-Fetch-Site", site)
                    .header("Cookie", "latchkey_refresh=" + cookie).POST(HttpRequest.BodyPublishers.noBody()).build())
                    .problem(403, "forbidden");
            assertThat(problem.path("reason").asText()).isEqualTo("cross_site_request");
        }
        Api.Reply sameOrigin = api.send(request("/api/auth/token/refresh").header("Sec-Fetch-Site", "same-origin")
                .header("Cookie", "latchkey_refresh=" + cookie).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(sameOrigin.status()).isEqualTo(200);
    }

    @Test
    void cookieModeRequest_withAForeignOrigin_isForbidden_andOurOwnOriginPasses() {
        String email = newAccount();
        Api.Reply foreign = api.send(request("/api/auth/login").header("Origin", "http://evil.example")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials(email))).build());
        assertThat(foreign.problem(403, "forbidden").path("reason").asText()).isEqualTo("cross_site_request");
        assertThat(foreign.headers().allValues("Set-Cookie")).isEmpty();

        Api.Reply own = api.send(request("/api/auth/login").header("Origin", "http://127.0.0.1:" + app.port())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials(email))).build());
        assertThat(own.status()).isEqualTo(200);
    }

    @Test
    void sessionHeader_withAnotherValue_isAValidationError() {
        JsonNode problem = api.send(HttpRequest.newBuilder(api.uri("/api/auth/token/refresh")).header(MODE, "body")
                .POST(HttpRequest.BodyPublishers.noBody()).build()).problem(400, "validation_failed");
        assertThat(problem.path("field").asText()).isEqualTo(MODE);
    }

    @Test
    void logoutInCookieMode_endsTheSession_andClearsTheCookie() {
        String cookie = valueOf(refreshCookieHeader(loginInCookieMode(newAccount())));

        Api.Reply logout = api.send(request("/api/auth/logout").header("Cookie", "latchkey_refresh=" + cookie)
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(logout.status()).isEqualTo(204);
        assertThat(refreshCookieHeader(logout)).startsWith("latchkey_refresh=;").contains("; Max-Age=0;");
        refresh(cookie).problem(401, "invalid_token");
    }

    @Test
    void logoutEverywhereInCookieMode_clearsTheCookie() {
        Api.Reply login = loginInCookieMode(newAccount());
        String cookie = valueOf(refreshCookieHeader(login));

        Api.Reply logout = api.send(request("/api/auth/logout-all")
                .header("Authorization", "Bearer " + login.json().path("access_token").asText())
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(logout.status()).isEqualTo(204);
        assertThat(refreshCookieHeader(logout)).contains("; Max-Age=0;");
        refresh(cookie).problem(401, "invalid_token");
    }

    @Test
    void reauthenticateInCookieMode_setsTheNewRefreshTokenAsTheCookie() {
        Api.Reply login = loginInCookieMode(newAccount());

        Api.Reply renewed = api.send(request("/api/auth/reauthenticate").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + login.json().path("access_token").asText())
                .POST(HttpRequest.BodyPublishers.ofString("{\"password\":" + quote(PASSWORD) + "}")).build());

        assertThat(renewed.ok(200).has("refresh_token")).isFalse();
        assertThat(refresh(valueOf(refreshCookieHeader(renewed))).status()).isEqualTo(200);
    }

    @Test
    void jsonApiWithoutTheHeader_keepsTokensInTheBody_andSetsNoRefreshCookie() {
        Api.Reply reply = api.post("/api/auth/login", credentials(newAccount()));

        assertThat(reply.ok(200).path("refresh_token").asText()).isNotBlank();
        assertThat(reply.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("latchkey_refresh="));
    }

    @Test
    void cookieOverPlainHttpToANameThatIsNotLoopback_isSecure() throws IOException {
        String body = credentials(newAccount());
        String answer;
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.getOutputStream().write(("POST /api/auth/login HTTP/1.1\r\nHost: auth.example.com\r\n"
                    + MODE + ": cookie\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(answer).startsWith("HTTP/1.1 200");
        String cookie = answer.lines().filter(l -> l.regionMatches(true, 0, "Set-Cookie: latchkey_refresh=", 0, 29))
                .findFirst().orElseThrow();
        assertThat(cookie).endsWith("; Secure");
    }

    @Test
    void everyAnswer_carriesTheBrowserHeaders() {
        for (String path : List.of("/", "/assets/app.js", "/api/profile", "/health", "/no-such-route")) {
            Api.Reply reply = api.get(path);
            String csp = reply.header("Content-Security-Policy");
            assertThat(csp).as(path).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(reply.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(reply.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
            assertThat(reply.header("Cache-Control")).as(path).isEqualTo("no-store");
        }
    }

    @Test
    void pages_areServedFromTheJar_withTheirTypes() {
        Api.Reply index = api.get("/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.contentType()).startsWith("text/html");
        assertThat(index.body()).contains("<script type=\"module\" src=\"/assets/app.js\"></script>");
        assertThat(api.get("/assets/app.js").contentType()).startsWith("text/javascript");
        assertThat(api.get("/assets/style.css").contentType()).startsWith("text/css");
        assertThat(api.get("/dev/outbox.html").status()).isEqualTo(200);
        api.get("/assets/nothing.js").problem(404, "not_found");
        api.get("/assets/..%2Findex.html").problem(404, "not_found");
    }

    @Test
    void pages_haveNoInlineScriptStyleOrHandler() throws IOException {
        for (String page : List.of("index.html", "outbox.html")) {
            String html;
            try (InputStream in = PageRoutes.class.getResourceAsStream("/dev/latchkey/auth/example/pages/" + page)) {
                html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(html).as(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                    .doesNotContainPattern("\\son[a-z]+\\s*=").doesNotContainPattern("\\sstyle\\s*=")
                    .doesNotContain("<style");
        }
    }
}
