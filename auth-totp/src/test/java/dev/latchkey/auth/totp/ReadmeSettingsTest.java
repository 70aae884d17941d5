package dev.latchkey.auth.totp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The module README's settings table lists every setting of TotpConfig with the default the code has. */
class ReadmeSettingsTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z]+)` \\| ([^|]*) \\|");

    @Test
    void everyTotpConfigSetting_isInTheReadme_withTheDefaultTheCodeHas() throws Exception {
        Map<String, String> rows = settingsTable();
        TotpConfig defaults = TotpConfig.defaults();
        int settings = 0;
        for (Method m : TotpConfig.class.getDeclaredMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !Modifier.isPublic(m.getModifiers())
                    || m.getName().equals("toString")) {
                continue;
            }
            settings++;
            assertThat(rows).as("README row for %s", m.getName()).containsKey(m.getName());
            assertThat(rows.get(m.getName())).as("default of %s", m.getName()).isEqualTo(readme(m.invoke(defaults)));
        }
        assertThat(settings).isEqualTo(4);
        assertThat(rows).hasSize(settings);
    }

    private static String readme(Object value) {
        if (value instanceof Duration d) {
            return d.toSeconds() + " seconds";
        }
        if (value instanceof Optional<?> o) {
            return o.map(Object::toString).orElse("none");
        }
        return value.toString();
    }

    /** The rows of the table under the {@code ## Settings} heading: setting name to default. */
    private static Map<String, String> settingsTable() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inSettings = false;
        for (String line : Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inSettings = line.equals("## Settings");
            }
            Matcher m = ROW.matcher(line);
            if (inSettings && m.find()) {
                rows.put(m.group(1), m.group(2).trim());
            }
        }
        return rows;
    }
}
