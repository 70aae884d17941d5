package dev.latchkey.auth.example;

import java.time.Instant;
import java.time.Duration;
import dev.latchkey.auth.testkit.TestClock;
import dev.latchkey.auth.testkit.CapturedLogs;
import dev.latchkey.auth.User;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.auth.example.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every log line of a full run over HTTP, searched for the passwords, codes, tokens and master key it used, and of a run
 * through second factors for TOTP secrets, TOTP codes, recovery codes and challenges.
 */
class LogSecretsTest {
    private static final String PASSWORD = "Amber-Falcon-Meadow-81";
    private static final String WRONG_PASSWORD = "Amber-Falcon-Meadow-82";
    private static final String RESET_PASSWORD = "Cobalt-Heron-Valley-63";
    private static final String CHANGED_PASSWORD = "Scarlet-Lynx-Summit-27";

    @TempDir
    Path dataDir;

    private final List<String> secrets = new ArrayList<>(List.of(PASSWORD, WRONG_PASSWORD, RESET_PASSWORD,
            CHANGED_PASSWORD));
    private final TestClock clock = new TestClock(Instant.now());
    private ExampleApp app;
    private ExampleApp required;
    private Api api;
    private Map<String, String> env;

    @BeforeEach
    void start() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String masterKey = Base64.getEncoder().encodeToString(key);
        secrets.add(masterKey);
        CapturedLogs.clear();
        env = Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(), "AUTH_MASTER_KEY", masterKey,
                "AUTH_DB_URL", "jdbc:h2:mem:logs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        app = ExampleApp.start(Settings.fromEnvironment(env), config -> config.clock(clock));
        api = new Api(app.port());
    }

    @AfterEach
    void stop() {
        if (required != null) {
            required.close();
        }
        if (app != null) {
            app.close();
        }
        CapturedLogs.clear();
    }

    @Test
    void fullRun_logsNoPasswordCodeTokenOrKey() {
        String email = "log.keeper@example.com";
        String phone = "+14155552672";
        String otherPhone = "+14155552673";
        api.post("/api/auth/register", "{\"email\":" + quote(email) + ",\"phone\":" + quote(phone)
                + ",\"password\":" + quote(PASSWORD) + "}").ok(202);
        JsonNode tokens = remember(api.post("/api/auth/register/verify", "{\"email\":" + quote(email)
                + ",\"code\":" + quote(code(email)) + "}").ok(200));
        api.post("/api/auth/login", EndToEndContract.credentials(email, WRONG_PASSWORD))
                .problem(401, "invalid_credentials");
        remember(api.post("/api/auth/login", EndToEndContract.credentials(email, PASSWORD)).ok(200));
        remember(api.post("/api/auth/token/refresh", EndToEndContract.refreshBody(
                tokens.path("refresh_token").asText())).ok(200));
        api.post("/api/auth/token/refresh", EndToEndContract.refreshBody(tokens.path("refresh_token").asText()))
                .problem(401, "invalid_token");
        api.post("/api/auth/otp/send", "{\"phone\":" + quote(otherPhone) + "}").ok(202);
        remember(api.post("/api/auth/otp/verify", "{\"phone\":" + quote(otherPhone) + ",\"code\":"
                + quote(code(otherPhone)) + "}").ok(200));
        // The phone was never proved, so it identifies nothing: the reset goes by the proved email, once its
        // send cooldown has passed.
        clock.advance(Duration.ofMinutes(1));
        api.post("/api/auth/password/forgot", "{\"email\":" + quote(email) + "}").ok(202);
        assertThat(api.post("/api/auth/password/reset", "{\"email\":" + quote(email) + ",\"code\":"
                + quote(code(email)) + ",\"new_password\":" + quote(RESET_PASSWORD) + "}").status()).isEqualTo(204);
        JsonNode session = remember(api.post("/api/auth/login", EndToEndContract.credentials(email, RESET_PASSWORD))
                .ok(200));
        String access = session.path("access_token").asText();
        remember(api.post("/api/auth/login", "{\"email\":" + quote(email) + ",\"password\":" + quote(RESET_PASSWORD)
                + ",\"device_token\":" + quote(session.path("device_token").asText()) + "}").ok(200));
        assertThat(api.post("/api/auth/password/change", "{\"current_password\":" + quote(RESET_PASSWORD)
                + ",\"new_password\":" + quote(CHANGED_PASSWORD) + "}", access).status()).isEqualTo(204);
        remember(api.post("/api/auth/token/refresh", EndToEndContract.refreshBody(
                session.path("refresh_token").asText())).ok(200));
        api.get("/api/profile", access).problem(401, "invalid_token");
        api.post("/api/auth/login", "{\"email\":" + quote(email) + ",\"password\":" + quote(PASSWORD) + "x{")
                .problem(400, "validation_failed");

        List<String> lines = CapturedLogs.lines().stream().map(Object::toString).toList();

        assertThat(lines).anyMatch(l -> l.contains("POST /api/auth/login 401"));
        assertThat(lines).anyMatch(l -> l.contains("LOGIN_SUCCEEDED"));
        for (String line : lines) {
            assertThat(line).doesNotContain(secrets).doesNotContain(email, phone, otherPhone);
        }
    }

    @Test
    void secondFactorRun_logsNoTotpSecretRecoveryCodeChallengeOrCode() {
        String email = "second.factor@example.com";
        api.post("/api/auth/register", "{\"email\":" + quote(email) + ",\"password\":" + quote(PASSWORD) + "}")
                .ok(202);
        String access = remember(api.post("/api/auth/register/verify", "{\"email\":" + quote(email)
                + ",\"code\":" + quote(code(email)) + "}").ok(200)).path("access_token").asText();
        JsonNode enrollment = api.post("/api/auth/mfa/totp", null, access).ok(200);
        String secret = enrollment.path("secret").asText();
        secrets.add(secret);
        secrets.add(enrollment.path("otpauth_uri").asText());
        api.post("/api/auth/mfa/totp/confirm", "{\"code\":\"" + (Totp.code(secret, clock).equals("000000")
                ? "111111" : "000000") + "\"}", access).problem(401, "invalid_code");
        List<String> recovery = recoveryCodes(api.post("/api/auth/mfa/totp/confirm", "{\"code\":"
                + quote(totp(secret)) + "}", access).ok(200));
        recoveryCodes(api.post("/api/auth/mfa/recovery-codes", null, access).ok(200));

        JsonNode step = challenge(api.post("/api/auth/login", EndToEndContract.credentials(email, PASSWORD)).ok(200));
        api.post("/api/auth/mfa/verify", MfaEndToEndContract.verifyBody(step, "recovery_code", recovery.get(0)))
                .problem(401, "invalid_code");
        remember(api.post("/api/auth/mfa/verify", MfaEndToEndContract.verifyBody(step, "totp", totp(secret)))
                .ok(200));
        step = challenge(api.post("/api/auth/login", EndToEndContract.credentials(email, PASSWORD)).ok(200));
        List<String> current = recoveryCodes(api.post("/api/auth/mfa/recovery-codes", null, access).ok(200));
        remember(api.post("/api/auth/mfa/verify", MfaEndToEndContract.verifyBody(step, "recovery_code",
                current.get(0))).ok(200));
        clock.advance(Duration.ofMinutes(11));
        step = challenge(api.post("/api/auth/login", EndToEndContract.credentials(email, PASSWORD)).ok(200));
        api.post("/api/auth/mfa/send", "{\"challenge\":" + quote(step.path("challenge").asText())
                + ",\"factor\":\"email\"}").ok(202);
        remember(api.post("/api/auth/mfa/verify", MfaEndToEndContract.verifyBody(step, "email", code(email)))
                .ok(200));
        api.post("/api/auth/mfa/totp", null, access).problem(401, "insufficient_user_authentication");
        remember(api.post("/api/auth/reauthenticate", "{\"factor\":\"totp\",\"code\":" + quote(totp(secret))
                + "}", access).ok(200));
        // An enrolment challenge of the required policy, with its own secret.
        required = ExampleApp.start(Settings.fromEnvironment(withPolicy("required")), config -> config.clock(clock));
        Api strict = new Api(required.port());
        User other = app.authService().accounts().register(dev.latchkey.auth.Registration.newBuilder()
                .email("enrolling@example.com").password(PASSWORD).build());
        JsonNode enrolment = challenge(strict.post("/api/auth/login", EndToEndContract.credentials(
                "enrolling@example.com", PASSWORD)).ok(200));
        String enrolling = enrolment.path("challenge").asText();
        String otherSecret = strict.post("/api/auth/mfa/totp", "{\"challenge\":" + quote(enrolling) + "}").ok(200)
                .path("secret").asText();
        secrets.add(otherSecret);
        JsonNode done = remember(strict.post("/api/auth/mfa/totp/confirm", "{\"challenge\":" + quote(enrolling)
                + ",\"code\":" + quote(totp(otherSecret)) + "}").ok(200));
        recoveryCodes(done);
        assertThat(other.id()).isNotBlank();

        List<String> lines = CapturedLogs.lines().stream().map(Object::toString).toList();

        assertThat(lines).anyMatch(l -> l.contains("SECOND_FACTOR_SUCCEEDED"));
        assertThat(lines).anyMatch(l -> l.contains("RECOVERY_CODE_USED"));
        assertThat(lines).anyMatch(l -> l.contains("POST /api/auth/mfa/verify 401"));
        for (String line : lines) {
            assertThat(line).doesNotContain(secrets).doesNotContain(email);
        }
    }

    private Map<String, String> withPolicy(String policy) {
        Map<String, String> e = new java.util.HashMap<>(env);
        e.put("AUTH_MFA_POLICY", policy);
        return e;
    }

    /** The TOTP code of the next step (the clock moved there), remembered as a secret. */
    private String totp(String secret) {
        clock.advance(Duration.ofSeconds(30));
        String code = Totp.code(secret, clock);
        secrets.add(code);
        return code;
    }

    private JsonNode challenge(JsonNode step) {
        assertThat(step.path("challenge").asText()).isNotBlank();
        secrets.add(step.path("challenge").asText());
        return step;
    }

    /** The recovery codes of an answer, remembered as secrets as shown and as typed without hyphens. */
    private List<String> recoveryCodes(JsonNode answer) {
        List<String> codes = new ArrayList<>();
        answer.path("recovery_codes").forEach(c -> codes.add(c.asText()));
        assertThat(codes).hasSize(10);
        secrets.addAll(codes);
        codes.forEach(c -> secrets.add(c.replace("-", "")));
        return codes;
    }

    private String code(String to) {
        String code = api.code(to);
        secrets.add(code);
        return code;
    }

    private JsonNode remember(JsonNode tokens) {
        secrets.add(tokens.path("access_token").asText());
        secrets.add(tokens.path("refresh_token").asText());
        if (tokens.has("device_token")) {
            secrets.add(tokens.path("device_token").asText());
        }
        return tokens;
    }
}
