package dev.latchkey.auth.spring.web;

import dev.latchkey.auth.otp.MockOtpProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web API on a real server (Tomcat, random port) under a base path: a registration through to the host's own
 * endpoint, problem answers with their codes, {@code Retry-After}, the 404 of Latchkey's namespaces and the body cap.
 * The full contract runs against the Spring sample application.
 */
@SpringBootTest(classes = WebApiApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "latchkey.issuer=https://auth.example.test", "latchkey.audience=web-api",
        "latchkey.master-key=c3ByaW5nIHdlYiBhcGkgdGVzdCBtYXN0ZXIga2V5LCAzMiBieXRlcw==",
        "latchkey.passwords.bcrypt-cost=10", "latchkey.web.enabled=true", "latchkey.web.base-path=/auth",
        "latchkey.web.groups.outbox=true", "latchkey.codes.allow-login-codes-by-email=true",
        "spring.datasource.url=jdbc:h2:mem:web-api;DB_CLOSE_DELAY=-1"})
class LatchkeyWebApiHttpTest {
    private static final String PASSWORD = "Vivid-Otter-Lantern-42";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6,10})\\b");

    @LocalServerPort
    int port;
    @Autowired
    MockOtpProvider mock;

    @Test
    void register_verify_andTheTokenOpensTheHostsOwnEndpoint() throws Exception {
        String email = "web-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = send("POST", "/auth/api/auth/register", "{\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\"}", null);
        assertThat(registered.statusCode()).isEqualTo(202);
        assertThat(registered.body()).isEqualTo("{\"status\":\"verification_sent\"}");
        assertThat(registered.headers().firstValue("Cache-Control")).hasValue("no-store");

        JsonNode outbox = json(send("GET", "/auth/dev/outbox?to=" + email, null, null));
        Matcher code = CODE.matcher(outbox.path("messages").get(0).path("text").asString());
        assertThat(code.find()).isTrue();
        HttpResponse<String> verified = send("POST", "/auth/api/auth/register/verify", "{\"email\":\"" + email
                + "\",\"code\":\"" + code.group(1) + "\"}", null);
        assertThat(verified.statusCode()).isEqualTo(200);
        JsonNode tokens = json(verified);
        assertThat(tokens.path("token_type").asString()).isEqualTo("Bearer");

        String access = tokens.path("access_token").asString();
        HttpResponse<String> me = send("GET", "/me", null, access);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).isEqualTo(tokens.path("user").path("id").asString());
        assertThat(json(send("GET", "/auth/api/profile", null, access)).path("email").asString()).isEqualTo(email);
    }

    @Test
    void failures_areProblemsWithTheirStableCodes() throws Exception {
        assertProblem(send("POST", "/auth/api/auth/login", "{\"email\":\"nobody@example.com\",\"password\":\"x\"}",
                null), 401, "invalid_credentials");
        assertProblem(send("GET", "/auth/api/profile", null, null), 401, "invalid_token");
        assertProblem(send("GET", "/auth/api/profile", null, "forged.token.here"), 401, "invalid_token");
        assertProblem(send("POST", "/auth/api/auth/login", "{", null), 400, "validation_failed");
        assertProblem(sendTyped("POST", "/auth/api/auth/login", "{}", "text/plain"), 415, "unsupported_media_type");
        assertProblem(send("POST", "/auth/api/auth/login", "{\"email\":\"" + "a".repeat(70_000) + "\"}", null),
                413, "payload_too_large");
        assertProblem(send("GET", "/auth/api/auth/nothing-here", null, null), 404, "not_found");
        assertProblem(send("PUT", "/auth/api/profile", "{}", null), 404, "not_found");
        HttpResponse<String> unauthorized = send("GET", "/auth/api/profile", null, null);
        assertThat(unauthorized.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"latchkey\"");
    }

    @Test
    void aSecondCodeTooSoon_is429WithRetryAfter() throws Exception {
        String body = "{\"email\":\"soon-" + UUID.randomUUID() + "@example.com\"}";
        assertThat(send("POST", "/auth/api/auth/otp/send", body, null).statusCode()).isEqualTo(202);
        HttpResponse<String> again = send("POST", "/auth/api/auth/otp/send", body, null);
        assertThat(again.statusCode()).isEqualTo(429);
        assertProblem(again, 429, "too_many_attempts");
        assertThat(Long.parseLong(again.headers().firstValue("Retry-After").orElseThrow())).isPositive();
    }

    @Test
    void theSystemRoutes_areUnderTheBasePath_andTheHostsEndpointsStayProtected() throws Exception {
        assertThat(json(send("GET", "/auth/health", null, null)).path("status").asString()).isEqualTo("ok");
        assertThat(send("GET", "/auth/.well-known/jwks.json", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/health", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/me", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void browserSessionCookies_areScopedUnderTheBasePath() throws Exception {
        String email = "cookie-" + UUID.randomUUID() + "@example.com";
        send("POST", "/auth/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}",
                null);
        Matcher code = CODE.matcher(mock.messages(email).get(0).message().text());
        assertThat(code.find()).isTrue();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/auth/api/auth/register/verify")).header("Content-Type", "application/json")
                .header("X-Latchkey-Session", "cookie")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"code\":\"" + code.group(1)
                        + "\"}")).build();
        HttpResponse<String> verified = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(json(verified).has("refresh_token")).isFalse();
        assertThat(verified.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("latchkey_refresh=").contains("Path=/auth/api/auth;").contains("HttpOnly"));
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        return sendTyped(method, path, body, body == null ? null : "application/json", token);
    }

    private HttpResponse<String> sendTyped(String method, String path, String body, String type) throws Exception {
        return sendTyped(method, path, body, type, null);
    }

    private HttpResponse<String> sendTyped(String method, String path, String body, String type, String token)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(response.body())
                .startsWith("application/json");
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(response.body())
                .startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("code").asString()).isEqualTo(code);
    }
}
