package dev.latchkey.auth.example;

import dev.latchkey.auth.testkit.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up through {@link ExampleApp#launch}: a bad setting stops it with one line naming the setting. */
class StartupTest {
    private static final String KEY = Base64.getEncoder().encodeToString("example-app test master key, 32B".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @TempDir
    Path dataDir;

    @Test
    void badPort_stopsStartUpWithOneLineNamingIt() {
        assertStopsNaming(Map.of("PORT", "abc"), "PORT");
    }

    @Test
    void bogusSmtpTls_stopsStartUpWithOneLineNamingIt() {
        assertStopsNaming(Map.of("AUTH_SMTP_HOST", "127.0.0.1", "AUTH_SMTP_FROM", "a@example.com", "AUTH_SMTP_TLS",
                "bogus"), "AUTH_SMTP_TLS");
    }

    @Test
    void badMfaPolicy_stopsStartUpWithOneLineNamingIt() {
        assertStopsNaming(Map.of("AUTH_MFA_POLICY", "sometimes"), "AUTH_MFA_POLICY");
        assertStopsNaming(Map.of("AUTH_MFA_POLICY", "roles:"), "AUTH_MFA_POLICY");
    }

    @Test
    void badReauthMaxAge_stopsStartUpWithOneLineNamingIt() {
        assertStopsNaming(Map.of("AUTH_REAUTH_MAX_AGE", "10m"), "AUTH_REAUTH_MAX_AGE");
    }

    @Test
    void badRefreshReuseGrace_stopsStartUpWithOneLineNamingIt() {
        assertStopsNaming(Map.of("AUTH_REFRESH_REUSE_GRACE", "10m"), "AUTH_REFRESH_REUSE_GRACE");
    }

    @Test
    void shortMasterKey_stopsStartUpWithOneLineNamingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        String line = assertStopsNaming(Map.of("AUTH_MASTER_KEY", shortKey), "AUTH_MASTER_KEY");

        assertThat(line).doesNotContain(shortKey);
    }

    @Test
    void smtpFromThatIsNotAnAddress_stopsStartUpNamingIt() {
        assertStopsNaming(env("AUTH_SMTP_HOST", "127.0.0.1", "AUTH_SMTP_FROM", "not an address"), "AUTH_SMTP_FROM");
    }

    @Test
    void smtpPasswordInClearOverTheNetwork_stopsStartUpNamingIt() {
        String line = assertStopsNaming(env("AUTH_SMTP_HOST", "smtp.example.com", "AUTH_SMTP_FROM", "a@example.com",
                "AUTH_SMTP_TLS", "none", "AUTH_SMTP_USERNAME", "user", "AUTH_SMTP_PASSWORD", "smtp-secret"),
                "AUTH_SMTP_PASSWORD");

        assertThat(line).doesNotContain("smtp-secret");
    }

    @Test
    void plainHttpTwilioBaseUrl_stopsStartUpNamingIt() {
        String line = assertStopsNaming(env("AUTH_TWILIO_ACCOUNT_SID", "AC0123", "AUTH_TWILIO_AUTH_TOKEN",
                "twilio-secret", "AUTH_TWILIO_FROM", "+15005550006", "AUTH_TWILIO_BASE_URL",
                "http://twilio.example.com"), "AUTH_TWILIO_BASE_URL");

        assertThat(line).doesNotContain("twilio-secret");
    }

    @Test
    void unreachableDatabase_stopsStartUpNamingTheUrlWithoutItsPassword() {
        String line = assertStopsNaming(env("AUTH_DB_URL",
                "jdbc:postgresql://127.0.0.1:1/nothing?user=app&password=hunter2", "AUTH_ISSUER",
                "https://auth.example.test"), "AUTH_DB_URL");

        assertThat(line).doesNotContain("hunter2");
    }

    @Test
    void portInUse_stopsStartUpNamingIt() {
        Settings first = Settings.fromEnvironment(env("PORT", "0", "AUTH_DB_URL", h2()));
        try (ExampleApp running = ExampleApp.start(first)) {
            assertStopsNaming(env("PORT", Integer.toString(running.port()), "AUTH_DB_URL", h2()), "PORT");
        }
    }

    @Test
    void smtpWithoutTwilio_logsThatSmsIsNotOffered_notThatTheMockSendsIt() {
        String line = deliveryLogLine(env("AUTH_SMTP_HOST", "127.0.0.1", "AUTH_SMTP_FROM", "no-reply@example.com",
                "AUTH_SMTP_TLS", "none"));

        assertThat(line).isEqualTo("code delivery: email by SMTP; SMS not offered (AUTH_TWILIO_* are not set; its "
                + "code requests answer 502 delivery_failed, reason unsupported_channel)");
    }

    @Test
    void twilioWithoutSmtp_logsThatEmailIsNotOffered() {
        String line = deliveryLogLine(env("AUTH_TWILIO_ACCOUNT_SID", "AC0123", "AUTH_TWILIO_AUTH_TOKEN",
                "twilio-secret", "AUTH_TWILIO_FROM", "+15005550006"));

        assertThat(line).startsWith("code delivery: email not offered (AUTH_SMTP_HOST is not set;")
                .endsWith("; SMS by Twilio").doesNotContain("twilio-secret");
    }

    @Test
    void noProvider_logsThatTheMockDeliversBothChannels() {
        assertThat(deliveryLogLine(env())).isEqualTo("code delivery: email and SMS by the in-memory mock");
    }

    @Test
    void noProvider_logsTheBoxedMockWarningOnce() {
        List<String> lines = startupLines(env());

        assertThat(lines).filteredOn(l -> l.contains("MOCK CODE DELIVERY"))
                .containsExactly(StartupWarnings.MOCK_DELIVERY);
        assertThat(lines).contains("* They are kept in memory and anyone who reaches 127.0.0.1 can read them at GET "
                + "/dev/outbox.");
    }

    @Test
    void smtpConfigured_logsNoMockWarning() {
        List<String> lines = startupLines(env("AUTH_SMTP_HOST", "127.0.0.1", "AUTH_SMTP_FROM", "no-reply@example.com",
                "AUTH_SMTP_TLS", "none"));

        assertThat(lines).noneMatch(l -> l.contains("MOCK CODE DELIVERY"));
    }

    @Test
    void masterKeyUnset_warnsAboutTheGeneratedKey_andSetNot() {
        Map<String, String> generated = env();
        generated.remove("AUTH_MASTER_KEY");

        assertThat(startupLines(generated)).filteredOn(l -> l.startsWith(StartupWarnings.GENERATED_MASTER_KEY))
                .singleElement().asString().contains(dataDir.toString()).contains("Production must set");
        assertThat(startupLines(env())).noneMatch(l -> l.startsWith(StartupWarnings.GENERATED_MASTER_KEY));
    }

    /** The texts of Latchkey's log lines while the app starts with {@code env}. */
    private static List<String> startupLines(Map<String, String> env) {
        CapturedLogs.clear();
        try (ExampleApp ignored = ExampleApp.start(Settings.fromEnvironment(env))) {
            return CapturedLogs.latchkeyLines().stream().map(CapturedLogs.Line::text).toList();
        } finally {
            CapturedLogs.clear();
        }
    }

    /** The one "code delivery" line the app logs while starting with {@code env}. */
    private static String deliveryLogLine(Map<String, String> env) {
        CapturedLogs.clear();
        try (ExampleApp ignored = ExampleApp.start(Settings.fromEnvironment(env))) {
            List<String> lines = CapturedLogs.latchkeyLines().stream().map(CapturedLogs.Line::text)
                    .filter(text -> text.startsWith("code delivery:")).toList();
            assertThat(lines).hasSize(1);
            return lines.get(0);
        } finally {
            CapturedLogs.clear();
        }
    }

    @Test
    void noMasterKey_generatesOneOwnerOnly_andReusesIt() throws Exception {
        byte[] first = MasterKeyFile.loadOrCreate(dataDir);
        byte[] second = MasterKeyFile.loadOrCreate(dataDir);

        Path file = dataDir.resolve(MasterKeyFile.FILE_NAME);
        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).isEqualTo(first);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void corruptMasterKeyFile_stopsStartUpNamingTheDataDir() throws Exception {
        Files.writeString(dataDir.resolve(MasterKeyFile.FILE_NAME), "c2hvcnQ=\n");

        String line = assertStopsNaming(Map.of("AUTH_DATA_DIR", dataDir.toString(), "AUTH_DB_URL", h2()),
                "AUTH_DATA_DIR");

        assertThat(line).contains(MasterKeyFile.FILE_NAME);
    }

    /** A valid environment (data dir, master key, H2 in memory) plus the given pairs. */
    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("AUTH_DATA_DIR", dataDir.toString(), "AUTH_MASTER_KEY", KEY,
                "AUTH_DB_URL", h2(), "PORT", "0"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static String h2() {
        return "jdbc:h2:mem:startup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private static String assertStopsNaming(Map<String, String> env, String variable) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status;
        try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            status = ExampleApp.launch(env, err);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);

        assertThat(status).isEqualTo(2);
        assertThat(output.lines()).hasSize(1);
        assertThat(output).startsWith("latchkey-example: cannot start: " + variable)
                .doesNotContain("\tat ", "Exception in thread");
        return output;
    }
}
