package dev.latchkey.auth.example;

import dev.latchkey.auth.testkit.CapturedLogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A bug behind a route gives 500 {@code internal_error} as problem+json, logged server-side, no stack trace out. */
class InternalErrorTest {
    /** A clock that can be made to fail, standing in for any unexpected exception deep in a request. */
    static final class BreakableClock extends Clock {
        volatile boolean broken;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            if (broken) {
                throw new IllegalStateException("the test broke the clock");
            }
            return Instant.now();
        }
    }

    @TempDir
    Path dataDir;

    private final BreakableClock clock = new BreakableClock();
    private ExampleApp app;

    @BeforeEach
    void start() {
        app = ExampleApp.start(Settings.fromEnvironment(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_MASTER_KEY", Base64.getEncoder().encodeToString("an internal-error test master key!".getBytes()),
                "AUTH_DB_URL", "jdbc:h2:mem:bug-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")),
                config -> config.clock(clock));
        CapturedLogs.clear();
    }

    @AfterEach
    void stop() {
        CapturedLogs.clear();
        app.close();
    }

    @Test
    void unexpectedException_is500InternalError_withoutAStackTrace() {
        Api api = new Api(app.port());
        clock.broken = true;

        Api.Reply reply = api.post("/api/auth/login", EndToEndContract.credentials("bug@example.com", "Some-Pass-99"));

        reply.problem(500, "internal_error");
        assertThat(reply.body()).doesNotContain("IllegalStateException", "the test broke the clock", "at dev.");
        assertThat(CapturedLogs.lines().stream().map(Object::toString).toList()).anyMatch(l -> l.startsWith("ERROR") && l.contains("IllegalStateException"))
                .noneMatch(l -> l.contains("Some-Pass-99"));
        clock.broken = false;
        api.post("/api/auth/login", EndToEndContract.credentials("bug@example.com", "Some-Pass-99"))
                .problem(401, "invalid_credentials");
    }
}
