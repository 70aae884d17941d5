package dev.latchkey.auth.example;

import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.testkit.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The takeover of a pending registration and phone squatting, over HTTP (hardening items 1 to 4): a contact nobody
 * has proved identifies no account, receives no code and unlocks nothing.
 */
class PendingContactTakeoverTest {
    private static final String VICTIM = "vic.takeover@example.com";
    private static final String ATTACKER_PHONE = "+14155550141";

    @TempDir
    Path dataDir;
    private final TestClock clock = new TestClock(Instant.now());
    private ExampleApp app;
    private Api api;

    @BeforeEach
    void start() {
        app = ExampleApp.start(Settings.fromEnvironment(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_DB_URL", "jdbc:h2:mem:takeover-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")),
                config -> config.clock(clock).passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build()));
        api = new Api(app.port());
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static String register(String email, String phone, String password) {
        return "{\"email\":\"" + email + "\"" + (phone == null ? "" : ",\"phone\":\"" + phone + "\"")
                + ",\"password\":\"" + password + "\"}";
    }

    @Test
    void reRegistrationWithTheAttackersPhone_thenResetByThatPhone_reachesNoAccount() {
        api.post("/api/auth/register", register(VICTIM, null, "the victim's own passphrase")).ok(202);
        clock.advance(Duration.ofSeconds(31));
        api.post("/api/auth/register", register(VICTIM, ATTACKER_PHONE, "the attacker's passphrase")).ok(202);
        api.post("/api/auth/register/verify", "{\"email\":\"" + VICTIM + "\",\"code\":\"" + api.code(VICTIM) + "\"}")
                .ok(200);

        clock.advance(Duration.ofMinutes(1));
        api.post("/api/auth/password/forgot", "{\"phone\":\"" + ATTACKER_PHONE + "\"}").ok(202);
        assertThat(api.outbox(ATTACKER_PHONE)).as("no code to a phone nobody proved").isEmpty();
        api.post("/api/auth/password/reset", "{\"phone\":\"" + ATTACKER_PHONE + "\",\"code\":\"000000\","
                + "\"new_password\":\"the attacker's new passphrase\"}").problem(401, "invalid_code");
        api.post("/api/auth/login", EndToEndContract.credentials(VICTIM, "the attacker's passphrase"))
                .problem(401, "invalid_credentials");
    }

    @Test
    void reRegistrationInsideTheCooldown_is429AndLeavesTheVictimsPasswordWorking() {
        api.post("/api/auth/register", register(VICTIM, null, "the victim's own passphrase")).ok(202);
        api.post("/api/auth/register", register(VICTIM, ATTACKER_PHONE, "the attacker's passphrase"))
                .problem(429, "too_many_attempts");
        api.post("/api/auth/register/verify", "{\"email\":\"" + VICTIM + "\",\"code\":\"" + api.code(VICTIM) + "\"}")
                .ok(200);
        api.post("/api/auth/login", EndToEndContract.credentials(VICTIM, "the victim's own passphrase")).ok(200);
    }

    @Test
    void phoneSquatting_theOwnerRegistersTheNumberAndLogsInToTheirOwnAccount() {
        String squatter = "squat.takeover@example.com";
        api.post("/api/auth/register", register(squatter, ATTACKER_PHONE, "a borrowed number, mine now")).ok(202);
        String squatterId = api.post("/api/auth/register/verify", "{\"email\":\"" + squatter + "\",\"code\":\""
                + api.code(squatter) + "\"}").ok(200).path("user").path("id").asText();

        api.post("/api/auth/register", "{\"phone\":\"" + ATTACKER_PHONE + "\",\"password\":\"the owner's passphrase\"}")
                .ok(202);
        String ownerId = api.post("/api/auth/register/verify", "{\"phone\":\"" + ATTACKER_PHONE + "\",\"code\":\""
                + api.code(ATTACKER_PHONE) + "\"}").ok(200).path("user").path("id").asText();

        assertThat(ownerId).isNotEqualTo(squatterId);
        String loggedIn = api.post("/api/auth/login", "{\"phone\":\"" + ATTACKER_PHONE
                + "\",\"password\":\"the owner's passphrase\"}").ok(200).path("user").path("id").asText();
        assertThat(loggedIn).isEqualTo(ownerId);
    }
}
