package dev.latchkey.auth.spring.hostchain;

import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the host's own {@code o.jwt(Customizer.withDefaults())} chain, Latchkey's decoder and authorities apply: the
 * principal is the {@code Jwt} (a {@code LatchkeyJwt}), roles guard routes, and a bad token is 401 invalid_token.
 */
@SpringBootTest(classes = HostChainApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "latchkey.issuer=https://auth.example.test", "latchkey.audience=host-chain-api",
        "latchkey.master-key=aG9zdCBjaGFpbiB0ZXN0IG1hc3RlciBrZXksIDMyIGJ5dGVz",
        "latchkey.passwords.bcrypt-cost=10", "spring.datasource.url=jdbc:h2:mem:host-chain;DB_CLOSE_DELAY=-1"})
class HostChainResourceServerTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final ClientInfo CLIENT = ClientInfo.of("127.0.0.1", "JUnit");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    AuthService auth;

    @Test
    void theHostsChain_usesLatchkeysDecoder_withTheJwtAsPrincipal() throws Exception {
        String email = "host-" + UUID.randomUUID() + "@example.com";
        String id = auth.accounts().register(Registration.newBuilder().email(email).password(PASSWORD).build()).id();
        String token = auth.passwords().login(Contact.email(email), PASSWORD, CLIENT).sessionOrThrow().accessToken();

        assertThat(get("/me", token).body()).isEqualTo(id + " [pwd] true");
        assertThat(get("/public", null).statusCode()).isEqualTo(200);
        assertThat(get("/me", token + "x").headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer error=\"invalid_token\"");
        assertThat(get("/admin", token).statusCode()).isEqualTo(403);

        auth.accounts().setRoles(id, Set.of("user", "admin"));
        String admin = auth.passwords().login(Contact.email(email), PASSWORD, CLIENT).sessionOrThrow().accessToken();
        assertThat(get("/admin", admin).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
