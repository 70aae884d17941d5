package dev.latchkey.auth.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.User;
import dev.latchkey.auth.testkit.TestClock;
import dev.latchkey.auth.testkit.webauthn.Assertion;
import dev.latchkey.auth.testkit.webauthn.Credential;
import dev.latchkey.auth.testkit.webauthn.SoftwareAuthenticator;
import dev.latchkey.auth.webauthn.PasskeyConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.latchkey.auth.example.Api.quote;
import static dev.latchkey.auth.example.EndToEndContract.assertTokenResponse;
import static dev.latchkey.auth.example.EndToEndContract.credentials;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's HTTP contract over real HTTP, written once and run per database: passkey registration, sign-in
 * (usernameless and named), the second step of a password login answered with a passkey, list, rename and delete,
 * with a {@link SoftwareAuthenticator} in the browser's place. The RP is {@code localhost}, the front end's origin
 * {@code http://localhost:5173} ({@code AUTH_WEBAUTHN_ORIGINS}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PasskeyEndToEndContract {
    static final String PASSWORD = "Vivid-Otter-Lantern-42";
    static final String RP_ID = "localhost";
    static final String ORIGIN = "http://localhost:5173";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger sequence = new AtomicInteger();
    private final String run = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(3));
    private final List<ExampleHost> apps = new ArrayList<>();
    final TestClock clock = new TestClock(Instant.now());
    private Path dataDir;
    ExampleHost app;
    Api api;

    /** The environment that points the app at this class's database; {@code dataDir} is a fresh directory. */
    abstract Map<String, String> environment(Path dataDir);

    /** A table prefix for databases shared between runs; none by default. */
    String tablePrefix() {
        return "";
    }

    @BeforeAll
    void startApp() throws IOException {
        dataDir = Files.createTempDirectory("latchkey-passkey-e2e");
        Map<String, String> env = new HashMap<>(environment(dataDir));
        env.put("AUTH_WEBAUTHN_ORIGINS", ORIGIN);
        env.put("AUTH_WEBAUTHN_RP_NAME", "Example");
        Settings settings = Settings.fromEnvironment(env).withTablePrefix(tablePrefix());
        app = ExampleHost.start(settings, config -> config.clock(clock).codes(DeliverySettings.codes(settings)
                .sendsPerAddressPerHour(1000).failuresPerAddressPerHour(1000).build()));
        apps.add(app);
        api = new Api(app.port());
    }

    @AfterAll
    void stopApps() throws IOException {
        apps.forEach(ExampleHost::close);
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    // ---- registration ------------------------------------------------------------------------------------------------

    @Test
    void register_optionsThenCredential_gives201_andTheListShowsIt() {
        String access = passwordAccount();
        JsonNode options = api.post("/api/auth/passkeys/register/options", null, access).ok(200);
        assertThat(options.fieldNames()).toIterable().contains("rp", "user", "challenge", "pubKeyCredParams",
                "timeout", "excludeCredentials", "authenticatorSelection", "attestation");
        assertThat(options.path("rp").path("id").asText()).isEqualTo(RP_ID);
        assertThat(options.path("rp").path("name").asText()).isEqualTo("Example");
        assertThat(Base64.getUrlDecoder().decode(options.path("user").path("id").asText())).hasSize(32);

        Credential credential = SoftwareAuthenticator.es256().register(RP_ID, ORIGIN,
                options.path("challenge").asText(), options.path("user").path("id").asText());
        JsonNode created = api.post("/api/auth/passkeys/register", "{\"credential\":"
                + credential.registration().json() + ",\"label\":\"Laptop\"}", access).ok(201);
        assertThat(created.fieldNames()).toIterable().containsExactly("id", "label", "created_at", "backed_up");
        assertThat(created.path("id").asText()).isEqualTo(credential.id());
        assertThat(created.path("label").asText()).isEqualTo("Laptop");
        assertThat(Instant.parse(created.path("created_at").asText())).isNotNull();
        assertThat(created.path("backed_up").asBoolean()).isTrue();

        JsonNode list = api.get("/api/auth/passkeys", access).ok(200);
        assertThat(list.fieldNames()).toIterable().containsExactly("passkeys");
        JsonNode passkey = list.path("passkeys").get(0);
        assertThat(passkey.fieldNames()).toIterable().containsExactly("id", "label", "created_at", "last_used_at",
                "backed_up");
        assertThat(passkey.path("last_used_at").isNull()).isTrue();
        JsonNode again = api.post("/api/auth/passkeys/register/options", null, access).ok(200);
        assertThat(again.path("excludeCredentials").get(0).path("id").asText()).isEqualTo(credential.id());
    }

    @Test
    void register_fromAnotherOrigin_is400InvalidCredentialWithAReason() {
        String access = passwordAccount();
        JsonNode options = api.post("/api/auth/passkeys/register/options", null, access).ok(200);
        Credential credential = SoftwareAuthenticator.es256().register(RP_ID, "http://evil.localhost:5173",
                options.path("challenge").asText(), options.path("user").path("id").asText());
        JsonNode problem = api.post("/api/auth/passkeys/register", "{\"credential\":"
                + credential.registration().json() + "}", access).problem(400, "invalid_credential");
        assertThat(problem.path("reason").asText()).isEqualTo("origin");
        api.post("/api/auth/passkeys/register", "{\"credential\":{\"id\":\"x\"}}", access)
                .problem(400, "invalid_credential");
        assertThat(api.post("/api/auth/passkeys/register", "{\"credential\":\"text\"}", access)
                .problem(400, "validation_failed").path("field").asText()).isEqualTo("credential");
        api.post("/api/auth/passkeys/register", "{\"credential\":{}}", null).problem(401, "invalid_token");
    }

    @Test
    void registerOptions_needRecentAuthentication() {
        String access = passwordAccount();
        clock.advance(Duration.ofMinutes(11));
        try {
            Api.Reply reply = api.post("/api/auth/passkeys/register/options", null, access);
            reply.problem(401, "insufficient_user_authentication");
            assertThat(reply.header("WWW-Authenticate")).contains("insufficient_user_authentication");
        } finally {
            clock.advance(Duration.ofMinutes(-11));
        }
    }

    // ---- sign-in -----------------------------------------------------------------------------------------------------

    @Test
    void aDeviceBoundPasskey_signsInWithHwkUserMfa() {
        Credential key = enrol(passkeyOnlyAccount().access(), SoftwareAuthenticator.es256().backupEligible(false));
        JsonNode tokens = api.post("/api/auth/passkeys/login", body(key.assertion(RP_ID, ORIGIN, loginChallenge())))
                .ok(200);
        assertThat(amr(tokens)).containsExactly("hwk", "user", "mfa");
    }

    @Test
    void usernamelessLogin_withUserVerification_gives200Tokens_withSwkUserMfa() {
        Enrolled enrolled = passkeyOnlyAccount();
        JsonNode options = api.post("/api/auth/passkeys/login/options", null).ok(200);
        assertThat(options.path("allowCredentials")).isEmpty();
        Assertion assertion = enrolled.credential().assertion(RP_ID, ORIGIN, options.path("challenge").asText());
        JsonNode tokens = api.post("/api/auth/passkeys/login", body(assertion)).ok(200);
        assertTokenResponse(tokens);
        assertThat(amr(tokens)).containsExactly("swk", "user", "mfa"); // a backup-eligible (synced) passkey
        assertThat(api.get("/api/auth/passkeys", tokens.path("access_token").asText()).ok(200).path("passkeys")
                .get(0).path("last_used_at").isTextual()).isTrue();
    }

    @Test
    void namedLoginOptions_haveTheSameShapeWhetherOrNotTheAccountExists() {
        Enrolled enrolled = passkeyOnlyAccount();
        JsonNode known = api.post("/api/auth/passkeys/login/options", "{\"email\":" + quote(enrolled.email()) + "}")
                .ok(200);
        JsonNode unknown = api.post("/api/auth/passkeys/login/options", "{\"email\":\"nobody-" + run
                + "@example.com\"}").ok(200);
        assertThat(fieldNames(unknown)).isEqualTo(fieldNames(known));
        assertThat(unknown.path("allowCredentials")).hasSize(1);
        assertThat(known.path("allowCredentials").get(0).path("id").asText()).isEqualTo(enrolled.credential().id());
        Assertion assertion = enrolled.credential().assertion(RP_ID, ORIGIN, known.path("challenge").asText())
                .withUserHandle(null);
        assertTokenResponse(api.post("/api/auth/passkeys/login", body(assertion)).ok(200));
    }

    @Test
    void everyRefusedLogin_is401InvalidCredentials() {
        Enrolled enrolled = passkeyOnlyAccount();
        Enrolled other = passkeyOnlyAccount();
        String challenge = loginChallenge();
        Assertion good = enrolled.credential().assertion(RP_ID, ORIGIN, challenge);
        api.post("/api/auth/passkeys/login", body(good)).ok(200);
        api.post("/api/auth/passkeys/login", body(good)).problem(401, "invalid_credentials");
        List<Assertion> refused = List.of(
                enrolled.credential().assertion(RP_ID, "http://localhost:6666", loginChallenge()),
                enrolled.credential().assertion("example.com", ORIGIN, loginChallenge()),
                enrolled.credential().assertion(RP_ID, ORIGIN, loginChallenge()).withFlippedSignatureBit(),
                enrolled.credential().assertion(RP_ID, ORIGIN, loginChallenge()).withUserHandle(
                        other.credential().userHandle()),
                SoftwareAuthenticator.es256().register(RP_ID, ORIGIN, loginChallenge(),
                        enrolled.credential().userHandle()).assertion(RP_ID, ORIGIN, loginChallenge()));
        for (Assertion a : refused) {
            api.post("/api/auth/passkeys/login", body(a)).problem(401, "invalid_credentials");
        }
        assertThat(api.post("/api/auth/passkeys/login", "{\"credential\":{\"id\":1}}")
                .problem(400, "validation_failed").path("field").asText()).isEqualTo("credential");
    }

    @Test
    void namedOptionsForAnUnknownEmail_refuseEveryPasskey_with401() {
        Enrolled enrolled = passkeyOnlyAccount();
        String challenge = api.post("/api/auth/passkeys/login/options", "{\"email\":\"nobody-else-" + run
                + "@example.com\"}").ok(200).path("challenge").asText();
        api.post("/api/auth/passkeys/login", body(enrolled.credential().assertion(RP_ID, ORIGIN, challenge)))
                .problem(401, "invalid_credentials");
    }

    @Test
    void aTouchOnlyKeyOfAPasswordAccount_signsInAloneNever_401() {
        Credential key = enrol(passwordAccount(), SoftwareAuthenticator.es256().userVerified(false));
        api.post("/api/auth/passkeys/login", body(key.assertion(RP_ID, ORIGIN, loginChallenge())))
                .problem(401, "invalid_credentials");
    }

    @Test
    void loginOptionsAndRefusedLogins_pastTheAddressBudget_are429WithRetryAfter() {
        try {
            Api.Reply reply = null;
            for (int i = 0; i <= PasskeyConfig.DEFAULT_LOGIN_OPTIONS_PER_ADDRESS_PER_HOUR; i++) {
                reply = api.post("/api/auth/passkeys/login/options", i % 2 == 0 ? null
                        : "{\"email\":\"n" + i + "-" + run + "@example.com\"}");
                if (reply.status() != 200) {
                    break;
                }
            }
            reply.problem(429, "too_many_attempts");
            assertThat(Long.parseLong(reply.header("Retry-After"))).isPositive();
        } finally {
            clock.advance(Duration.ofMinutes(76)); // the budget's hour and a slice of its sliding window
        }
        Enrolled enrolled = passkeyOnlyAccount();
        try {
            Api.Reply reply = null;
            for (int i = 0; i <= PasskeyConfig.DEFAULT_LOGIN_FAILURES_PER_ADDRESS_PER_HOUR; i++) {
                reply = api.post("/api/auth/passkeys/login", body(enrolled.credential()
                        .assertion(RP_ID, ORIGIN, loginChallenge()).withFlippedSignatureBit()));
                if (reply.status() != 401) {
                    break;
                }
            }
            reply.problem(429, "too_many_attempts");
            assertThat(Long.parseLong(reply.header("Retry-After"))).isPositive();
            api.post("/api/auth/passkeys/login", body(enrolled.credential().assertion(RP_ID, ORIGIN,
                    loginChallenge()))).problem(429, "too_many_attempts");
        } finally {
            clock.advance(Duration.ofMinutes(76));
        }
    }

    // ---- second step -------------------------------------------------------------------------------------------------

    @Test
    void passwordLogin_ofAnAccountWithAPasskey_asksForIt_andMfaVerifyTakesTheCredential() {
        Account account = newPasswordAccount();
        String access = api.post("/api/auth/login", credentials(account.email(), PASSWORD)).ok(200)
                .path("access_token").asText();
        Credential credential = enrol(access, SoftwareAuthenticator.ed25519());

        JsonNode step = api.post("/api/auth/login", credentials(account.email(), PASSWORD)).ok(200);
        assertThat(step.path("status").asText()).isEqualTo("second_factor_required");
        assertThat(step.path("factors").get(0).asText()).isEqualTo("passkey");
        String challenge = step.path("challenge").asText();
        JsonNode options = api.post("/api/auth/passkeys/login/options", "{\"challenge\":" + quote(challenge) + "}")
                .ok(200);
        assertThat(options.path("challenge").asText()).isEqualTo(challenge);

        Assertion wrong = credential.assertion(RP_ID, "http://localhost:6666", challenge);
        api.post("/api/auth/mfa/verify", verify(challenge, wrong)).problem(401, "invalid_code");
        JsonNode tokens = api.post("/api/auth/mfa/verify", verify(challenge, credential.assertion(RP_ID, ORIGIN,
                challenge))).ok(200);
        assertTokenResponse(tokens);
        assertThat(amr(tokens)).containsExactly("pwd", "hwk", "user", "mfa");
        api.post("/api/auth/mfa/verify", "{\"challenge\":" + quote(challenge) + ",\"factor\":\"passkey\"}")
                .problem(400, "validation_failed");
    }

    // ---- management --------------------------------------------------------------------------------------------------

    @Test
    void rename_gives200ThePasskey_and404ForAnotherAccountsId() {
        Enrolled enrolled = passkeyOnlyAccount();
        JsonNode renamed = api.patch("/api/auth/passkeys/" + enrolled.credential().id(), "{\"label\":\"Phone\"}",
                enrolled.access()).ok(200);
        assertThat(renamed.fieldNames()).toIterable().containsExactly("id", "label", "created_at", "last_used_at",
                "backed_up");
        assertThat(renamed.path("label").asText()).isEqualTo("Phone");
        Enrolled other = passkeyOnlyAccount();
        api.patch("/api/auth/passkeys/" + enrolled.credential().id(), "{\"label\":\"Mine\"}", other.access())
                .problem(404, "not_found");
        api.patch("/api/auth/passkeys/" + enrolled.credential().id(), "{\"label\":\"\"}", enrolled.access())
                .problem(400, "validation_failed");
    }

    @Test
    void delete_theLastWayIn_is409LastCredential_andAnotherIs204() {
        Enrolled enrolled = passkeyOnlyAccount();
        String path = "/api/auth/passkeys/" + enrolled.credential().id();
        api.delete(path, null, enrolled.access()).problem(409, "last_credential");
        Credential second = enrol(enrolled.access(), SoftwareAuthenticator.ed25519());
        assertThat(api.delete(path, null, enrolled.access()).status()).isEqualTo(204);
        assertThat(api.get("/api/auth/passkeys", enrolled.access()).ok(200).path("passkeys").get(0).path("id")
                .asText()).isEqualTo(second.id());
        api.delete("/api/auth/passkeys/" + second.id(), null, enrolled.access()).problem(409, "last_credential");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    record Account(String id, String email) {
    }

    record Enrolled(String email, String access, Credential credential) {
    }

    private Account newPasswordAccount() {
        String email = "pk-" + run + "-" + sequence.incrementAndGet() + "@example.com";
        User user = app.authService().accounts().register(Registration.newBuilder().email(email).password(PASSWORD)
                .build());
        return new Account(user.id(), email);
    }

    /** A fresh access token of a new account with a password (and no second factor yet). */
    private String passwordAccount() {
        Account account = newPasswordAccount();
        return api.post("/api/auth/login", credentials(account.email(), PASSWORD)).ok(200).path("access_token")
                .asText();
    }

    /** A new account made by a login code (no password) with one passkey. */
    private Enrolled passkeyOnlyAccount() {
        String email = "pk-" + run + "-" + sequence.incrementAndGet() + "@example.com";
        api.post("/api/auth/otp/send", "{\"email\":" + quote(email) + "}").ok(202);
        String access = api.post("/api/auth/otp/verify", "{\"email\":" + quote(email) + ",\"code\":"
                + quote(api.code(email)) + "}").ok(200).path("access_token").asText();
        return new Enrolled(email, access, enrol(access, SoftwareAuthenticator.es256()));
    }

    private Credential enrol(String access, SoftwareAuthenticator authenticator) {
        JsonNode options = api.post("/api/auth/passkeys/register/options", null, access).ok(200);
        Credential credential = authenticator.register(RP_ID, ORIGIN, options.path("challenge").asText(),
                options.path("user").path("id").asText());
        api.post("/api/auth/passkeys/register", "{\"credential\":" + credential.registration().json() + "}", access)
                .ok(201);
        return credential;
    }

    private String loginChallenge() {
        return api.post("/api/auth/passkeys/login/options", null).ok(200).path("challenge").asText();
    }

    private static String body(Assertion assertion) {
        return "{\"credential\":" + assertion.json() + "}";
    }

    private static String verify(String challenge, Assertion assertion) {
        return "{\"challenge\":" + quote(challenge) + ",\"factor\":\"passkey\",\"credential\":" + assertion.json()
                + "}";
    }

    private static List<String> amr(JsonNode tokens) {
        String[] parts = tokens.path("access_token").asText().split("\\.");
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8));
            List<String> amr = new ArrayList<>();
            claims.path("amr").forEach(v -> amr.add(v.asText()));
            return amr;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
