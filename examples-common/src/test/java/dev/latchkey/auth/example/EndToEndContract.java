package dev.latchkey.auth.example;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.User;
import dev.latchkey.auth.http.LatchkeyApi;
import dev.latchkey.auth.imports.ImportListener;
import dev.latchkey.auth.imports.ImportSummary;
import dev.latchkey.auth.imports.ImportedUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.latchkey.auth.example.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of the route table over real HTTP, written once and run per database (H2 always, PostgreSQL when
 * configured). The app runs in-process on a random port with a fresh database per class; codes come from the mock
 * outbox through {@code GET /dev/outbox}.
 *
 * <p>The per-address cap on code sends is raised for the suite (every request comes from 127.0.0.1); every other limit
 * is the security bar's default. A destination gets at most one code per 30 s, so flows that do not test registration
 * start from accounts created directly with {@code AuthService.register}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndContract {
    static final String PASSWORD = "Vivid-Otter-Lantern-42";
    static final String NEW_PASSWORD = "Quiet-Harbor-Compass-77";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The password of {@link #LEGACY_HASHES}. */
    private static final String LEGACY_PASSWORD = "correct horse battery staple";
    /**
     * One hash per family the importer accepts, from auth-core's legacy-vectors.tsv (made by the real tools): bcrypt,
     * Werkzeug and Django PBKDF2 (auth-core verifies them), Argon2id, Werkzeug and PHC scrypt (auth-hashes does).
     */
    private static final List<String> LEGACY_HASHES = List.of(
            "$2b$05$E17K44wrWR6yeq9J/lNfYO/gUjrvK2W71df7.5IYXkFZJ4.bDcrMG",
            "pbkdf2:sha256:1000$ba48a045c415af98$6b6b34a097d612c297eb2403966558ab426e0506fe65499b1a861028c708799a",
            "pbkdf2_sha256$1500$137af5219f97050d4c19b7$bTzpu1DlEb5yldbbZgp6U1BmQSn6tqvhzTQ1Pnr+I+E=",
            "$argon2id$v=19$m=19456,t=2,p=1$2cW+Sxgb/qrzgzA4A2xldw$53xtpvnwAi58Cb/wAGNCIXbMJRvTwrpsxu6RCWxBfnM",
            "scrypt:1024:8:1$25aebd9afc80c3b6$ff49a87aa9e218e91b611d63ebce9d681c007e808bef03ff09ab093927fb66a2b3a9b8f1"
                    + "7db1f01ee18604c0bcac84ec9b86e2e53f2eaa03d8b1173ab186d0da",
            "$scrypt$ln=10,r=8,p=1$ygcZTfX/wBZR/BboVWsc5g$afisxHbAg.feACahpQPwfN4CmRQAhj1Dl0KwYB8BPR0");

    private final AtomicInteger sequence = new AtomicInteger();
    private final String run = HexFormat.of().formatHex(randomBytes(3));
    private final int phoneBase = RANDOM.nextInt(9000);
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
        dataDir = Files.createTempDirectory("latchkey-e2e");
        Settings settings = Settings.fromEnvironment(environment(dataDir)).withTablePrefix(tablePrefix());
        app = ExampleHost.start(settings, config -> config.codes(DeliverySettings.codes(settings).sendsPerAddressPerHour(1000)
                .failuresPerAddressPerHour(1000).build()));
        api = new Api(app.port());
    }

    @AfterAll
    void stopApp() throws IOException {
        if (app != null) {
            app.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    // ---- registration ----------------------------------------------------------------------------------------------

    @Test
    void register_thenVerifyWithEmailedCode_activatesAndLogsIn() {
        String email = newEmail();
        Api.Reply registered = api.post("/api/auth/register", "{\"email\":" + quote(email) + ",\"password\":"
                + quote(PASSWORD) + ",\"profile\":{\"name\":\"Ada\"}}");
        assertThat(registered.ok(202).path("status").asText()).isEqualTo("verification_sent");

        JsonNode tokens = api.post("/api/auth/register/verify", "{\"email\":" + quote(email) + ",\"code\":"
                + quote(api.code(email)) + "}").ok(200);

        assertTokenResponse(tokens);
        assertThat(tokens.path("user").path("email").asText()).isEqualTo(email);
        assertThat(tokens.path("user").path("email_verified").asBoolean()).isTrue();
        assertThat(tokens.path("user").path("profile").path("name").asText()).isEqualTo("Ada");
        assertThat(tokens.path("user").path("has_password").asBoolean()).isTrue();
        assertTokenResponse(api.post("/api/auth/login", credentials(email, PASSWORD)).ok(200));
        assertThat(app.auditLog().recentForUser(tokens.path("user").path("id").asText(), 10))
                .extracting(dev.latchkey.auth.AuthEvent::type)
                .contains(dev.latchkey.auth.AuthEventType.ACCOUNT_REGISTERED, dev.latchkey.auth.AuthEventType.CONTACT_VERIFIED,
                        dev.latchkey.auth.AuthEventType.LOGIN_SUCCEEDED);
    }

    @Test
    void register_byPhoneOnly_sendsTheCodeByPhone() {
        String phone = newPhone();
        api.post("/api/auth/register", "{\"phone\":" + quote(phone) + ",\"password\":" + quote(PASSWORD) + "}")
                .ok(202);

        JsonNode tokens = api.post("/api/auth/register/verify", "{\"phone\":" + quote(phone) + ",\"code\":"
                + quote(api.code(phone)) + "}").ok(200);

        assertThat(tokens.path("user").path("phone").asText()).isEqualTo(phone);
        assertThat(tokens.path("user").path("phone_verified").asBoolean()).isTrue();
    }

    @Test
    void register_anAlreadyRegisteredEmail_answersExactlyAsForANewOne() {
        String existing = activeUser().email();
        String fresh = newEmail();

        Api.Reply forExisting = api.post("/api/auth/register", credentials(existing, PASSWORD));
        Api.Reply forNew = api.post("/api/auth/register", credentials(fresh, PASSWORD));

        assertThat(forExisting.status()).isEqualTo(202);
        assertThat(forNew.status()).isEqualTo(202);
        assertThat(forExisting.bytes()).isEqualTo(forNew.bytes());
        assertThat(forExisting.body()).isEqualTo("{\"status\":\"verification_sent\"}");
        assertThat(api.outbox(existing)).singleElement()
                .satisfies(m -> assertThat(m.path("purpose").asText()).isEqualTo("account_exists_notice"));
        assertThat(api.outbox(fresh)).hasSize(1);
    }

    @Test
    void register_neverTakesRolesFromTheBody() {
        String email = newEmail();
        api.post("/api/auth/register", "{\"email\":" + quote(email) + ",\"password\":" + quote(PASSWORD)
                + ",\"roles\":[\"admin\"],\"role\":\"admin\"}").ok(202);

        JsonNode tokens = api.post("/api/auth/register/verify", "{\"email\":" + quote(email) + ",\"code\":"
                + quote(api.code(email)) + "}").ok(200);

        assertThat(tokens.path("user").path("roles").toString()).isEqualTo("[\"user\"]");
        api.get("/api/admin/users", tokens.path("access_token").asText()).problem(403, "forbidden");
    }

    @Test
    void register_withAWeakPassword_isRejectedNamingThePassword() {
        Api.Reply reply = api.post("/api/auth/register", credentials(newEmail(), "password"));

        assertThat(reply.problem(400, "weak_password").path("field").asText()).isEqualTo("password");
    }

    @Test
    void registerVerify_withAWrongCode_isInvalidCode() {
        String email = newEmail();
        api.post("/api/auth/register", credentials(email, PASSWORD)).ok(202);
        String wrong = api.code(email).equals("000000") ? "111111" : "000000";

        api.post("/api/auth/register/verify", "{\"email\":" + quote(email) + ",\"code\":\"" + wrong + "\"}")
                .problem(401, "invalid_code");
    }

    // ---- password login ----------------------------------------------------------------------------------------------

    @Test
    void login_withTheRightPassword_returnsATokenResponse() {
        Account account = activeUser();

        Api.Reply reply = api.post("/api/auth/login", credentials(account.email(), PASSWORD));

        JsonNode tokens = reply.ok(200);
        assertTokenResponse(tokens);
        assertThat(reply.header("Cache-Control")).contains("no-store");
        assertThat(tokens.path("user").path("id").asText()).isEqualTo(account.id());
    }

    @Test
    void login_ofUsersImportedWithLegacyHashes_worksForEveryFamilyTheImporterAccepts() {
        for (String hash : LEGACY_HASHES) {
            String email = newEmail();
            ImportSummary summary = app.authService().imports().importUsers(List.of(ImportedUser.newBuilder()
                    .email(email, true).passwordHash(hash).build()), ImportListener.ignoring());
            assertThat(summary.imported()).as("import of %s", hash.substring(0, 12)).isEqualTo(1);

            JsonNode tokens = api.post("/api/auth/login", credentials(email, LEGACY_PASSWORD)).ok(200);

            assertTokenResponse(tokens);
            assertThat(tokens.path("user").path("email").asText()).isEqualTo(email);
        }
    }

    @Test
    void login_byPhone_works() {
        Account account = activeUser();

        assertTokenResponse(api.post("/api/auth/login", "{\"phone\":" + quote(account.phone()) + ",\"password\":"
                + quote(PASSWORD) + "}").ok(200));
    }

    @Test
    void login_withAWrongPasswordOrUnknownAccount_isTheSameInvalidCredentials() {
        Account account = activeUser();

        Api.Reply wrong = api.post("/api/auth/login", credentials(account.email(), "Not-The-Password-1"));
        Api.Reply unknown = api.post("/api/auth/login", credentials(newEmail(), PASSWORD));

        wrong.problem(401, "invalid_credentials");
        unknown.problem(401, "invalid_credentials");
        assertThat(wrong.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(wrong.bytes()).isEqualTo(unknown.bytes());
    }

    @Test
    void login_beforeVerification_isVerificationRequired() {
        String email = newEmail();
        api.post("/api/auth/register", credentials(email, PASSWORD)).ok(202);

        api.post("/api/auth/login", credentials(email, PASSWORD)).problem(403, "verification_required");
    }

    @Test
    void login_afterRepeatedFailures_isThrottledWithRetryAfter() {
        Account account = activeUser();
        Api.Reply last = null;
        for (int i = 0; i < 20; i++) {
            last = api.post("/api/auth/login", credentials(account.email(), "Not-The-Password-" + i));
            if (last.status() == 429) {
                break;
            }
            last.problem(401, "invalid_credentials");
        }

        last.problem(429, "too_many_attempts");
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 900L);
    }

    // ---- login codes -------------------------------------------------------------------------------------------------

    @Test
    void otpLogin_toANewPhone_createsTheAccount() {
        String phone = newPhone();
        assertThat(api.post("/api/auth/otp/send", "{\"phone\":" + quote(phone) + "}").ok(202).path("status")
                .asText()).isEqualTo("code_sent");

        JsonNode tokens = api.post("/api/auth/otp/verify", "{\"phone\":" + quote(phone) + ",\"code\":"
                + quote(api.code(phone)) + "}").ok(200);

        assertTokenResponse(tokens);
        assertThat(tokens.path("user").path("phone").asText()).isEqualTo(phone);
        assertThat(tokens.path("user").path("phone_verified").asBoolean()).isTrue();
        assertThat(tokens.path("user").path("has_password").asBoolean()).as("an account made by a code login").isFalse();
        assertThat(api.get("/api/profile", tokens.path("access_token").asText()).ok(200).path("id").asText())
                .isEqualTo(tokens.path("user").path("id").asText());
    }

    @Test
    void otpLogin_byEmail_logsAnExistingAccountIn() {
        Account account = activeUser();
        api.post("/api/auth/otp/send", "{\"email\":" + quote(account.email()) + "}").ok(202);

        JsonNode tokens = api.post("/api/auth/otp/verify", "{\"email\":" + quote(account.email()) + ",\"code\":"
                + quote(api.code(account.email())) + "}").ok(200);

        assertThat(tokens.path("user").path("id").asText()).isEqualTo(account.id());
    }

    @Test
    void otpSend_answersByteForByteTheSameForExistingAndUnknownDestinations() {
        Account account = activeUser();

        Api.Reply existing = api.post("/api/auth/otp/send", "{\"phone\":" + quote(account.phone()) + "}");
        Api.Reply unknown = api.post("/api/auth/otp/send", "{\"phone\":" + quote(newPhone()) + "}");
        Api.Reply existingEmail = api.post("/api/auth/otp/send", "{\"email\":" + quote(account.email()) + "}");
        Api.Reply unknownEmail = api.post("/api/auth/otp/send", "{\"email\":" + quote(newEmail()) + "}");

        assertThat(existing.status()).isEqualTo(202);
        assertThat(List.of(unknown.status(), existingEmail.status(), unknownEmail.status())).containsOnly(202);
        assertThat(unknown.bytes()).isEqualTo(existing.bytes());
        assertThat(existingEmail.bytes()).isEqualTo(existing.bytes());
        assertThat(unknownEmail.bytes()).isEqualTo(existing.bytes());
        assertThat(unknown.contentType()).isEqualTo(existing.contentType());
    }

    @Test
    void otpVerify_withAWrongCode_isInvalidCode() {
        String phone = newPhone();
        api.post("/api/auth/otp/send", "{\"phone\":" + quote(phone) + "}").ok(202);
        String wrong = api.code(phone).equals("000000") ? "111111" : "000000";

        api.post("/api/auth/otp/verify", "{\"phone\":" + quote(phone) + ",\"code\":\"" + wrong + "\"}")
                .problem(401, "invalid_code");
    }

    @Test
    void otpSend_twiceInARow_isThrottledWithRetryAfter() {
        String phone = newPhone();
        api.post("/api/auth/otp/send", "{\"phone\":" + quote(phone) + "}").ok(202);

        Api.Reply again = api.post("/api/auth/otp/send", "{\"phone\":" + quote(phone) + "}");

        again.problem(429, "too_many_attempts");
        assertThat(Long.parseLong(again.header("Retry-After"))).isBetween(1L, 30L);
    }

    @Test
    void otpVerify_afterTooManyWrongCodes_answersLikeAWrongCodeAndTheCodeIsDead() {
        String phone = newPhone();
        api.post("/api/auth/otp/send", "{\"phone\":" + quote(phone) + "}").ok(202);
        String right = api.code(phone);
        String wrong = right.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 12; i++) {
            // Past the code's 5 tries and the destination's 10: a spent destination budget answers like a wrong code,
            // since only destinations with a live code can spend it (the per-address budget answers 429).
            api.post("/api/auth/otp/verify", "{\"phone\":" + quote(phone) + ",\"code\":\"" + wrong + "\"}")
                    .problem(401, "invalid_code");
        }

        api.post("/api/auth/otp/verify", "{\"phone\":" + quote(phone) + ",\"code\":\"" + right + "\"}")
                .problem(401, "invalid_code");
    }

    // ---- refresh and logout ------------------------------------------------------------------------------------------

    @Test
    void refresh_rotatesTheToken_andReuseRevokesTheWholeSession() {
        Account account = activeUser();
        String first = login(account).path("refresh_token").asText();

        JsonNode second = api.post("/api/auth/token/refresh", refreshBody(first)).ok(200);
        assertTokenResponse(second);
        String secondToken = second.path("refresh_token").asText();
        assertThat(secondToken).isNotEqualTo(first);

        api.post("/api/auth/token/refresh", refreshBody(first)).problem(401, "invalid_token");
        api.post("/api/auth/token/refresh", refreshBody(secondToken)).problem(401, "invalid_token");
    }

    @Test
    void refresh_withAnUnknownToken_isInvalidToken() {
        api.post("/api/auth/token/refresh", refreshBody("not-a-token")).problem(401, "invalid_token");
    }

    @Test
    void logout_endsTheSession() {
        Account account = activeUser();
        String refresh = login(account).path("refresh_token").asText();

        Api.Reply reply = api.post("/api/auth/logout", refreshBody(refresh));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.bytes()).isEmpty();
        api.post("/api/auth/token/refresh", refreshBody(refresh)).problem(401, "invalid_token");
    }

    @Test
    void logoutAll_endsEverySessionAndAccessToken() {
        Account account = activeUser();
        JsonNode one = login(account);
        JsonNode two = login(account);

        assertThat(api.post("/api/auth/logout-all", null, one.path("access_token").asText()).status())
                .isEqualTo(204);

        api.post("/api/auth/token/refresh", refreshBody(one.path("refresh_token").asText()))
                .problem(401, "invalid_token");
        api.post("/api/auth/token/refresh", refreshBody(two.path("refresh_token").asText()))
                .problem(401, "invalid_token");
        api.get("/api/profile", two.path("access_token").asText()).problem(401, "invalid_token");
    }

    // ---- password reset and change -----------------------------------------------------------------------------------

    @Test
    void passwordForgot_answersByteForByteTheSameForExistingAndUnknownAccounts() {
        Account account = activeUser();

        Api.Reply existing = api.post("/api/auth/password/forgot", "{\"email\":" + quote(account.email()) + "}");
        Api.Reply unknown = api.post("/api/auth/password/forgot", "{\"email\":" + quote(newEmail()) + "}");
        Api.Reply existingPhone = api.post("/api/auth/password/forgot", "{\"phone\":" + quote(account.phone()) + "}");
        Api.Reply unknownPhone = api.post("/api/auth/password/forgot", "{\"phone\":" + quote(newPhone()) + "}");

        assertThat(existing.status()).isEqualTo(202);
        assertThat(List.of(unknown.status(), existingPhone.status(), unknownPhone.status())).containsOnly(202);
        assertThat(unknown.bytes()).isEqualTo(existing.bytes());
        assertThat(existingPhone.bytes()).isEqualTo(existing.bytes());
        assertThat(unknownPhone.bytes()).isEqualTo(existing.bytes());
        assertThat(api.outbox(account.email())).hasSize(1);
    }

    @Test
    void passwordReset_withTheCode_setsTheNewPasswordAndRevokesEverySession() {
        Account account = activeUser();
        String oldRefresh = login(account).path("refresh_token").asText();
        api.post("/api/auth/password/forgot", "{\"email\":" + quote(account.email()) + "}").ok(202);
        String code = api.code(account.email());

        Api.Reply weak = api.post("/api/auth/password/reset", "{\"email\":" + quote(account.email()) + ",\"code\":"
                + quote(code) + ",\"new_password\":\"password\"}");
        assertThat(weak.problem(400, "weak_password").path("field").asText()).isEqualTo("new_password");

        Api.Reply reset = api.post("/api/auth/password/reset", "{\"email\":" + quote(account.email()) + ",\"code\":"
                + quote(code) + ",\"new_password\":" + quote(NEW_PASSWORD) + "}");

        assertThat(reset.status()).isEqualTo(204);
        api.post("/api/auth/token/refresh", refreshBody(oldRefresh)).problem(401, "invalid_token");
        api.post("/api/auth/login", credentials(account.email(), PASSWORD)).problem(401, "invalid_credentials");
        assertTokenResponse(api.post("/api/auth/login", credentials(account.email(), NEW_PASSWORD)).ok(200));
    }

    @Test
    void passwordReset_withAWrongCode_isInvalidCode() {
        Account account = activeUser();
        api.post("/api/auth/password/forgot", "{\"email\":" + quote(account.email()) + "}").ok(202);
        String wrong = api.code(account.email()).equals("000000") ? "111111" : "000000";

        api.post("/api/auth/password/reset", "{\"email\":" + quote(account.email()) + ",\"code\":\"" + wrong
                + "\",\"new_password\":" + quote(NEW_PASSWORD) + "}").problem(401, "invalid_code");
    }

    @Test
    void passwordChange_needsTheCurrentPassword_andRevokesOtherSessions() {
        Account account = activeUser();
        JsonNode mine = login(account);
        JsonNode other = login(account);
        String access = mine.path("access_token").asText();

        api.post("/api/auth/password/change", "{\"current_password\":\"Not-The-Password-1\",\"new_password\":"
                + quote(NEW_PASSWORD) + "}", access).problem(401, "invalid_credentials");
        assertThat(api.post("/api/auth/password/change", "{\"current_password\":" + quote(PASSWORD)
                + ",\"new_password\":\"password\"}", access).problem(400, "weak_password").path("field").asText())
                .isEqualTo("new_password");
        Api.Reply changed = api.post("/api/auth/password/change", "{\"current_password\":" + quote(PASSWORD)
                + ",\"new_password\":" + quote(NEW_PASSWORD) + "}", access);

        assertThat(changed.status()).isEqualTo(204);
        api.post("/api/auth/token/refresh", refreshBody(other.path("refresh_token").asText()))
                .problem(401, "invalid_token");
        api.post("/api/auth/token/refresh", refreshBody(mine.path("refresh_token").asText())).ok(200);
        assertTokenResponse(api.post("/api/auth/login", credentials(account.email(), NEW_PASSWORD)).ok(200));
    }

    // ---- sessions ----------------------------------------------------------------------------------------------------

    @Test
    void sessions_listsTheCallersSessions_andRevokesOne() {
        Account account = activeUser();
        JsonNode mine = login(account);
        JsonNode other = login(account);
        String access = mine.path("access_token").asText();

        JsonNode sessions = api.get("/api/auth/sessions", access).ok(200).path("sessions");

        assertThat(sessions).hasSize(2);
        List<String> otherIds = new ArrayList<>();
        int current = 0;
        for (JsonNode s : sessions) {
            assertThat(s.has("id") && s.has("created_at") && s.has("last_used_at") && s.has("expires_at")).isTrue();
            if (s.path("current").asBoolean()) {
                current++;
            } else {
                otherIds.add(s.path("id").asText());
            }
        }
        assertThat(current).isEqualTo(1);
        assertThat(api.delete("/api/auth/sessions/" + otherIds.get(0), null, access).status()).isEqualTo(204);
        api.post("/api/auth/token/refresh", refreshBody(other.path("refresh_token").asText()))
                .problem(401, "invalid_token");
        assertThat(api.get("/api/auth/sessions", access).ok(200).path("sessions")).hasSize(1);
    }

    @Test
    void sessions_revokingAnotherUsersSession_isNotFound() {
        JsonNode someoneElse = login(activeUser());
        String theirSession = api.get("/api/auth/sessions", someoneElse.path("access_token").asText()).ok(200)
                .path("sessions").get(0).path("id").asText();
        String access = login(activeUser()).path("access_token").asText();

        api.delete("/api/auth/sessions/" + theirSession, null, access).problem(404, "not_found");
        api.post("/api/auth/token/refresh", refreshBody(someoneElse.path("refresh_token").asText())).ok(200);
    }

    // ---- profile -----------------------------------------------------------------------------------------------------

    @Test
    void profile_get_showsTheUser() {
        Account account = activeUser();

        JsonNode user = api.get("/api/profile", login(account).path("access_token").asText()).ok(200);

        assertUserShape(user);
        assertThat(user.path("id").asText()).isEqualTo(account.id());
        assertThat(user.path("email").asText()).isEqualTo(account.email());
        assertThat(user.path("phone").asText()).isEqualTo(account.phone());
    }

    @Test
    void profile_patch_mergesAndRemovesFields() {
        String access = login(activeUser()).path("access_token").asText();

        JsonNode merged = api.patch("/api/profile", "{\"company\":\"Example Corp\",\"city\":\"Oslo\"}", access)
                .ok(200);
        assertThat(merged.path("profile").path("company").asText()).isEqualTo("Example Corp");
        assertThat(merged.path("profile").path("city").asText()).isEqualTo("Oslo");

        JsonNode removed = api.patch("/api/profile", "{\"profile\":{\"city\":null,\"name\":\"John Doe\"}}", access)
                .ok(200);
        assertThat(removed.path("profile").has("city")).isFalse();
        assertThat(removed.path("profile").path("name").asText()).isEqualTo("John Doe");
        assertThat(api.get("/api/profile", access).ok(200).path("profile").path("company").asText())
                .isEqualTo("Example Corp");
    }

    @Test
    void profile_patch_withAWrongTypeOrAContactField_namesTheField() {
        String access = login(activeUser()).path("access_token").asText();

        assertThat(api.patch("/api/profile", "{\"city\":5}", access).problem(400, "validation_failed")
                .path("field").asText()).isEqualTo("city");
        assertThat(api.patch("/api/profile", "{\"email\":\"x@example.com\"}", access)
                .problem(400, "validation_failed").path("field").asText()).isEqualTo("email");
        assertThat(api.patch("/api/profile", "{\"roles\":\"admin\"}", access)
                .problem(400, "validation_failed").path("field").asText()).isEqualTo("roles");
    }

    @Test
    void profile_delete_needsThePassword_andThenTheTokensStopWorking() {
        Account account = activeUser();
        JsonNode tokens = login(account);
        String access = tokens.path("access_token").asText();

        api.delete("/api/profile", "{\"password\":\"Not-The-Password-1\"}", access).problem(401, "invalid_credentials");
        Api.Reply deleted = api.delete("/api/profile", "{\"password\":" + quote(PASSWORD) + "}", access);

        assertThat(deleted.status()).isEqualTo(204);
        Api.Reply after = api.get("/api/profile", access);
        after.problem(401, "invalid_token");
        assertThat(after.header("WWW-Authenticate")).startsWith("Bearer");
        api.post("/api/auth/token/refresh", refreshBody(tokens.path("refresh_token").asText()))
                .problem(401, "invalid_token");
        api.post("/api/auth/login", credentials(account.email(), PASSWORD)).problem(401, "invalid_credentials");
    }

    @Test
    void profile_delete_withACodeInsteadOfAPassword_checksTheCode() {
        String phone = newPhone();
        api.post("/api/auth/otp/send", "{\"phone\":" + quote(phone) + "}").ok(202);
        JsonNode tokens = api.post("/api/auth/otp/verify", "{\"phone\":" + quote(phone) + ",\"code\":"
                + quote(api.code(phone)) + "}").ok(200);
        String access = tokens.path("access_token").asText();

        api.delete("/api/profile", "{\"phone\":" + quote(phone) + ",\"code\":\"000000\"}", access)
                .problem(401, "invalid_code");
        api.delete("/api/profile", "{}", access).problem(400, "validation_failed");
        api.get("/api/profile", access).ok(200);
    }

    @Test
    void profileEmail_changesTheEmailOnceTheNewOneIsConfirmed() {
        String oldEmail = newEmail();
        api.post("/api/auth/register", credentials(oldEmail, PASSWORD)).ok(202);
        String access = api.post("/api/auth/register/verify", "{\"email\":" + quote(oldEmail) + ",\"code\":"
                + quote(api.code(oldEmail)) + "}").ok(200).path("access_token").asText();
        String newEmail = newEmail();

        assertThat(api.post("/api/profile/email", "{\"email\":" + quote(newEmail) + "}", access).ok(202)
                .path("status").asText()).isEqualTo("verification_sent");
        String code = api.code(newEmail);
        String wrong = code.equals("000000") ? "111111" : "000000";
        api.post("/api/profile/email/verify", "{\"email\":" + quote(newEmail) + ",\"code\":\"" + wrong + "\"}",
                access).problem(401, "invalid_code");
        JsonNode user = api.post("/api/profile/email/verify", "{\"email\":" + quote(newEmail) + ",\"code\":"
                + quote(code) + "}", access).ok(200);

        assertUserShape(user);
        assertThat(user.path("email").asText()).isEqualTo(newEmail);
        assertThat(user.path("email_verified").asBoolean()).isTrue();
        assertTokenResponse(api.post("/api/auth/login", credentials(newEmail, PASSWORD)).ok(200));
        JsonNode oldOutbox = api.outbox(oldEmail);
        assertThat(oldOutbox).hasSize(2);
        assertThat(oldOutbox.get(0).path("purpose").asText()).isEqualTo("contact_changed_notice");
        assertThat(oldOutbox.get(1).path("purpose").asText()).isEqualTo("verify_email");
    }

    @Test
    void profilePhone_setsAPhoneOnceConfirmed() {
        Account account = activeUser();
        String access = login(account).path("access_token").asText();
        String phone = newPhone();

        api.post("/api/profile/phone", "{\"phone\":" + quote(phone) + "}", access).ok(202);
        JsonNode user = api.post("/api/profile/phone/verify", "{\"phone\":" + quote(phone) + ",\"code\":"
                + quote(api.code(phone)) + "}", access).ok(200);

        assertThat(user.path("phone").asText()).isEqualTo(phone);
        assertThat(user.path("phone_verified").asBoolean()).isTrue();
        assertThat(api.outbox(account.phone()).get(0).path("purpose").asText()).isEqualTo("contact_changed_notice");
    }

    @Test
    void profileEmail_withABadEmail_namesTheField() {
        String access = login(activeUser()).path("access_token").asText();

        assertThat(api.post("/api/profile/email", "{\"email\":\"not-an-email\"}", access)
                .problem(400, "validation_failed").path("field").asText()).isEqualTo("email");
    }

    // ---- customers ---------------------------------------------------------------------------------------------------

    @Test
    void customers_areScopedToTheirOwner() {
        String alice = login(activeUser()).path("access_token").asText();
        String bob = login(activeUser()).path("access_token").asText();

        Api.Reply created = api.post("/api/customers", "{\"name\":\"Acme\",\"contact\":\"+14155550100\","
                + "\"address\":\"1 Main St\"}", alice);
        JsonNode customer = created.ok(201);
        assertThat(customer.path("id").asText()).isNotBlank();
        assertThat(customer.path("name").asText()).isEqualTo("Acme");
        assertThat(customer.path("contact").asText()).isEqualTo("+14155550100");
        assertThat(customer.path("address").asText()).isEqualTo("1 Main St");
        assertThat(customer.path("created_at").asText()).isNotBlank();
        api.post("/api/customers", "{\"name\":\"Globex\",\"address\":\"2 Side St\"}", alice).ok(201);
        api.post("/api/customers", "{\"name\":\"Initech\",\"address\":\"3 Back St\"}", bob).ok(201);

        JsonNode aliceList = api.get("/api/customers", alice).ok(200).path("customers");
        JsonNode bobList = api.get("/api/customers", bob).ok(200).path("customers");

        assertThat(aliceList).extracting(n -> n.path("name").asText()).containsExactly("Acme", "Globex");
        assertThat(bobList).extracting(n -> n.path("name").asText()).containsExactly("Initech");
    }

    @Test
    void customers_needAnAddressAndAToken() {
        String access = login(activeUser()).path("access_token").asText();

        assertThat(api.post("/api/customers", "{\"name\":\"Acme\"}", access).problem(400, "validation_failed")
                .path("field").asText()).isEqualTo("address");
        assertThat(api.post("/api/customers", "{\"address\":42}", access).problem(400, "validation_failed")
                .path("field").asText()).isEqualTo("address");
        api.get("/api/customers").problem(401, "invalid_token");
        api.post("/api/customers", "{\"address\":\"1 Main St\"}", null).problem(401, "invalid_token");
    }

    // ---- admin -------------------------------------------------------------------------------------------------------

    @Test
    void adminUsers_isForbiddenWithoutTheAdminRole_andListsUsersWithIt() {
        Account account = activeUser();
        String userToken = login(account).path("access_token").asText();
        api.get("/api/admin/users", userToken).problem(403, "forbidden");

        app.authService().accounts().setRoles(account.id(), Set.of("user", "admin"));
        JsonNode adminLogin = login(account);
        JsonNode users = api.get("/api/admin/users?limit=500", adminLogin.path("access_token").asText()).ok(200)
                .path("users");

        assertThat(adminLogin.path("user").path("roles").toString()).isEqualTo("[\"admin\",\"user\"]");
        assertThat(users).extracting(u -> u.path("id").asText()).contains(account.id());
        assertUserShape(users.get(0));
        assertThat(api.get("/api/admin/users?limit=abc", adminLogin.path("access_token").asText())
                .problem(400, "validation_failed").path("field").asText()).isEqualTo("limit");
    }

    // ---- Bearer tokens -----------------------------------------------------------------------------------------------

    @Test
    void protectedRoutes_withoutABearerToken_are401WithAChallenge() {
        for (String path : List.of("/api/profile", "/api/auth/sessions", "/api/customers", "/api/admin/users")) {
            Api.Reply reply = api.get(path);
            reply.problem(401, "invalid_token");
            assertThat(reply.header("WWW-Authenticate")).as(path).startsWith("Bearer");
        }
        Api.Reply logoutAll = api.post("/api/auth/logout-all", null);
        logoutAll.problem(401, "invalid_token");
        assertThat(logoutAll.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void protectedRoutes_withAForgedOrForeignToken_are401() {
        Api.Reply forged = api.get("/api/profile", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        forged.problem(401, "invalid_token");
        assertThat(forged.header("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
        api.get("/api/profile", "Basic dXNlcjpwYXNz").problem(401, "invalid_token");
        String refreshToken = login(activeUser()).path("refresh_token").asText();
        api.get("/api/profile", refreshToken).problem(401, "invalid_token");
    }

    // ---- input validation and errors ---------------------------------------------------------------------------------

    @Test
    void malformedJson_isValidationFailedOnTheBody() {
        for (String body : List.of("{\"email\":", "[1,2]", "\"text\"", "", "{\"a\":1}{", "{\"email\":\"a@b.co\","
                + "\"email\":\"c@d.co\"}")) {
            Api.Reply reply = api.post("/api/auth/login", body);
            assertThat(reply.problem(400, "validation_failed").path("field").asText()).as(body).isEqualTo("body");
        }
    }

    @Test
    void wrongTypes_nameTheField() {
        assertThat(api.post("/api/auth/login", "{\"email\":42,\"password\":\"x\"}")
                .problem(400, "validation_failed").path("field").asText()).isEqualTo("email");
        assertThat(api.post("/api/auth/login", "{\"email\":\"a@example.com\",\"password\":true}")
                .problem(400, "validation_failed").path("field").asText()).isEqualTo("password");
        assertThat(api.post("/api/auth/otp/verify", "{\"phone\":\"+14155552671\",\"code\":123456}")
                .problem(400, "validation_failed").path("field").asText()).isEqualTo("code");
        assertThat(api.post("/api/auth/token/refresh", "{\"refresh_token\":[\"x\"]}")
                .problem(400, "validation_failed").path("field").asText()).isEqualTo("refresh_token");
        assertThat(api.post("/api/auth/register", "{\"email\":\"a@example.com\",\"password\":" + quote(PASSWORD)
                + ",\"profile\":{\"age\":30}}").problem(400, "validation_failed").path("field").asText())
                .isEqualTo("profile.age");
    }

    @Test
    void badDestinations_nameTheField() {
        assertThat(api.post("/api/auth/otp/send", "{\"email\":\"not an email\"}")
                .problem(400, "validation_failed").path("field").asText()).isEqualTo("email");
        assertThat(api.post("/api/auth/otp/send", "{\"phone\":\"12ab\"}")
                .problem(400, "validation_failed").path("field").asText()).isEqualTo("phone");
        assertThat(api.post("/api/auth/password/forgot", "{}")
                .problem(400, "validation_failed").path("field").asText()).isEqualTo("email");
        assertThat(api.post("/api/auth/register", "{\"phone\":\"+1\",\"password\":" + quote(PASSWORD) + "}")
                .problem(400, "validation_failed").path("field").asText()).isEqualTo("phone");
    }

    @Test
    void oversizedBodies_areRefused() {
        String big = "{\"email\":\"" + "a".repeat(LatchkeyApi.MAX_BODY_BYTES) + "@example.com\",\"password\":\"x\"}";

        Api.Reply withLength = api.post("/api/auth/login", big);
        Api.Reply chunked = api.send(HttpRequest.newBuilder(api.uri("/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        big.getBytes(StandardCharsets.UTF_8))))
                .build());

        withLength.problem(413, "payload_too_large");
        chunked.problem(413, "payload_too_large");
    }

    @Test
    void unknownRoutes_are404Problems() {
        api.get("/api/nothing-here").problem(404, "not_found");
        api.post("/api/auth/nothing", "{}").problem(404, "not_found");
        api.send("PUT", "/api/profile", "{}", null).problem(404, "not_found");
    }

    @Test
    void malformedRequests_refusedByJettyItself_areProblemsToo() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.getOutputStream().write("GET /api/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/problem+json");
            assertThat(response).contains("\"code\":\"validation_failed\"").doesNotContain("<html");
        }
    }

    // ---- system routes -----------------------------------------------------------------------------------------------

    @Test
    void health_isOkWhileTheDatabaseAnswers() {
        assertThat(api.get("/health").ok(200).path("status").asText()).isEqualTo("ok");
    }

    @Test
    void jwks_publishesTheRsaKeyThatAForeignVerifierAcceptsTokensWith() throws Exception {
        Api.Reply reply = api.get("/.well-known/jwks.json");
        assertThat(reply.header("Cache-Control")).contains("max-age=");
        com.nimbusds.jose.jwk.JWKSet set = com.nimbusds.jose.jwk.JWKSet.parse(reply.ok(200).toString());
        assertThat(set.getKeys()).isNotEmpty().allSatisfy(k -> {
            assertThat(k.getKeyType()).isEqualTo(com.nimbusds.jose.jwk.KeyType.RSA);
            assertThat(k.isPrivate()).isFalse();
        });

        String accessToken = login(activeUser()).path("access_token").asText();
        com.nimbusds.jwt.proc.DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext> foreign =
                new com.nimbusds.jwt.proc.DefaultJWTProcessor<>();
        foreign.setJWSTypeVerifier(new com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier<>(
                new com.nimbusds.jose.JOSEObjectType("at+jwt")));
        foreign.setJWSKeySelector(new com.nimbusds.jose.proc.JWSVerificationKeySelector<>(
                com.nimbusds.jose.JWSAlgorithm.RS256, new com.nimbusds.jose.jwk.source.ImmutableJWKSet<>(set)));
        assertThat(foreign.process(accessToken, null).getSubject()).isNotBlank();
    }

    @Test
    void devOutbox_showsMessagesNewestFirst_withTheDocumentedFields() {
        Account account = activeUser();
        api.post("/api/auth/otp/send", "{\"phone\":" + quote(account.phone()) + "}").ok(202);

        JsonNode messages = api.get("/dev/outbox?to=" + account.phone().replace("+", "%2B")).ok(200)
                .path("messages");
        JsonNode unencodedPlus = api.get("/dev/outbox?to=" + account.phone()).ok(200).path("messages");

        assertThat(messages).hasSize(1);
        JsonNode m = messages.get(0);
        assertThat(m.fieldNames()).toIterable().containsExactly("to", "purpose", "text", "sent_at");
        assertThat(m.path("to").asText()).isEqualTo(account.phone());
        assertThat(m.path("purpose").asText()).isEqualTo("login");
        assertThat(Api.codeIn(m.path("text").asText())).hasSize(6);
        assertThat(unencodedPlus).isEqualTo(messages);
        assertThat(api.get("/dev/outbox").problem(400, "validation_failed").path("field").asText()).isEqualTo("to");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    /** An account made directly through the service: active, with an email and a phone, and no code sent yet. */
    record Account(String id, String email, String phone) {
    }

    Account activeUser() {
        String email = newEmail();
        String phone = newPhone();
        User user = app.authService().accounts().register(Registration.newBuilder().email(email).phone(phone).password(PASSWORD)
                .build());
        return new Account(user.id(), email, phone);
    }

    JsonNode login(Account account) {
        return api.post("/api/auth/login", credentials(account.email(), PASSWORD)).ok(200);
    }

    String newEmail() {
        return "user" + sequence.incrementAndGet() + "." + run + "@example.com";
    }

    String newPhone() {
        return String.format("+1415555%04d", (phoneBase + sequence.incrementAndGet()) % 10000);
    }

    static String credentials(String email, String password) {
        return "{\"email\":" + quote(email) + ",\"password\":" + quote(password) + "}";
    }

    static String refreshBody(String refreshToken) {
        return "{\"refresh_token\":" + quote(refreshToken) + "}";
    }

    static void assertTokenResponse(JsonNode tokens) {
        // device_token only after a password login (DeviceTokenHttpTest checks when).
        assertThat(tokens.fieldNames()).toIterable().containsExactlyElementsOf(tokens.has("device_token")
                ? List.of("access_token", "token_type", "expires_in", "refresh_token", "device_token", "user")
                : List.of("access_token", "token_type", "expires_in", "refresh_token", "user"));
        assertThat(tokens.path("access_token").asText()).isNotBlank();
        assertThat(tokens.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.path("expires_in").isIntegralNumber()).isTrue();
        assertThat(tokens.path("expires_in").asLong()).isBetween(60L, 901L);
        assertThat(tokens.path("refresh_token").asText()).isNotBlank();
        assertUserShape(tokens.path("user"));
    }

    static void assertUserShape(JsonNode user) {
        assertThat(user.fieldNames()).toIterable().containsExactly("id", "email", "phone", "email_verified",
                "phone_verified", "roles", "profile", "created_at", "has_password");
        assertThat(user.path("roles").isArray()).isTrue();
        assertThat(user.path("profile").isObject()).isTrue();
        assertThat(user.path("email_verified").isBoolean()).isTrue();
        assertThat(user.path("has_password").isBoolean()).isTrue();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
