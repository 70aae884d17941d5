package dev.latchkey.auth.example;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The example listens on loopback unless told otherwise, and serves the mock's {@code /dev/outbox} (every code, to
 * anyone) only there or with an explicit {@code AUTH_DEV_OUTBOX=true} (hardening item 10).
 */
class DevOutboxExposureTest {
    @TempDir
    Path dataDir;

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_DB_URL", "jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static int outboxStatus(ExampleApp app) {
        return new Api(app.port()).get("/dev/outbox?to=a%40example.com").status();
    }

    @Test
    void settings_defaultToLoopbackAndNoDevOutbox() {
        Settings settings = Settings.fromEnvironment(Map.of());

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.devOutbox()).isFalse();
    }

    @Test
    void settings_readHostAndDevOutbox() {
        Settings settings = Settings.fromEnvironment(Map.of("AUTH_HOST", "0.0.0.0", "AUTH_DEV_OUTBOX", "TRUE"));

        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.devOutbox()).isTrue();
        assertThat(settings.toString()).contains("host=0.0.0.0", "devOutbox=true");
    }

    @Test
    void devOutbox_thatIsNotTrueOrFalse_namesIt() {
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("AUTH_DEV_OUTBOX", "yes")))
                .isInstanceOf(StartupException.class).hasMessageStartingWith("AUTH_DEV_OUTBOX");
    }

    @Test
    void host_thatIsNotAnAddressOrName_namesIt() {
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("AUTH_HOST", "127.0.0.1 ; rm")))
                .isInstanceOf(StartupException.class).hasMessageStartingWith("AUTH_HOST");
    }

    @Test
    void byDefault_theAppListensOnLoopbackOnly_andServesTheOutboxThere() throws IOException {
        Optional<InetAddress> external = nonLoopbackAddress();
        try (ExampleApp app = ExampleApp.start(Settings.fromEnvironment(env()))) {
            assertThat(outboxStatus(app)).isEqualTo(200);
            assumeThat(external).as("a non-loopback address on this machine").isPresent();
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), app.port()), 2000))
                        .isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void listeningOnEveryInterface_turnsTheOutboxOff_thoughTheMockStillDelivers() {
        try (ExampleApp app = ExampleApp.start(Settings.fromEnvironment(env("AUTH_HOST", "0.0.0.0")))) {
            assertThat(app.mockOtpProvider()).isPresent();
            new Api(app.port()).get("/dev/outbox?to=a%40example.com").problem(404, "not_found");
            new Api(app.port()).get("/dev/outbox.html").problem(404, "not_found"); // and its page
        }
    }

    @Test
    void listeningOnEveryInterface_withTheDevFlag_servesTheOutbox() {
        try (ExampleApp app = ExampleApp.start(Settings.fromEnvironment(env("AUTH_HOST", "0.0.0.0",
                "AUTH_DEV_OUTBOX", "true")))) {
            assertThat(outboxStatus(app)).isEqualTo(200);
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
