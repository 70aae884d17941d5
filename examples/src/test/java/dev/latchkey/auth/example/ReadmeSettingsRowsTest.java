package dev.latchkey.auth.example;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The module README's settings table has a row for every variable the code reads, and the defaults it states. */
class ReadmeSettingsRowsTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| ([^|]*) \\|");
    private static final Pattern READ = Pattern.compile("\"((?:AUTH_[A-Z_]+)|PORT)\"");
    /** The settings are read in examples-common, beside this module. */
    private static final Path SOURCES = Path.of("../examples-common/src/main/java/dev/latchkey/auth/example");

    @Test
    void everyVariableTheCodeReads_hasAReadmeRow() throws IOException {
        Map<String, String> rows = rows();
        Set<String> read = new TreeSet<>();
        for (String file : new String[] {"Settings.java", "DeliverySettings.java", "MfaSettings.java",
            "SessionSettings.java", "PasskeySettings.java"}) {
            Matcher m = READ.matcher(Files.readString(SOURCES.resolve(file), StandardCharsets.UTF_8));
            while (m.find()) {
                read.add(m.group(1));
            }
        }

        assertThat(read).contains("AUTH_MFA_POLICY", "AUTH_REAUTH_MAX_AGE", "AUTH_REFRESH_REUSE_GRACE", "AUTH_DB_URL",
                PasskeySettings.OPTIONS_PER_HOUR, PasskeySettings.FAILURES_PER_HOUR);
        assertThat(rows.keySet()).containsAll(read);
    }

    @Test
    void secondFactorRows_stateTheDefaultsOfTheCode() throws IOException {
        Map<String, String> rows = rows();
        Settings defaults = Settings.fromEnvironment(Map.of());

        assertThat(rows.get("AUTH_MFA_POLICY")).isEqualTo("`" + defaults.mfa().policy() + "`");
        assertThat(rows.get("AUTH_REAUTH_MAX_AGE")).isEqualTo("`" + defaults.mfa().reauthMaxAge().toSeconds() + "`");
    }

    @Test
    void refreshReuseGraceRow_statesTheDefaultOfTheCode() throws IOException {
        Settings defaults = Settings.fromEnvironment(Map.of());

        assertThat(rows().get("AUTH_REFRESH_REUSE_GRACE")).isEqualTo("`"
                + defaults.sessions().refreshReuseGrace().toSeconds() + "`");
    }

    @Test
    void passkeyLimitRows_stateTheDefaultsOfTheCode() throws IOException {
        Map<String, String> rows = rows();
        var passkeys = Settings.fromEnvironment(Map.of()).passkeys().config();

        assertThat(rows.get(PasskeySettings.OPTIONS_PER_HOUR))
                .isEqualTo("`" + passkeys.loginOptionsPerAddressPerHour() + "`");
        assertThat(rows.get(PasskeySettings.FAILURES_PER_HOUR))
                .isEqualTo("`" + passkeys.loginFailuresPerAddressPerHour() + "`");
    }

    private static Map<String, String> rows() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8)) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                rows.put(m.group(1), m.group(2).strip());
            }
        }
        return rows;
    }
}
