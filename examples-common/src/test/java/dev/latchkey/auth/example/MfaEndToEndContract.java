package dev.latchkey.auth.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.User;
import dev.latchkey.auth.http.LatchkeyApi;
import dev.latchkey.auth.testkit.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.latchkey.auth.example.Api.quote;
import static dev.latchkey.auth.example.EndToEndContract.assertTokenResponse;
import static dev.latchkey.auth.example.EndToEndContract.credentials;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's HTTP contract over real HTTP, written once and run per database: second steps on every primary route,
 * TOTP and recovery codes, codes by SMS and email as a second factor, step-up and re-authentication, the three
 * policies, an admin's reset, the budgets of wrong answers and bad input.
 *
 * <p>Every app of a class shares one database and one {@link TestClock}; TOTP codes are computed here from the secret
 * the app returned, at that clock ({@link Totp}, not auth-totp's code). Each code is taken after moving the clock to
 * the next 30-second step, since a step once accepted is never accepted again for that user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MfaEndToEndContract {
    static final String PASSWORD = "Vivid-Otter-Lantern-42";
    static final String STEP_UP_CHALLENGE = "Bearer error=\"insufficient_user_authentication\", max_age=\"600\"";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger sequence = new AtomicInteger();
    private final String run = HexFormat.of().formatHex(randomBytes(3));
    private final int phoneBase = RANDOM.nextInt(9000);
    private final List<ExampleHost> apps = new ArrayList<>();
    final TestClock clock = new TestClock(Instant.now());
    private Path dataDir;
    private Map<String, String> env;
    private ExampleHost required;
    private ExampleHost roles;
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
        dataDir = Files.createTempDirectory("latchkey-mfa-e2e");
        env = environment(dataDir);
        app = start("optional");
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

    /** One more app over the class's database (and master key, in its data directory) with this policy. */
    ExampleHost start(String policy) {
        return start(Map.of("AUTH_MFA_POLICY", policy));
    }

    /** One more app over the class's database with these settings besides the class's own. */
    ExampleHost start(Map<String, String> overrides) {
        Map<String, String> e = new HashMap<>(env);
        e.putAll(overrides);
        Settings settings = Settings.fromEnvironment(e).withTablePrefix(tablePrefix());
        ExampleHost started = ExampleHost.start(settings, config -> config.clock(clock).codes(DeliverySettings.codes(settings)
                .sendsPerAddressPerHour(1000).failuresPerAddressPerHour(1000).build()));
        apps.add(started);
        return started;
    }

    private ExampleHost requiredApp() {
        if (required == null) {
            required = start("required");
        }
        return required;
    }

    private ExampleHost rolesApp() {
        if (roles == null) {
            roles = start("roles:admin,ops");
        }
        return roles;
    }

    // ---- enrolment, listing and the second step of a password login ------------------------------------------------

    @Test
    void totp_enrolWithBearer_confirm_thenPasswordLoginAsksForIt_andMfaVerifyGivesTokensWithBothFactors() {
        Account account = activeUser();
        String access = login(account).path("access_token").asText();
        JsonNode status = api.get("/api/auth/mfa", access).ok(200);
        assertThat(status.fieldNames()).toIterable().containsExactly("factors", "recovery_codes_left", "required");
        assertThat(status.path("factors")).isEmpty();
        assertThat(status.path("recovery_codes_left").asInt()).isZero();
        assertThat(status.path("required").asBoolean()).isFalse();

        JsonNode enrollment = api.post("/api/auth/mfa/totp", null, access).ok(200);
        assertThat(enrollment.fieldNames()).toIterable().containsExactly("secret", "otpauth_uri", "qr_svg");
        String secret = enrollment.path("secret").asText();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(enrollment.path("otpauth_uri").asText()).startsWith("otpauth://totp/")
                .contains("secret=" + secret, "issuer=");
        assertThat(enrollment.path("qr_svg").asText()).startsWith("<svg").endsWith("</svg>");
        // Nothing is active before the confirmation: the login still gives tokens.
        assertThat(api.get("/api/auth/mfa", access).ok(200).path("factors")).isEmpty();
        assertTokenResponse(login(account));

        JsonNode confirmed = api.post("/api/auth/mfa/totp/confirm", "{\"code\":" + quote(nextCode(secret)) + "}",
                access).ok(200);
        assertThat(confirmed.fieldNames()).toIterable().containsExactly("recovery_codes");
        List<String> recovery = strings(confirmed.path("recovery_codes"));
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates().allSatisfy(c -> assertThat(c).matches("[a-z0-9-]{10,}"));

        status = api.get("/api/auth/mfa", access).ok(200);
        assertThat(status.path("factors")).singleElement().satisfies(f -> {
            assertThat(f.fieldNames()).toIterable().containsExactly("type", "created_at", "last_used_at");
            assertThat(f.path("type").asText()).isEqualTo("totp");
            assertThat(Instant.parse(f.path("created_at").asText())).isBeforeOrEqualTo(clock.instant());
        });
        assertThat(status.path("recovery_codes_left").asInt()).isEqualTo(10);

        Api.Reply step = api.post("/api/auth/login", credentials(account.email(), PASSWORD));
        JsonNode challenge = step.ok(200);
        assertSecondStep(challenge, "totp", "recovery_code");
        assertThat(step.header("Set-Cookie")).isNull();

        Api.Reply verified = api.post("/api/auth/mfa/verify", verifyBody(challenge, "totp", nextCode(secret)));
        JsonNode tokens = verified.ok(200);
        assertTokenResponse(tokens);
        assertThat(tokens.has("device_token")).isTrue();
        assertThat(verified.header("Set-Cookie")).startsWith(LatchkeyApi.DEVICE_COOKIE + "=");
        assertThat(strings(claims(tokens).path("amr"))).contains("pwd", "otp", "mfa");
        assertThat(api.get("/api/profile", tokens.path("access_token").asText()).ok(200).path("id").asText())
                .isEqualTo(account.id());
        assertThat(Instant.parse(api.get("/api/auth/mfa", access).ok(200).path("factors").get(0)
                .path("last_used_at").asText())).isAfter(Instant.parse(status.path("factors").get(0)
                .path("created_at").asText()));
        // The challenge is used up.
        api.post("/api/auth/mfa/verify", verifyBody(challenge, "totp", nextCode(secret))).problem(401, "invalid_token");
        assertThat(app.auditLog().recentForUser(account.id(), 50)).extracting(e -> e.type().name())
                .contains("TOTP_ENROLLED", "RECOVERY_CODES_GENERATED", AuthEventType.SECOND_FACTOR_REQUIRED.name(),
                        AuthEventType.SECOND_FACTOR_SUCCEEDED.name());
    }

    @Test
    void otpVerify_ofAUserWithTotp_asksForTheSecondStep_andARecoveryCodeAnswersIt() {
        Account account = activeUser();
        Enrolled enrolled = enrolTotp(account);
        api.post("/api/auth/otp/send", "{\"email\":" + quote(account.email()) + "}").ok(202);

        JsonNode challenge = api.post("/api/auth/otp/verify", "{\"email\":" + quote(account.email()) + ",\"code\":"
                + quote(api.code(account.email())) + "}").ok(200);

        // The code already passed is not offered again as the second factor.
        assertSecondStep(challenge, "totp", "recovery_code");
        assertThat(strings(challenge.path("factors"))).doesNotContain("email", "sms");
        JsonNode tokens = api.post("/api/auth/mfa/verify", verifyBody(challenge, "recovery_code",
                enrolled.recoveryCodes().get(3))).ok(200);
        assertTokenResponse(tokens);
        assertThat(tokens.has("device_token")).isFalse();
        assertThat(strings(claims(tokens).path("amr"))).contains("otp", "mfa");
        assertThat(api.get("/api/auth/mfa", tokens.path("access_token").asText()).ok(200)
                .path("recovery_codes_left").asInt()).isEqualTo(9);
        assertThat(app.auditLog().recentForUser(account.id(), 50)).extracting(e -> e.type().name())
                .contains("RECOVERY_CODE_USED");
        // The login by code proved the email, which hears of the code's use.
        assertThat(api.outbox(account.email()).get(0).path("purpose").asText()).isEqualTo("recovery_code_used_notice");
    }

    @Test
    void registerVerify_underTheRequiredPolicy_asksForEnrolment_whichTheChallengeAloneCompletes() {
        Api required = new Api(requiredApp().port());
        String email = newEmail();
        required.post("/api/auth/register", credentials(email, PASSWORD)).ok(202);

        JsonNode step = required.post("/api/auth/register/verify", "{\"email\":" + quote(email) + ",\"code\":"
                + quote(required.code(email)) + "}").ok(200);

        assertEnrollmentStep(step);
        String challenge = step.path("challenge").asText();
        // The enrolment challenge is no second step, and nothing is enrolled until a code confirms it.
        required.post("/api/auth/mfa/verify", "{\"challenge\":" + quote(challenge)
                + ",\"factor\":\"totp\",\"code\":\"123456\"}").problem(401, "invalid_token");
        JsonNode enrollment = required.post("/api/auth/mfa/totp", "{\"challenge\":" + quote(challenge) + "}").ok(200);
        String secret = enrollment.path("secret").asText();
        required.post("/api/auth/mfa/totp/confirm", "{\"challenge\":" + quote(challenge) + ",\"code\":"
                + quote(wrongCode(secret)) + "}").problem(401, "invalid_code");

        JsonNode tokens = required.post("/api/auth/mfa/totp/confirm", "{\"challenge\":" + quote(challenge)
                + ",\"code\":" + quote(nextCode(secret)) + "}").ok(200);

        assertThat(tokens.fieldNames()).toIterable().containsExactly("access_token", "token_type", "expires_in",
                "refresh_token", "user", "recovery_codes");
        assertThat(tokens.path("recovery_codes")).hasSize(10);
        assertThat(tokens.path("user").path("email").asText()).isEqualTo(email);
        assertThat(strings(claims(tokens).path("amr"))).contains("otp", "mfa");
        // Single use: the challenge neither enrols nor completes again.
        required.post("/api/auth/mfa/totp", "{\"challenge\":" + quote(challenge) + "}").problem(401, "invalid_token");
        String access = tokens.path("access_token").asText();
        JsonNode status = required.get("/api/auth/mfa", access).ok(200);
        assertThat(status.path("required").asBoolean()).isTrue();
        assertThat(status.path("factors")).hasSize(1);
        // The last factor under a required policy cannot go.
        JsonNode refused = required.delete("/api/auth/mfa/totp", null, access).problem(403, "forbidden");
        assertThat(refused.path("reason").asText()).isEqualTo("second_factor_required");
        // The registration proved the email, so a code to it is a second factor too.
        assertSecondStep(required.post("/api/auth/login", credentials(email, PASSWORD)).ok(200), "totp",
                "recovery_code", "email");
    }

    @Test
    void passwordLogin_underTheRequiredPolicy_withoutAFactor_enrolsThenLogsIn() {
        Account account = activeUser();
        Api required = new Api(requiredApp().port());

        JsonNode step = required.post("/api/auth/login", credentials(account.email(), PASSWORD)).ok(200);

        assertEnrollmentStep(step);
        String challenge = step.path("challenge").asText();
        String secret = required.post("/api/auth/mfa/totp", "{\"challenge\":" + quote(challenge) + "}").ok(200)
                .path("secret").asText();
        Api.Reply done = required.post("/api/auth/mfa/totp/confirm", "{\"challenge\":" + quote(challenge)
                + ",\"code\":" + quote(nextCode(secret)) + "}");
        JsonNode tokens = done.ok(200);
        assertThat(tokens.path("device_token").asText()).isNotBlank();
        assertThat(done.header("Set-Cookie")).startsWith(LatchkeyApi.DEVICE_COOKIE + "=");
        assertThat(strings(claims(tokens).path("amr"))).contains("pwd", "otp", "mfa");
        // Under the optional policy, the same account now has a second step too: the factor is the account's.
        assertSecondStep(api.post("/api/auth/login", credentials(account.email(), PASSWORD)).ok(200), "totp",
                "recovery_code");
    }

    @Test
    void rolesPolicy_requiresASecondFactorOfAdminsOnly() {
        Api roles = new Api(rolesApp().port());
        Account user = activeUser();
        Account admin = activeUser();
        app.authService().accounts().setRoles(admin.id(), Set.of("user", "admin"));

        JsonNode userTokens = roles.post("/api/auth/login", credentials(user.email(), PASSWORD)).ok(200);
        JsonNode adminStep = roles.post("/api/auth/login", credentials(admin.email(), PASSWORD)).ok(200);

        assertTokenResponse(userTokens);
        assertThat(roles.get("/api/auth/mfa", userTokens.path("access_token").asText()).ok(200)
                .path("required").asBoolean()).isFalse();
        assertEnrollmentStep(adminStep);
        // Optional everywhere else: the admin logs in there with the password alone.
        assertTokenResponse(api.post("/api/auth/login", credentials(admin.email(), PASSWORD)).ok(200));
    }

    @Test
    void optionalPolicy_asksNothingOfUsersWithoutAFactor() {
        Account account = activeUser();

        JsonNode tokens = login(account);

        assertTokenResponse(tokens);
        assertThat(strings(claims(tokens).path("amr"))).containsExactly("pwd");
        assertThat(api.get("/api/auth/mfa", tokens.path("access_token").asText()).ok(200).path("required")
                .asBoolean()).isFalse();
    }

    // ---- codes by SMS and email as the second factor ------------------------------------------------------------------

    @Test
    void smsAndEmail_areSecondFactorsThroughMfaSend_forProvedContacts() {
        String phone = newPhone();
        api.post("/api/auth/register", "{\"phone\":" + quote(phone) + ",\"password\":" + quote(PASSWORD) + "}")
                .ok(202);
        JsonNode registered = api.post("/api/auth/register/verify", "{\"phone\":" + quote(phone) + ",\"code\":"
                + quote(api.code(phone)) + "}").ok(200);
        enrolTotp(registered.path("access_token").asText());
        clock.advance(Duration.ofSeconds(31)); // past the code cooldown of the phone

        JsonNode step = api.post("/api/auth/login", "{\"phone\":" + quote(phone) + ",\"password\":" + quote(PASSWORD)
                + "}").ok(200);
        assertSecondStep(step, "totp", "recovery_code", "sms");
        Api.Reply sent = api.post("/api/auth/mfa/send", "{\"challenge\":" + quote(step.path("challenge").asText())
                + ",\"factor\":\"sms\"}");

        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.body()).isEqualTo("{\"status\":\"code_sent\"}");
        JsonNode message = api.outbox(phone).get(0);
        assertThat(message.path("purpose").asText()).isEqualTo("second_factor");
        String code = Api.codeIn(message.path("text").asText());
        assertField(api.post("/api/auth/mfa/verify", verifyBody(step, "sms", "12ab56")), "code");
        // A code for the second step works for nothing else.
        api.post("/api/auth/otp/verify", "{\"phone\":" + quote(phone) + ",\"code\":" + quote(code) + "}")
                .problem(401, "invalid_code");
        api.post("/api/auth/mfa/send", "{\"challenge\":" + quote(step.path("challenge").asText())
                + ",\"factor\":\"email\"}").problem(400, "validation_failed");
        JsonNode tokens = api.post("/api/auth/mfa/verify", verifyBody(step, "sms", code)).ok(200);
        assertThat(strings(claims(tokens).path("amr"))).contains("pwd", "sms", "mfa");

        String email = newEmail();
        api.post("/api/auth/register", credentials(email, PASSWORD)).ok(202);
        enrolTotp(api.post("/api/auth/register/verify", "{\"email\":" + quote(email) + ",\"code\":"
                + quote(api.code(email)) + "}").ok(200).path("access_token").asText());
        clock.advance(Duration.ofSeconds(31));
        JsonNode emailStep = api.post("/api/auth/login", credentials(email, PASSWORD)).ok(200);
        assertSecondStep(emailStep, "totp", "recovery_code", "email");
        api.post("/api/auth/mfa/send", "{\"challenge\":" + quote(emailStep.path("challenge").asText())
                + ",\"factor\":\"email\"}").ok(202);
        assertThat(strings(claims(api.post("/api/auth/mfa/verify", verifyBody(emailStep, "email",
                api.code(email))).ok(200)).path("amr"))).contains("pwd", "otp", "mfa");
    }

    // ---- step-up ------------------------------------------------------------------------------------------------------

    @Test
    void stepUp_afterMaxAge_sensitiveRoutesAre401WithTheChallenge_untilReauthenticateWithTotp() {
        Account account = activeUser();
        JsonNode first = login(account);
        String stale = first.path("access_token").asText();
        Enrolled enrolled = enrolTotp(stale);
        clock.advance(Duration.ofSeconds(601));

        List<Api.Reply> refused = List.of(
                api.post("/api/auth/mfa/totp", null, stale),
                api.delete("/api/auth/mfa/totp", null, stale),
                api.post("/api/auth/mfa/recovery-codes", null, stale),
                api.post("/api/auth/password/change", "{\"current_password\":" + quote(PASSWORD)
                        + ",\"new_password\":\"Quiet-Harbor-Compass-77\"}", stale),
                api.post("/api/profile/email", "{\"email\":" + quote(newEmail()) + "}", stale),
                api.delete("/api/profile", "{\"password\":" + quote(PASSWORD) + "}", stale));
        for (Api.Reply reply : refused) {
            reply.problem(401, "insufficient_user_authentication");
            assertThat(reply.headers().allValues("WWW-Authenticate")).containsExactly(STEP_UP_CHALLENGE);
        }
        // Routes that are not sensitive still take the token.
        api.get("/api/auth/mfa", stale).ok(200);

        // An account with TOTP steps up with it, not with its password.
        assertThat(api.post("/api/auth/reauthenticate", "{\"password\":" + quote(PASSWORD) + "}", stale)
                .problem(400, "validation_failed").path("field").asText()).isEqualTo("factor");
        api.post("/api/auth/reauthenticate", "{\"factor\":\"totp\",\"code\":\"000000\"}", stale)
                .problem(401, "invalid_code");
        JsonNode fresh = api.post("/api/auth/reauthenticate", "{\"factor\":\"totp\",\"code\":"
                + quote(nextCode(enrolled.secret())) + "}", stale).ok(200);

        assertTokenResponse(fresh);
        JsonNode before = claims(first);
        JsonNode after = claims(fresh);
        assertThat(after.path("sid").asText()).isEqualTo(before.path("sid").asText());
        assertThat(after.path("auth_time").asLong()).isGreaterThanOrEqualTo(before.path("auth_time").asLong() + 601);
        String renewed = fresh.path("access_token").asText();
        List<String> codes = strings(api.post("/api/auth/mfa/recovery-codes", null, renewed).ok(200)
                .path("recovery_codes"));
        assertThat(codes).hasSize(10).doesNotContainAnyElementsOf(enrolled.recoveryCodes());
        assertThat(api.get("/api/auth/sessions", renewed).ok(200).path("sessions")).singleElement()
                .satisfies(s -> assertThat(s.path("id").asText()).isEqualTo(before.path("sid").asText()));
    }

    @Test
    void reauthMaxAgeSetting_isTheAgeStepUpAllows_andTheMaxAgeOfTheChallenge() {
        Api quick = new Api(start(Map.of("AUTH_REAUTH_MAX_AGE", "120")).port());
        Account account = activeUser();
        String access = quick.post("/api/auth/login", credentials(account.email(), PASSWORD)).ok(200)
                .path("access_token").asText();
        clock.advance(Duration.ofSeconds(119));
        String secret = quick.post("/api/auth/mfa/totp", null, access).ok(200).path("secret").asText();
        assertThat(secret).isNotBlank();

        clock.advance(Duration.ofSeconds(2));
        Api.Reply refused = quick.post("/api/auth/mfa/totp", null, access);

        refused.problem(401, "insufficient_user_authentication");
        assertThat(refused.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer error=\"insufficient_user_authentication\", max_age=\"120\"");
        // Neither a token nor a challenge: the usual 401 of a protected route.
        quick.post("/api/auth/mfa/totp", null, null).problem(401, "invalid_token");
        quick.post("/api/auth/mfa/totp/confirm", null, null).problem(401, "invalid_token");
    }

    @Test
    void reauthenticate_withTotp_orWithACodeSentThroughMfaSend_renewsAuthTime() {
        String email = newEmail();
        api.post("/api/auth/register", credentials(email, PASSWORD)).ok(202);
        JsonNode first = api.post("/api/auth/register/verify", "{\"email\":" + quote(email) + ",\"code\":"
                + quote(api.code(email)) + "}").ok(200);
        String access = first.path("access_token").asText();
        Enrolled enrolled = enrolTotp(access);
        clock.advance(Duration.ofSeconds(601));
        api.post("/api/auth/mfa/totp", null, access).problem(401, "insufficient_user_authentication");

        JsonNode byTotp = api.post("/api/auth/reauthenticate", "{\"factor\":\"totp\",\"code\":"
                + quote(nextCode(enrolled.secret())) + "}", access).ok(200);

        assertThat(claims(byTotp).path("sid").asText()).isEqualTo(claims(first).path("sid").asText());
        assertThat(strings(claims(byTotp).path("amr"))).contains("otp");
        api.post("/api/auth/mfa/totp", null, byTotp.path("access_token").asText()).ok(200);

        // With TOTP on the account, neither the password nor a code to a contact (which a reset trusts) steps up.
        clock.advance(Duration.ofSeconds(601));
        String stale = byTotp.path("access_token").asText();
        assertThat(api.post("/api/auth/mfa/send", "{\"factor\":\"email\"}", stale).problem(400, "validation_failed")
                .path("field").asText()).isEqualTo("factor");
        assertThat(api.post("/api/auth/reauthenticate", "{\"password\":" + quote(PASSWORD) + "}", stale).problem(400,
                "validation_failed").path("field").asText()).isEqualTo("factor");
        JsonNode byRecovery = api.post("/api/auth/reauthenticate", "{\"factor\":\"recovery_code\",\"code\":"
                + quote(enrolled.recoveryCodes().get(0)) + "}", stale).ok(200);
        assertThat(claims(byRecovery).path("auth_time").asLong())
                .isGreaterThanOrEqualTo(claims(byTotp).path("auth_time").asLong() + 601);
        api.post("/api/auth/mfa/recovery-codes", null, byRecovery.path("access_token").asText()).ok(200);
    }

    @Test
    void reauthenticate_ofAnAccountWithoutASecondFactor_takesACodeSentThroughMfaSend() {
        String email = newEmail();
        api.post("/api/auth/register", credentials(email, PASSWORD)).ok(202);
        JsonNode first = api.post("/api/auth/register/verify", "{\"email\":" + quote(email) + ",\"code\":"
                + quote(api.code(email)) + "}").ok(200);
        clock.advance(Duration.ofSeconds(601));
        String stale = first.path("access_token").asText();
        assertThat(api.post("/api/auth/mfa/send", "{\"factor\":\"email\"}", stale).status()).isEqualTo(202);
        JsonNode byEmail = api.post("/api/auth/reauthenticate", "{\"factor\":\"email\",\"code\":"
                + quote(api.code(email)) + "}", stale).ok(200);
        assertThat(claims(byEmail).path("sid").asText()).isEqualTo(claims(first).path("sid").asText());
        api.post("/api/auth/mfa/totp", null, byEmail.path("access_token").asText()).ok(200);
    }

    @Test
    void afterAPasswordResetByEmail_theEmailIsNoSecondStep_soTheInboxAloneDoesNotPassTotp() {
        Account account = activeUser();
        Enrolled enrolled = enrolTotp(account);
        api.post("/api/auth/password/forgot", "{\"email\":" + quote(account.email()) + "}").ok(202);
        assertThat(api.post("/api/auth/password/reset", "{\"email\":" + quote(account.email()) + ",\"code\":"
                + quote(api.code(account.email())) + ",\"new_password\":\"Chosen-By-The-Inbox-9\"}").status())
                .isEqualTo(204);

        JsonNode step = api.post("/api/auth/login", credentials(account.email(), "Chosen-By-The-Inbox-9")).ok(200);
        assertThat(step.path("status").asText()).isEqualTo("second_factor_required");
        assertThat(strings(step.path("factors"))).contains("totp").doesNotContain("email");
        assertThat(api.post("/api/auth/mfa/send", "{\"challenge\":" + quote(step.path("challenge").asText())
                + ",\"factor\":\"email\"}").problem(400, "validation_failed").path("field").asText())
                .isEqualTo("factor");
        api.post("/api/auth/mfa/verify", "{\"challenge\":" + quote(step.path("challenge").asText())
                + ",\"factor\":\"totp\",\"code\":" + quote(nextCode(enrolled.secret())) + "}").ok(200);
    }

    // ---- removal, regeneration, reset ----------------------------------------------------------------------------------

    @Test
    void totpRemoved_underTheOptionalPolicy_loginNeedsNoSecondStepAgain() {
        Account account = activeUser();
        String access = login(account).path("access_token").asText();
        enrolTotp(access);

        assertThat(api.delete("/api/auth/mfa/totp", null, access).status()).isEqualTo(204);

        assertTokenResponse(login(account));
        assertThat(api.get("/api/auth/mfa", access).ok(200).path("factors")).isEmpty();
    }

    @Test
    void recoveryCodes_regenerated_voidTheOldSet() {
        Account account = activeUser();
        String access = login(account).path("access_token").asText();
        Enrolled enrolled = enrolTotp(access);

        List<String> fresh = strings(api.post("/api/auth/mfa/recovery-codes", null, access).ok(200)
                .path("recovery_codes"));

        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(enrolled.recoveryCodes());
        JsonNode step = secondStep(account);
        api.post("/api/auth/mfa/verify", verifyBody(step, "recovery_code", enrolled.recoveryCodes().get(0)))
                .problem(401, "invalid_code");
        assertTokenResponse(api.post("/api/auth/mfa/verify", verifyBody(step, "recovery_code", fresh.get(0)))
                .ok(200));
    }

    @Test
    void adminReset_removesTheUsersFactors_andNeedsTheAdminRoleAndRecentAuthentication() {
        String email = newEmail();
        api.post("/api/auth/register", credentials(email, PASSWORD)).ok(202);
        JsonNode registered = api.post("/api/auth/register/verify", "{\"email\":" + quote(email) + ",\"code\":"
                + quote(api.code(email)) + "}").ok(200);
        Account user = new Account(registered.path("user").path("id").asText(), email, null);
        enrolTotp(registered.path("access_token").asText());
        secondStep(user);
        Account admin = activeUser();
        app.authService().accounts().setRoles(admin.id(), Set.of("user", "admin"));
        String adminAccess = login(admin).path("access_token").asText();
        String otherAccess = login(activeUser()).path("access_token").asText();
        String path = "/api/admin/users/" + user.id() + "/mfa/reset";

        api.post(path, null, otherAccess).problem(403, "forbidden");
        api.post(path, null, null).problem(401, "invalid_token");
        api.post("/api/admin/users/" + java.util.UUID.randomUUID() + "/mfa/reset", null, adminAccess)
                .problem(404, "not_found");
        assertThat(api.post(path, null, adminAccess).status()).isEqualTo(204);

        JsonNode tokens = login(user);
        assertTokenResponse(tokens);
        JsonNode status = api.get("/api/auth/mfa", tokens.path("access_token").asText()).ok(200);
        assertThat(status.path("factors")).isEmpty();
        assertThat(status.path("recovery_codes_left").asInt()).isZero();
        assertThat(app.auditLog().recentForUser(user.id(), 50)).extracting(e -> e.type().name())
                .contains(AuthEventType.SECOND_FACTORS_RESET.name());
        assertThat(api.outbox(email).get(0).path("purpose").asText()).isEqualTo("second_factors_reset_notice");
        clock.advance(Duration.ofSeconds(601));
        Api.Reply stale = api.post(path, null, adminAccess);
        stale.problem(401, "insufficient_user_authentication");
        assertThat(stale.header("WWW-Authenticate")).isEqualTo(STEP_UP_CHALLENGE);
    }

    // ---- replay, budgets, bad input ------------------------------------------------------------------------------------

    @Test
    void totpCodeAndRecoveryCode_workOnceAcrossTwoInstancesOnOneDatabase() {
        ExampleHost second = start("optional");
        Api other = new Api(second.port());
        Account account = activeUser();
        Enrolled enrolled = enrolTotp(account);

        JsonNode onFirst = secondStep(account);
        JsonNode onSecond = other.post("/api/auth/login", credentials(account.email(), PASSWORD)).ok(200);
        String code = nextCode(enrolled.secret());
        assertTokenResponse(api.post("/api/auth/mfa/verify", verifyBody(onFirst, "totp", code)).ok(200));
        other.post("/api/auth/mfa/verify", verifyBody(onSecond, "totp", code)).problem(401, "invalid_code");

        JsonNode again = secondStep(account);
        String recovery = enrolled.recoveryCodes().get(5);
        assertTokenResponse(other.post("/api/auth/mfa/verify", verifyBody(onSecond, "recovery_code", recovery))
                .ok(200));
        api.post("/api/auth/mfa/verify", verifyBody(again, "recovery_code", recovery)).problem(401, "invalid_code");
        // The refused answers did not use the challenge up.
        assertTokenResponse(api.post("/api/auth/mfa/verify", verifyBody(again, "totp", nextCode(enrolled.secret())))
                .ok(200));
    }

    @Test
    void wrongAnswers_areInvalidCode_thenTooManyAttemptsWithRetryAfter() {
        Account account = activeUser();
        Enrolled enrolled = enrolTotp(account);
        JsonNode step = secondStep(account);
        clock.advance(Duration.ofSeconds(30));
        String wrong = wrongCode(enrolled.secret());

        for (int i = 0; i < 5; i++) {
            api.post("/api/auth/mfa/verify", verifyBody(step, "totp", wrong)).problem(401, "invalid_code");
        }
        Api.Reply throttled = api.post("/api/auth/mfa/verify", verifyBody(step, "totp",
                Totp.code(enrolled.secret(), clock)));

        throttled.problem(429, "too_many_attempts");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();
        // Another login of the same user gets a fresh challenge: the account is not locked.
        assertTokenResponse(api.post("/api/auth/mfa/verify", verifyBody(secondStep(account), "totp",
                nextCode(enrolled.secret()))).ok(200));
    }

    @Test
    void wrongAnswers_ofOneUserAcrossChallenges_areCappedAt10AnHour_withoutTouchingOtherLogins() {
        Account account = activeUser();
        Enrolled enrolled = enrolTotp(account);
        clock.advance(Duration.ofSeconds(30));
        String wrong = wrongCode(enrolled.secret());
        for (int answers : new int[] {4, 4, 2}) {
            JsonNode step = secondStep(account);
            for (int i = 0; i < answers; i++) {
                api.post("/api/auth/mfa/verify", verifyBody(step, "totp", wrong)).problem(401, "invalid_code");
            }
        }

        Api.Reply throttled = api.post("/api/auth/mfa/verify", verifyBody(secondStep(account), "totp",
                Totp.code(enrolled.secret(), clock)));

        throttled.problem(429, "too_many_attempts");
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, Duration.ofMinutes(75).toSeconds());
        // The password still works (the step is asked again), and other users are untouched.
        secondStep(account);
        assertTokenResponse(login(activeUser()));
        clock.advance(Duration.ofSeconds(retryAfter - 30));
        api.post("/api/auth/mfa/verify", verifyBody(secondStep(account), "totp", Totp.code(enrolled.secret(), clock)))
                .problem(429, "too_many_attempts");
        // From Retry-After on, the budget is back.
        clock.advance(Duration.ofSeconds(30));
        assertTokenResponse(api.post("/api/auth/mfa/verify", verifyBody(secondStep(account), "totp",
                Totp.code(enrolled.secret(), clock))).ok(200));
    }

    @Test
    void oneTotpCode_submittedConcurrentlyToTwoInstances_succeedsOnce() throws Exception {
        Api other = new Api(start("optional").port());
        Account account = activeUser();
        Enrolled enrolled = enrolTotp(account);
        List<JsonNode> steps = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            steps.add(secondStep(account));
        }
        String code = nextCode(enrolled.secret());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Api.Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < steps.size(); i++) {
                Api target = i % 2 == 0 ? api : other;
                JsonNode step = steps.get(i);
                replies.add(pool.submit(() -> {
                    start.await();
                    return target.post("/api/auth/mfa/verify", verifyBody(step, "totp", code));
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (java.util.concurrent.Future<Api.Reply> reply : replies) {
                Api.Reply r = reply.get();
                statuses.add(r.status());
                if (r.status() != 200) {
                    assertThat(r.json().path("code").asText()).as(r.body()).isIn("invalid_code", "too_many_attempts");
                }
            }
            assertThat(statuses).as("statuses").containsOnlyOnce(200).doesNotContain(500);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void challenges_unknownUsedOrExpired_areInvalidToken() {
        Account account = activeUser();
        Enrolled enrolled = enrolTotp(account);
        JsonNode step = secondStep(account);
        String unknown = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));

        api.post("/api/auth/mfa/verify", "{\"challenge\":" + quote(unknown) + ",\"factor\":\"totp\",\"code\":"
                + "\"123456\"}").problem(401, "invalid_token");
        api.post("/api/auth/mfa/send", "{\"challenge\":" + quote(unknown) + ",\"factor\":\"sms\"}")
                .problem(401, "invalid_token");
        clock.advance(Duration.ofSeconds(301));
        api.post("/api/auth/mfa/verify", verifyBody(step, "totp", Totp.code(enrolled.secret(), clock)))
                .problem(401, "invalid_token");
    }

    @Test
    void badInput_is400ValidationFailedNamingTheField_neverA500() {
        Account account = activeUser();
        String access = login(account).path("access_token").asText();
        Enrolled enrolled = enrolTotp(access);
        JsonNode step = secondStep(account);
        String challenge = quote(step.path("challenge").asText());
        String huge = "9".repeat(60_000);

        assertField(api.post("/api/auth/mfa/verify", "{\"challenge\":\"not a challenge!\",\"factor\":\"totp\","
                + "\"code\":\"123456\"}"), "challenge");
        assertField(api.post("/api/auth/mfa/verify", "{\"challenge\":\"" + "c".repeat(60_000) + "\",\"factor\":"
                + "\"totp\",\"code\":\"123456\"}"), "challenge");
        assertField(api.post("/api/auth/mfa/verify", "{\"challenge\":[1],\"factor\":\"totp\",\"code\":\"1\"}"),
                "challenge");
        assertField(api.post("/api/auth/mfa/verify", "{\"factor\":\"totp\",\"code\":\"123456\"}"), "challenge");
        assertField(api.post("/api/auth/mfa/verify", "{\"challenge\":" + challenge + ",\"factor\":\"Bogus Factor\","
                + "\"code\":\"123456\"}"), "factor");
        assertField(api.post("/api/auth/mfa/verify", "{\"challenge\":" + challenge + ",\"factor\":\"fido\","
                + "\"code\":\"123456\"}"), "factor");
        assertField(api.post("/api/auth/mfa/verify", "{\"challenge\":" + challenge + ",\"factor\":\"" + "f".repeat(
                60_000) + "\",\"code\":\"123456\"}"), "factor");
        assertField(api.post("/api/auth/mfa/verify", "{\"challenge\":" + challenge + ",\"factor\":7,\"code\":\"1\"}"),
                "factor");
        assertField(api.post("/api/auth/mfa/verify", "{\"challenge\":" + challenge + ",\"factor\":\"totp\","
                + "\"code\":\"12ab56\"}"), "code");
        assertField(api.post("/api/auth/mfa/verify", "{\"challenge\":" + challenge + ",\"factor\":\"totp\","
                + "\"code\":\"" + huge + "\"}"), "code");
        assertField(api.post("/api/auth/mfa/verify", "{\"challenge\":" + challenge + ",\"factor\":\"totp\","
                + "\"code\":123456}"), "code");
        assertField(api.post("/api/auth/mfa/verify", "{\"challenge\":" + challenge + ",\"factor\":\"totp\"}"), "code");
        assertField(api.post("/api/auth/mfa/verify", "[\"challenge\"]"), "body");
        assertField(api.post("/api/auth/mfa/send", "{\"challenge\":\"not a challenge!\",\"factor\":\"sms\"}"),
                "challenge");
        assertField(api.post("/api/auth/mfa/send", "{\"challenge\":" + challenge + ",\"factor\":\"SMS!\"}"), "factor");
        assertField(api.post("/api/auth/mfa/send", "{\"challenge\":" + challenge + ",\"factor\":\"sms\"}"), "factor");
        assertField(api.post("/api/auth/mfa/totp", "{\"challenge\":\"not a challenge!\"}"), "challenge");
        assertField(api.post("/api/auth/mfa/totp/confirm", "{\"code\":\"12ab56\"}", access), "code");
        assertField(api.post("/api/auth/mfa/totp/confirm", "{\"code\":\"" + huge + "\"}", access), "code");
        assertField(api.post("/api/auth/mfa/totp/confirm", "{\"code\":[]}", access), "code");
        assertField(api.post("/api/auth/mfa/totp/confirm", "{\"challenge\":\"bad challenge\",\"code\":\"123456\"}"),
                "challenge");
        assertField(api.post("/api/auth/reauthenticate", "{\"password\":12}", access), "password");
        assertField(api.post("/api/auth/reauthenticate", "{\"factor\":\"Bad!\",\"code\":\"123456\"}", access),
                "factor");
        assertField(api.post("/api/auth/reauthenticate", "{\"factor\":\"totp\",\"code\":\"12ab56\"}", access), "code");
        assertField(api.post("/api/auth/reauthenticate", "{\"factor\":\"totp\",\"code\":\"" + huge + "\"}", access),
                "code");
        assertField(api.post("/api/auth/reauthenticate", "{\"factor\":\"totp\"}", access), "code");
        assertField(api.post("/api/auth/reauthenticate", "{\"password\":\"" + "p".repeat(60_000) + "\"}", access),
                "password");
        assertField(api.post("/api/auth/login", "{\"email\":" + quote(account.email()) + ",\"password\":\""
                + "p".repeat(60_000) + "\"}"), "password");
        // Over the 64 KiB cap, the body is not read at all.
        api.post("/api/auth/mfa/verify", "{\"challenge\":" + challenge + ",\"factor\":\"totp\",\"code\":\""
                + "9".repeat(LatchkeyApi.MAX_BODY_BYTES) + "\"}").problem(413, "payload_too_large");
        // None of it used the challenge up or counted as a wrong answer.
        assertTokenResponse(api.post("/api/auth/mfa/verify", verifyBody(step, "totp", nextCode(enrolled.secret())))
                .ok(200));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    /** An account made directly through the service: active, with an email and a phone (neither proved). */
    record Account(String id, String email, String phone) {
    }

    /** A confirmed TOTP: its secret and the first set of recovery codes. */
    record Enrolled(String secret, List<String> recoveryCodes) {
    }

    Account activeUser() {
        String email = newEmail();
        String phone = newPhone();
        User user = app.authService().accounts().register(Registration.newBuilder().email(email).phone(phone)
                .password(PASSWORD).build());
        return new Account(user.id(), email, phone);
    }

    JsonNode login(Account account) {
        return api.post("/api/auth/login", credentials(account.email(), PASSWORD)).ok(200);
    }

    /** A password login that must answer {@code second_factor_required}. */
    JsonNode secondStep(Account account) {
        JsonNode step = login(account);
        assertThat(step.path("status").asText()).as("login answer %s", step).isEqualTo("second_factor_required");
        return step;
    }

    Enrolled enrolTotp(Account account) {
        return enrolTotp(login(account).path("access_token").asText());
    }

    /** Enrols and confirms TOTP over HTTP with a (recent) access token. */
    Enrolled enrolTotp(String access) {
        String secret = api.post("/api/auth/mfa/totp", null, access).ok(200).path("secret").asText();
        JsonNode confirmed = api.post("/api/auth/mfa/totp/confirm", "{\"code\":" + quote(nextCode(secret)) + "}",
                access).ok(200);
        return new Enrolled(secret, strings(confirmed.path("recovery_codes")));
    }

    /** The code of the next 30-second step (moving the shared clock there), never accepted before for anyone. */
    String nextCode(String secret) {
        clock.advance(Duration.ofSeconds(30));
        return Totp.code(secret, clock);
    }

    /** A six-digit code that matches none of the steps accepted around now. */
    String wrongCode(String secret) {
        long step = Math.floorDiv(clock.instant().getEpochSecond(), 30);
        Set<String> near = Set.of(Totp.code(secret, step - 1), Totp.code(secret, step), Totp.code(secret, step + 1));
        for (int i = 0; ; i++) {
            String candidate = String.format("%06d", (i * 137_911) % 1_000_000);
            if (!near.contains(candidate)) {
                return candidate;
            }
        }
    }

    static String verifyBody(JsonNode step, String factor, String code) {
        return "{\"challenge\":" + quote(step.path("challenge").asText()) + ",\"factor\":" + quote(factor)
                + ",\"code\":" + quote(code) + "}";
    }

    static void assertSecondStep(JsonNode step, String... factors) {
        assertThat(step.fieldNames()).toIterable().containsExactly("status", "challenge", "factors", "expires_in");
        assertThat(step.path("status").asText()).isEqualTo("second_factor_required");
        assertThat(step.path("challenge").asText()).matches("[A-Za-z0-9_-]{20,}");
        assertThat(strings(step.path("factors"))).containsExactly(factors);
        assertThat(step.path("expires_in").asLong()).isEqualTo(300);
    }

    static void assertEnrollmentStep(JsonNode step) {
        assertThat(step.fieldNames()).toIterable().containsExactly("status", "challenge", "factors", "expires_in");
        assertThat(step.path("status").asText()).isEqualTo("enrollment_required");
        assertThat(step.path("challenge").asText()).matches("[A-Za-z0-9_-]{20,}");
        assertThat(strings(step.path("factors"))).containsExactly("totp");
        assertThat(step.path("expires_in").asLong()).isEqualTo(300);
    }

    static void assertField(Api.Reply reply, String field) {
        assertThat(reply.problem(400, "validation_failed").path("field").asText()).as(reply.body()).isEqualTo(field);
    }

    /** The payload of a token response's access token. */
    static JsonNode claims(JsonNode tokens) {
        String[] parts = tokens.path("access_token").asText().split("\\.");
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    String newEmail() {
        return "mfa" + sequence.incrementAndGet() + "." + run + "@example.com";
    }

    String newPhone() {
        return String.format("+1415556%04d", (phoneBase + sequence.incrementAndGet()) % 10000);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
