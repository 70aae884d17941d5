package dev.latchkey.auth.hash;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The module README's settings table lists every setting of Argon2idHashing with the default the code has. */
class ReadmeSettingsTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z]+)` \\| ([^|]*) \\|");
    private static final Set<String> NOT_SETTINGS = Set.of("id", "toString", "hashCode");

    @Test
    void everyArgon2idSetting_isInTheReadme_withTheDefaultTheCodeHas() throws Exception {
        Map<String, String> rows = settingsTable();
        Argon2idHashing defaults = Argon2idHashing.owaspDefaults();
        int settings = 0;
        for (Method m : Argon2idHashing.class.getDeclaredMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !Modifier.isPublic(m.getModifiers())
                    || NOT_SETTINGS.contains(m.getName())) {
                continue;
            }
            settings++;
            assertThat(rows).as("README row for %s", m.getName()).containsKey(m.getName());
            assertThat(rows.get(m.getName())).as("default of %s", m.getName()).isEqualTo(m.invoke(defaults).toString());
        }
        assertThat(settings).isEqualTo(3);
        assertThat(rows).hasSize(settings);
    }

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
