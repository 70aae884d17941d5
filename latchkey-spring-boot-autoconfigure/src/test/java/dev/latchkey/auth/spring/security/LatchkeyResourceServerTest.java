package dev.latchkey.auth.spring.security;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.testkit.TestClock;
import dev.latchkey.auth.testkit.memory.InMemoryAuthStores;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real server (Tomcat on a random port) of an application that adds nothing but Latchkey's properties: its
 * endpoints accept a Latchkey access token, refuse a missing, forged, expired or revoked one with 401 and
 * {@code WWW-Authenticate: Bearer}, and map roles to {@code hasRole} (403 without the role).
 */
@SpringBootTest(classes = SecuredApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "latchkey.issuer=https://auth.example.test", "latchkey.audience=secured-api",
        "latchkey.master-key=c3ByaW5nIHNlY3VyaXR5IHRlc3QgbWFzdGVyIGtleSAzMiBieXRlcw==",
        "latchkey.passwords.bcrypt-cost=10", "latchkey.security.online-check=true",
        "spring.datasource.url=jdbc:h2:mem:secured-app;DB_CLOSE_DELAY=-1"})
class LatchkeyResourceServerTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final ClientInfo CLIENT = ClientInfo.of("127.0.0.1", "JUnit");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    AuthService auth;
    @Autowired
    TestClock clock;

    @Test
    void aLatchkeyToken_isAccepted_andThePrincipalIsTheVerifiedToken() throws Exception {
        Login login = login();
        HttpResponse<String> response = get("/me", login.session.accessToken());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(login.userId);
    }

    @Test
    void noToken_is401_withABearerChallenge() throws Exception {
        HttpResponse<String> response = get("/me", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
    }

    @Test
    void aForgedToken_is401_invalidToken() throws Exception {
        String[] parts = login().session.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"user\"", "\"admin\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertInvalidToken(get("/admin", forged));
        assertInvalidToken(get("/me", forged));
    }

    @Test
    void aTokenSignedByAnotherService_is401() throws Exception {
        AuthService other = AuthService.newBuilder(AuthConfig.newBuilder().issuer("https://auth.example.test")
                .audience("secured-api").masterKey("another master key, 32 bytes or more".getBytes(
                        StandardCharsets.US_ASCII)).build(), InMemoryAuthStores.create()).build();
        other.accounts().register(Registration.newBuilder().email("mallory@example.com").password(PASSWORD)
                .build());
        String token = other.passwords().login(Contact.email("mallory@example.com"), PASSWORD, CLIENT)
                .sessionOrThrow().accessToken();

        assertInvalidToken(get("/me", token));
    }

    @Test
    void anExpiredToken_is401() throws Exception {
        String token = login().session.accessToken();
        clock.advance(Duration.ofMinutes(17)); // 15-minute tokens, 60 s of skew

        assertInvalidToken(get("/me", token));
    }

    @Test
    void aRevokedSession_is401_withTheOnlineCheck() throws Exception {
        Login login = login();
        assertThat(get("/me", login.session.accessToken()).statusCode()).isEqualTo(200);
        auth.sessions().logout(login.session.refreshToken(), CLIENT);

        assertInvalidToken(get("/me", login.session.accessToken()));
    }

    @Test
    void roles_becomeRoleAuthorities_andFactorsFactorAuthorities() throws Exception {
        Login login = login();
        HttpResponse<String> forbidden = get("/admin", login.session.accessToken());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer error=\"insufficient_scope\"");

        auth.accounts().setRoles(login.userId, Set.of("user", "admin"));
        String admin = auth.passwords().login(Contact.email(login.email), PASSWORD, CLIENT).sessionOrThrow()
                .accessToken();
        assertThat(get("/admin", admin).statusCode()).isEqualTo(200);
        assertThat(get("/authorities", admin).body())
                .isEqualTo("FACTOR_BEARER FACTOR_PASSWORD ROLE_admin ROLE_user");
    }

    private static void assertInvalidToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer error=\"invalid_token\"");
    }

    private Login login() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        String id = auth.accounts().register(Registration.newBuilder().email(email).password(PASSWORD).build()).id();
        return new Login(id, email, auth.passwords().login(Contact.email(email), PASSWORD, CLIENT).sessionOrThrow());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Login(String userId, String email, Session session) {
    }
}
