package dev.latchkey.auth.sample;

import dev.latchkey.auth.example.Settings;
import dev.latchkey.auth.example.StartupWarnings;
import dev.latchkey.auth.testkit.CapturedLogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's start-up log warns as the Javalin example's does: the boxed mock-delivery warning (once: the sample's
 * provider replaces the starter's, and its warning) and the generated master key, each only when it applies.
 */
class SampleStartupWarningsTest {
    private static final String KEY = Base64.getEncoder().encodeToString("sample-app test master key, 32 B"
            .getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dataDir;

    @BeforeEach
    @AfterEach
    void clearLogs() {
        CapturedLogs.clear();
    }

    @Test
    void noDeliveryConfigured_logsTheMockBoxOnce() {
        List<String> lines = startupLines(env());

        assertThat(lines).filteredOn(l -> l.contains("MOCK CODE DELIVERY")).containsExactly(
                StartupWarnings.MOCK_DELIVERY);
        assertThat(lines).contains("code delivery: email and SMS by the in-memory mock",
                "* They are kept in memory and anyone who reaches 127.0.0.1 can read them at GET /dev/outbox.");
    }

    @Test
    void smtpConfigured_logsNoMockWarning() {
        List<String> lines = startupLines(env("AUTH_SMTP_HOST", "127.0.0.1", "AUTH_SMTP_FROM", "no-reply@example.com",
                "AUTH_SMTP_TLS", "none"));

        assertThat(lines).noneMatch(l -> l.contains("MOCK CODE DELIVERY"));
        assertThat(lines).anyMatch(l -> l.startsWith("code delivery: email by SMTP; SMS not offered"));
    }

    @Test
    void masterKeyUnset_warnsAboutTheGeneratedKey() {
        Map<String, String> env = env();
        env.remove("AUTH_MASTER_KEY");

        List<String> lines = startupLines(env);

        assertThat(lines).filteredOn(l -> l.startsWith(StartupWarnings.GENERATED_MASTER_KEY)).singleElement()
                .asString().contains(dataDir.toString()).contains("Production must set AUTH_MASTER_KEY");
    }

    @Test
    void masterKeySet_noGeneratedKeyWarning() {
        List<String> lines = startupLines(env());

        assertThat(lines).noneMatch(l -> l.startsWith(StartupWarnings.GENERATED_MASTER_KEY));
    }

    /** The texts of Latchkey's log lines while the sample starts with {@code env}. */
    private static List<String> startupLines(Map<String, String> env) {
        try (SampleHost ignored = SampleApplication.start(Settings.fromEnvironment(env), config -> { })) {
            return CapturedLogs.latchkeyLines().stream().map(CapturedLogs.Line::text).toList();
        }
    }

    /** A valid environment (data dir, master key, H2 in memory, any port) plus the given pairs. */
    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("AUTH_DATA_DIR", dataDir.toString(), "AUTH_MASTER_KEY", KEY,
                "AUTH_DB_URL", "jdbc:h2:mem:warnings-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "PORT", "0"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }
}
