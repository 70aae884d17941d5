package dev.latchkey.auth.testkit;

import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.AuthEventListener;
import dev.latchkey.auth.AuthEventType;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log lines of {@link AuthEventListener#logging()} cannot be forged by the values they show (item 12). */
class AuditLogLinesTest {
    private static final String AUDIT = "dev.latchkey.auth.audit";
    /** CR, LF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR, ESC, RIGHT-TO-LEFT OVERRIDE, NO-BREAK SPACE. */
    private static final String FORGERS = "\r\n\u0085\u2028\u2029\u001b\u202e\u00a0";
    private static final String ESCAPED = "\\u000D\\u000A\\u0085\\u2028\\u2029\\u001B\\u202E\\u00A0";

    private static List<CapturedLogs.Line> auditLines(AuthEvent event) {
        CapturedLogs.clear();
        AuthEventListener.logging().onEvent(event);
        return CapturedLogs.lines().stream().filter(l -> l.logger().equals(AUDIT)).toList();
    }

    @Test
    void lineBreaksAndInvisibleCharactersInDetailAndDestination_areLoggedEscapedOnOneLine() {
        AuthEvent event = new AuthEvent(AuthEventType.LOGIN_FAILED, Instant.EPOCH, "u1",
                "a***@example.com" + FORGERS + "LOGIN_SUCCEEDED user=admin", "203.0.113.7", null,
                "wrong_password" + FORGERS + "LOGIN_SUCCEEDED user=admin");

        List<CapturedLogs.Line> lines = auditLines(event);

        assertThat(lines).hasSize(1);
        String text = lines.get(0).text();
        assertThat(text).doesNotContain("\r", "\n", "\u0085", "\u2028", "\u2029", "\u001b", "\u202e", "\u00a0")
                .contains("to=a***@example.com" + ESCAPED + "LOGIN_SUCCEEDED")
                .contains("detail=wrong_password" + ESCAPED + "LOGIN_SUCCEEDED")
                .startsWith("LOGIN_FAILED user=u1 ");
        assertThat(lines.get(0).level()).isEqualTo(Level.INFO);
    }

    @Test
    void backslashInAValue_isDoubled_soAnEscapeInTheLogAlwaysMeansAnEscapedCharacter() {
        AuthEvent event = new AuthEvent(AuthEventType.ACCOUNT_LOCKED, Instant.EPOCH, "u1", null, null, null,
                "typed\\u000Aitself");

        List<CapturedLogs.Line> lines = auditLines(event);

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.text()).endsWith("detail=typed\\\\u000Aitself");
            assertThat(line.level()).isEqualTo(Level.WARN);
        });
    }

    @Test
    void ordinaryEvent_isLoggedUnchanged() {
        AuthEvent event = new AuthEvent(AuthEventType.LOGIN_SUCCEEDED, Instant.EPOCH, "u1", "a***@example.com",
                "2001:db8::1", "s1", "password");

        assertThat(auditLines(event)).singleElement().extracting(CapturedLogs.Line::text).isEqualTo(event.toString());
    }
}
