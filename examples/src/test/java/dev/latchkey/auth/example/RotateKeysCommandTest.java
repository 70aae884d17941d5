package dev.latchkey.auth.example;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.testkit.TestClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code rotate-keys} and {@code AUTH_PREVIOUS_MASTER_KEYS} end to end, on H2 and (when their URLs are set) PostgreSQL
 * and MariaDB: the app under an old key, then the new key current, the rewrite and its report, the start-up refusal
 * while passwords still need the old key, the old key's removal once its users logged in, and {@code --forget}
 * (refused while anything refers to the key or before the wait since its retirement is over, on a test clock).
 */
class RotateKeysCommandTest {
    private static final String PASSWORD = "Vivid-Otter-Lantern-42";
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    private static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private Map<String, String> env(String database, String masterKey, String... previous) {
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "AUTH_DATA_DIR", dir.resolve("data").toString(),
                "AUTH_ISSUER", "https://auth.example.test", "AUTH_MASTER_KEY", masterKey));
        env.put("AUTH_DB_URL", switch (database) {
            case "postgres" -> ExternalDatabase.url("LATCHKEY_TEST_POSTGRES_URL");
            case "mariadb" -> ExternalDatabase.url("LATCHKEY_TEST_MARIADB_URL");
            default -> "jdbc:h2:mem:rotate-" + dir.getFileName() + ";DB_CLOSE_DELAY=-1";
        });
        if (previous.length > 0) {
            env.put("AUTH_PREVIOUS_MASTER_KEYS", String.join(",", previous));
        }
        return env;
    }

    private final String prefix = ExternalDatabase.uniquePrefix();

    private Result rotate(Map<String, String> env, String... args) {
        return rotate(env, null, args);
    }

    /** The command, on {@code clock} unless null. */
    private Result rotate(Map<String, String> env, TestClock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RotateKeysCommand.run(args, env, s -> s.withTablePrefix(prefix), b -> {
                    if (clock != null) {
                        b.clock(clock);
                    }
                }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private ExampleApp start(Map<String, String> env) {
        return ExampleApp.start(Settings.fromEnvironment(env).withTablePrefix(prefix));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres", "mariadb"})
    void aRotation_rewritesWhatItCan_reportsWhatWaitsForItsOwners_andLetsTheOldKeyGoOnceNothingNeedsIt(String db) {
        String keyA = newKey();
        String keyB = newKey();
        String email = "rot-" + UUID.randomUUID() + "@example.com";
        String idA;
        try (ExampleApp app = start(env(db, keyA))) {
            app.authService().accounts().register(Registration.newBuilder().email(email).password(PASSWORD).build());
            idA = app.authService().keys().status().currentKeyId();
        }

        Result status = rotate(env(db, keyB, keyA), "--status");
        assertThat(status.status()).isZero();
        // Starting under the new key already resealed the signing key, as every instance does when it loads one.
        assertThat(status.out()).contains("master key " + idA + " (previous): password 1; password: rewritten only at "
                + "their owner's next use").contains("reset their password").contains("(current): signing_key 1")
                .doesNotContain(keyA).doesNotContain(keyB);
        Result rewrite = rotate(env(db, keyB, keyA));
        assertThat(rewrite.status()).as(rewrite.err()).isZero();
        assertThat(rewrite.out()).contains("rewritten under the current master key: nothing")
                .contains("master key " + idA + " (previous): password 1;");

        assertThatThrownBy(() -> start(env(db, keyB))).isInstanceOf(StartupException.class)
                .hasMessageContaining("AUTH_MASTER_KEY").hasMessageContaining(idA).hasMessageNotContaining(keyA);

        try (ExampleApp app = start(env(db, keyB, keyA))) {
            app.authService().passwords().login(Contact.email(email), PASSWORD, ClientInfo.unknown()).sessionOrThrow();
        }
        assertThat(rotate(env(db, keyB, keyA)).out()).contains("master key " + idA
                + " (previous): nothing refers to it; remove it from AUTH_PREVIOUS_MASTER_KEYS");
        try (ExampleApp app = start(env(db, keyB))) {
            assertThat(app.authService().passwords().login(Contact.email(email), PASSWORD, ClientInfo.unknown())
                    .sessionOrThrow()).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void aMismatchedKeyOrABadPreviousKey_stopsWithOneLineNamingTheSetting(String db) {
        String keyA = newKey();
        try (ExampleApp app = start(env(db, keyA))) {
            String idA = app.authService().keys().status().currentKeyId();
            Result mismatch = rotate(env(db, newKey()));
            assertThat(mismatch.status()).isEqualTo(2);
            assertThat(mismatch.err()).contains("mismatch").contains(idA);
            assertThat(rotate(env(db, keyA, "not base64!")).err()).contains("AUTH_PREVIOUS_MASTER_KEYS (key 1)");
            assertThat(rotate(env(db, keyA), "--bogus").status()).isEqualTo(2);
            assertThat(rotate(env(db, keyA), "--help").out()).contains("usage:");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres", "mariadb"})
    void forget_removesTheOldKeyFromTheRegistry_onlyOnceNothingNeedsIt_andTheWaitIsOver(String db) {
        TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        String keyA = newKey();
        String keyB = newKey();
        String email = "forget-" + UUID.randomUUID() + "@example.com";
        String idA;
        try (ExampleApp app = start(env(db, keyA))) {
            app.authService().accounts().register(Registration.newBuilder().email(email).password(PASSWORD).build());
            idA = app.authService().keys().status().currentKeyId();
        }
        Result referenced = rotate(env(db, keyB, keyA), clock, "--forget", idA);
        assertThat(referenced.status()).isEqualTo(1);
        assertThat(referenced.err()).contains("not forgotten (referenced)").contains(idA).contains("password=1")
                .doesNotContain(keyA).doesNotContain(keyB);
        try (ExampleApp app = start(env(db, keyB, keyA))) {
            app.authService().passwords().login(Contact.email(email), PASSWORD, ClientInfo.unknown()).sessionOrThrow();
        }
        assertThat(rotate(env(db, keyB, keyA), clock, "--forget", idA).err()).contains("(not_retired)");
        assertThat(rotate(env(db, keyB, keyA), clock).status()).isZero();
        clock.advance(Duration.ofMinutes(16).minusSeconds(1));
        Result waiting = rotate(env(db, keyB, keyA), clock, "--forget", idA);
        assertThat(waiting.status()).isEqualTo(1);
        assertThat(waiting.err()).contains("(waiting)").contains("valid until");

        clock.advance(Duration.ofSeconds(1));
        Result forgotten = rotate(env(db, keyB, keyA), clock, "--forget", idA);

        assertThat(forgotten.status()).as(forgotten.err()).isZero();
        assertThat(forgotten.out()).contains("master key " + idA + " is forgotten");
        try (ExampleApp app = start(env(db, keyB, keyA))) {
            assertThat(app.authService().passwords().login(Contact.email(email), PASSWORD, ClientInfo.unknown())
                    .sessionOrThrow()).as("an instance still configured with the forgotten key starts").isNotNull();
        }
        assertThatThrownBy(() -> start(env(db, keyA, keyB))).isInstanceOf(StartupException.class)
                .hasMessageContaining(idA);
        assertThat(rotate(env(db, keyB), "--forget").status()).isEqualTo(2);
        assertThat(rotate(env(db, keyB), "--status", "--forget", idA).status()).isEqualTo(2);
    }
}
