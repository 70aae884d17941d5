package dev.latchkey.auth.spring.quickstart;

import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.otp.MockOtpProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter README's quick start is exactly {@link QuickStartApplication} and three properties, fewer than 20 lines
 * together; started with just those (over the embedded H2 database Spring Boot makes when H2 is on the class path),
 * registration, password and code login, refresh and both protected endpoints work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeQuickStartTest {
    private static final Path README = Path.of("../latchkey-spring-boot-starter/README.md");
    private static final Path SOURCE = Path.of("src/test/java/dev/latchkey/auth/spring/quickstart/"
            + "QuickStartApplication.java");
    private static final String PASSWORD = "correct horse battery staple";
    private static final ClientInfo CLIENT = ClientInfo.of("127.0.0.1", "JUnit");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ConfigurableApplicationContext app;
    private AuthService auth;
    private int port;

    @BeforeAll
    void start() throws IOException {
        List<String> args = new ArrayList<>();
        for (String line : properties()) {
            args.add("--" + line);
        }
        args.add("--server.port=0");
        String key = Base64.getEncoder().encodeToString("quick start test master key, 32 bytes"
                .getBytes(StandardCharsets.US_ASCII));
        // The environment variable the README's third property names; a default property here, not the process's.
        app = new SpringApplicationBuilder(QuickStartApplication.class).properties("LATCHKEY_MASTER_KEY=" + key)
                .run(args.toArray(String[]::new));
        auth = app.getBean(AuthService.class);
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theReadme_showsThisClass_exactly() throws IOException {
        String source = Files.readString(SOURCE);
        String snippet = source.substring(source.indexOf("@SpringBootApplication"));
        assertThat(block("java")).isEqualTo(snippet);
    }

    @Test
    void theQuickStart_isUnder20Lines() throws IOException {
        assertThat(properties()).hasSize(3);
        assertThat(block("java").lines().count() + properties().size()).isLessThan(20);
    }

    @Test
    void aPasswordLogin_reachesTheProtectedEndpoint_andRolesGuardTheAdminOne() throws Exception {
        String email = "quick@example.com";
        String id = auth.accounts().register(Registration.newBuilder().email(email).password(PASSWORD).build()).id();
        Session session = auth.passwords().login(Contact.email(email), PASSWORD, CLIENT).sessionOrThrow();

        assertThat(get("/hello", session.accessToken()).body()).isEqualTo("Hello, " + id);
        assertThat(get("/hello", null).statusCode()).isEqualTo(401);
        assertThat(get("/admin", session.accessToken()).statusCode()).isEqualTo(403);

        auth.accounts().setRoles(id, Set.of("user", "admin"));
        Session refreshed = auth.sessions().refresh(session.refreshToken(), CLIENT);
        HttpResponse<String> admin = get("/admin", refreshed.accessToken());
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).isEqualTo("Hello, admin");
    }

    @Test
    void aResetCode_goesToTheMockDelivery_andWorks() throws Exception {
        String email = "coded@example.com";
        auth.accounts().register(Registration.newBuilder().email(email).password(PASSWORD).build());
        MockOtpProvider mock = app.getBean(MockOtpProvider.class);
        auth.passwords().requestReset(Contact.email(email), CLIENT);
        String code = mock.latestCode(email).orElseThrow();
        auth.passwords().reset(Contact.email(email), code, "a brand new passphrase here", CLIENT);

        Session session = auth.passwords().login(Contact.email(email), "a brand new passphrase here", CLIENT)
                .sessionOrThrow();
        assertThat(get("/hello", session.accessToken()).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The lines of the README's quick-start properties block. */
    private static List<String> properties() throws IOException {
        return block("properties").lines().toList();
    }

    /** The text of the README's first fenced block of this language. */
    private static String block(String language) throws IOException {
        Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        assertThat(m.find()).as("a ```%s block in %s", language, README).isTrue();
        return m.group(1);
    }
}
