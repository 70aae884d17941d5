package dev.latchkey.auth.example;

import com.sun.net.httpserver.HttpServer;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.password.PasswordConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages at {@code /} in headless Chromium: starts the app on this class's database and runs
 * {@code examples/browser-tests/pages.test.mjs} (Playwright, axe-core) with {@code node}, failing on a non-zero exit.
 *
 * <p>The app runs on a clock that keeps time and that the script moves forward through a small control server on loopback
 * ({@code POST /advance?seconds=N}, {@code GET /now} in epoch milliseconds), so that it can pass a code's cooldown, the
 * next TOTP step or the re-authentication age without waiting. Without {@code node}, Chromium ({@code CHROMIUM}, by
 * default {@code /usr/bin/chromium}) or the npm packages ({@code npm ci} in {@code examples/browser-tests}), the test
 * is skipped, or fails when {@code CI=true}. {@code LATCHKEY_BROWSER_TEST_NAME} (a regular expression) runs only the
 * script's tests whose names match, while working on one flow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserPagesContract {
    private static final Duration SCRIPT_LIMIT = Duration.ofMinutes(8);

    @TempDir
    Path dataDir;
    private final MovableClock clock = new MovableClock();
    private final List<ExampleApp> apps = new ArrayList<>();
    private HttpServer control;

    /** The environment that points the app at this class's database. */
    abstract Map<String, String> environment(Path dataDir);

    /** A table prefix for databases shared between runs; none by default. */
    String tablePrefix() {
        return "";
    }

    /**
     * Whether this run also scans every state with axe-core, writes the screenshots and runs the
     * {@code AUTH_MFA_POLICY=required} flow on a second app (H2); the flows run on every database.
     */
    abstract boolean full();

    @AfterAll
    void stop() {
        apps.forEach(ExampleApp::close);
        if (control != null) {
            control.stop(0);
        }
    }

    @Test
    void pages_inHeadlessChromium_passEveryFlow() throws Exception {
        Path tests = Path.of(System.getProperty("user.dir")).resolve("browser-tests");
        String node = require(executable("node"), "node");
        String chromium = require(Files.isExecutable(Path.of(chromiumPath())) ? chromiumPath() : null,
                "Chromium at " + chromiumPath() + " (apt-get install chromium, or set CHROMIUM)");
        require(Files.isDirectory(tests.resolve("node_modules/playwright-core")) ? "ok" : null,
                "the npm packages in " + tests + " (npm ci there)");

        Map<String, String> env = new HashMap<>();
        env.put("CHROMIUM", chromium);
        env.put("LATCHKEY_BASE_URL", "http://127.0.0.1:" + start(environment(dataDir), tablePrefix()).port());
        env.put("LATCHKEY_CLOCK_URL", "http://127.0.0.1:" + startControl());
        env.put("LATCHKEY_ERROR_CODES", errorCodes());
        env.put("LATCHKEY_AXE", Boolean.toString(full()));
        if (full()) {
            Path shots = Path.of(System.getProperty("user.dir")).resolve("target/browser-screenshots");
            Files.createDirectories(shots);
            env.put("LATCHKEY_SCREENSHOTS", shots.toString());
            env.put("LATCHKEY_README_SCREENSHOTS", tests.resolve("../../docs/screenshots").normalize().toString());
            Map<String, String> required = new HashMap<>(environment(dataDir.resolve("required")));
            required.put("AUTH_DB_URL", required.get("AUTH_DB_URL").replace("pages-", "pages-required-"));
            required.put("AUTH_MFA_POLICY", "required");
            env.put("LATCHKEY_REQUIRED_BASE_URL", "http://127.0.0.1:" + start(required, tablePrefix()).port());
        }
        List<String> command = new ArrayList<>(List.of(node, "--test", "--test-reporter=spec"));
        String only = System.getenv("LATCHKEY_BROWSER_TEST_NAME");
        if (only != null && !only.isBlank()) {
            command.add("--test-name-pattern=" + only); // while working on one flow: the tests whose names match
        }
        command.add("pages.test.mjs");
        ProcessBuilder process = new ProcessBuilder(command).directory(tests.toFile()).redirectErrorStream(true);
        process.environment().putAll(env);
        Process running = process.start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(running.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    System.out.println("[browser] " + line);
                    output.append(line).append('\n');
                }
            } catch (IOException e) {
                output.append("reading the output failed: ").append(e).append('\n');
            }
        }, "browser-tests-output");
        reader.start();
        boolean ended = running.waitFor(SCRIPT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            running.destroyForcibly().waitFor();
        }
        reader.join();
        assertThat(ended).as("the browser tests ended within %s:\n%s", SCRIPT_LIMIT, output).isTrue();
        assertThat(running.exitValue()).as("exit status of node --test pages.test.mjs:\n%s", output).isZero();
    }

    /**
     * Starts an app on a free port chosen here, so that its passkey origin ({@code AUTH_WEBAUTHN_ORIGINS}) can name
     * it: {@code http://localhost:<port>}, where the passkey tests open the pages (the RP id {@code localhost} is not
     * valid for pages at {@code 127.0.0.1}).
     */
    private ExampleApp start(Map<String, String> base, String prefix) throws IOException {
        Map<String, String> environment = new HashMap<>(base);
        int port = freePort();
        environment.put("PORT", Integer.toString(port));
        environment.put("AUTH_WEBAUTHN_ORIGINS", "http://localhost:" + port);
        Files.createDirectories(Path.of(environment.get("AUTH_DATA_DIR")));
        Settings settings = Settings.fromEnvironment(environment).withTablePrefix(prefix);
        ExampleApp app = ExampleApp.start(settings, config -> config.clock(clock)
                .passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build())
                .codes(ExampleApp.codes(settings).sendsPerAddressPerHour(1000).failuresPerAddressPerHour(1000).build()));
        apps.add(app);
        return app;
    }

    /** A port nothing listens on at the moment (the app binds it right after). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The control server of the app's clock, on loopback; returns its port. */
    private int startControl() throws IOException {
        control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        control.createContext("/advance", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            clock.advance(Duration.ofSeconds(Long.parseLong(query.substring(query.indexOf('=') + 1))));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        control.createContext("/now", exchange -> {
            byte[] now = Long.toString(clock.millis()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, now.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(now);
            }
        });
        control.start();
        return control.getAddress().getPort();
    }

    /** Every stable code an answer of the app may carry: the core's and the app's own. */
    private static String errorCodes() {
        return Stream.concat(Arrays.stream(AuthErrorCode.values()).map(AuthErrorCode::code),
                        Stream.of("payload_too_large", "unsupported_media_type", "method_not_allowed",
                                "rotation_not_supported", "internal_error"))
                .collect(Collectors.joining(","));
    }

    private static String chromiumPath() {
        String configured = System.getenv("CHROMIUM");
        return configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured;
    }

    private static String executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** {@code found}, or a skipped test (a failed one under {@code CI=true}) naming what is missing. */
    private static String require(String found, String what) {
        if (found == null) {
            String message = "the browser tests need " + what;
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + "; CI=true, so they fail instead of being skipped");
            }
            Assumptions.abort(message + "; skipped");
        }
        return found;
    }

    /** The system clock plus an offset that only grows: time passes as usual, and jumps on request. */
    private static final class MovableClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration by) {
            offset.updateAndGet(o -> o.plus(by));
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the app's clock is UTC");
        }
    }
}
