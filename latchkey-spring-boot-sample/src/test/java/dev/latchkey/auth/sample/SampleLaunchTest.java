package dev.latchkey.auth.sample;

import dev.latchkey.auth.example.MasterKeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad setting stops the sample with exit status 2 and one line naming it, as it stops the Javalin example, whether
 * {@code Settings} refuses it or a bean Spring makes does.
 */
class SampleLaunchTest {
    @TempDir
    Path dataDir;

    @Test
    void aBadVariable_stopsStartUpWithOneLineNamingIt() {
        assertStopsNaming(Map.of("AUTH_REFRESH_REUSE_GRACE", "10m"), "AUTH_REFRESH_REUSE_GRACE");
    }

    @Test
    void aCorruptMasterKeyFile_foundWhileSpringMakesTheConfig_stopsStartUpNamingTheDataDir() throws Exception {
        Files.writeString(dataDir.resolve(MasterKeyFile.FILE_NAME), "c2hvcnQ=\n");

        String line = assertStopsNaming(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(), "AUTH_DB_URL",
                "jdbc:h2:mem:launch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), "AUTH_DATA_DIR");

        assertThat(line).contains(MasterKeyFile.FILE_NAME);
    }

    @Test
    void anUnreachableDatabase_stopsStartUpNamingTheUrl_withoutItsPassword() {
        String line = assertStopsNaming(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(), "AUTH_ISSUER",
                "https://auth.example.test", "AUTH_DB_URL",
                "jdbc:postgresql://127.0.0.1:1/nothing?user=app&password=hunter2"), "AUTH_DB_URL");

        assertThat(line).contains("127.0.0.1:1").doesNotContain("hunter2");
    }

    @Test
    void aPortInUse_stopsStartUpNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String line = assertStopsNaming(Map.of("PORT", Integer.toString(taken.getLocalPort()), "AUTH_DATA_DIR",
                    dataDir.toString(), "AUTH_DB_URL", "jdbc:h2:mem:launch-" + UUID.randomUUID()
                            + ";DB_CLOSE_DELAY=-1"), "PORT");

            assertThat(line).contains(Integer.toString(taken.getLocalPort()));
        }
    }

    private static String assertStopsNaming(Map<String, String> env, String variable) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status;
        try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            status = SampleApplication.launch(env, err);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(2);
        assertThat(out).startsWith("latchkey-spring-boot-sample: cannot start: " + variable).endsWith("\n");
        assertThat(out.strip()).doesNotContain("\n");
        return out.strip();
    }
}
