package dev.latchkey.auth;

import dev.latchkey.auth.accounts.AccountConfig;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.factor.SecondFactorConfig;
import dev.latchkey.auth.password.LoginLimits;
import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.session.SessionConfig;
import dev.latchkey.auth.token.SigningConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's settings tables list every setting of every topic with the default the code has. */
class ReadmeSettingsTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z]+)(?:\\(\\))?` \\| ([^|]*) \\|");
    private static final byte[] KEY = "a master key of at least 32 bytes!!".getBytes(StandardCharsets.US_ASCII);

    static Stream<Object> topics() {
        return Stream.of(AuthConfig.newBuilder().issuer("i").audience("a").masterKey(KEY).build(),
                PasswordConfig.defaults(), LoginLimits.defaults(), CodeConfig.defaults(), SessionConfig.defaults(),
                SigningConfig.defaults(), AccountConfig.defaults(), SecondFactorConfig.defaults());
    }

    @ParameterizedTest
    @MethodSource("topics")
    void everySettingIsInTheReadme_withTheDefaultTheCodeHas(Object defaults) throws Exception {
        String topic = defaults.getClass().getSimpleName();
        Map<String, String> rows = table(topic);
        assertThat(rows).as("README table for %s", topic).isNotEmpty();
        int checked = 0;
        for (Method m : defaults.getClass().getMethods()) {
            if (!isSetting(m)) {
                continue;
            }
            assertThat(rows).as("README row for %s.%s", topic, m.getName()).containsKey(m.getName());
            String expected = format(m.invoke(defaults), rows.get(m.getName()));
            if (expected != null) {
                assertThat(rows.get(m.getName())).as("%s.%s default", topic, m.getName()).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).as("defaults compared for %s", topic).isPositive();
    }

    private static boolean isSetting(Method m) {
        Class<?> t = m.getReturnType();
        return m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                && m.getDeclaringClass() != Object.class && !m.getName().equals("toString")
                && !m.getName().equals("hashCode") && !t.getName().startsWith("dev.latchkey.auth.internal")
                && !t.getSimpleName().endsWith("Config") && t != LoginLimits.class;
    }

    /** The README's form of a default, or null for one it describes in words (required, derived, templates). */
    private static String format(Object value, String readme) {
        if (value instanceof Duration d) {
            return duration(d);
        }
        if (value instanceof Integer || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof SigningAlgorithm a) {
            return a.jwsName();
        }
        if (value instanceof Clock c) {
            return c.equals(Clock.systemUTC()) ? "system UTC" : null;
        }
        if (value instanceof Optional<?> o) {
            return o.isEmpty() && !readme.startsWith("derived") ? "none" : null;
        }
        if (value instanceof Set<?> set) {
            return String.join(", ", set.stream().map(Object::toString).sorted().toList());
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty() ? "none" : null;
        }
        return null;
    }

    private static String duration(Duration d) {
        long s = d.toSeconds();
        if (s == 0) {
            return "0 (off)";
        }
        if (s % 86_400 == 0) {
            return plural(s / 86_400, "day");
        }
        if (s % 3600 == 0) {
            return plural(s / 3600, "hour");
        }
        if (s % 60 == 0) {
            return plural(s / 60, "minute");
        }
        return plural(s, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** The rows of the table under the line that opens with {@code `topic`}: setting name to default. */
    private static Map<String, String> table(String topic) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inTopic = false;
        for (String line : lines) {
            if (line.startsWith("`")) {
                inTopic = line.startsWith("`" + topic + "`");
                continue;
            }
            if (line.startsWith("#")) {
                inTopic = false;
            }
            Matcher m = ROW.matcher(line);
            if (inTopic && m.find()) {
                rows.put(m.group(1), m.group(2).trim());
            }
        }
        return rows;
    }
}
