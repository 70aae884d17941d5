package dev.latchkey.auth.example;

import dev.latchkey.auth.testkit.CapturedLogs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The default H2 database and the generated master key are readable by their owner only: the data directory is
 * created {@code rwx------} and the app's files in it are {@code rw-------} (hardening item 16b).
 */
class DataDirectoryPermissionsTest {
    @TempDir
    Path temp;

    @BeforeEach
    void posixOnly() {
        assumeThat(temp.getFileSystem().supportedFileAttributeViews()).contains("posix");
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static Path database(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".mv.db")).findFirst().orElseThrow();
        }
    }

    private static ExampleApp start(Path dataDir) {
        return ExampleApp.start(Settings.fromEnvironment(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString())));
    }

    @Test
    void freshDataDirectory_isOwnerOnly_andSoAreTheDatabaseAndTheKey() throws IOException {
        Path dataDir = temp.resolve("fresh").resolve("data");

        try (ExampleApp app = start(dataDir)) {
            assertThat(permissions(dataDir)).isEqualTo("rwx------");
            assertThat(permissions(database(dataDir))).isEqualTo("rw-------");
            assertThat(permissions(dataDir.resolve(MasterKeyFile.FILE_NAME))).isEqualTo("rw-------");
        }
    }

    @Test
    void worldReadableDatabaseFromAnEarlierRun_isMadeOwnerOnlyAtTheNextStart() throws IOException {
        Path dataDir = temp.resolve("data");
        try (ExampleApp first = start(dataDir)) {
            assertThat(first.port()).isPositive();
        }
        Files.setPosixFilePermissions(database(dataDir), PosixFilePermissions.fromString("rw-r--r--"));

        try (ExampleApp second = start(dataDir)) {
            assertThat(permissions(database(dataDir))).isEqualTo("rw-------");
        }
    }

    @Test
    void existingSharedDirectory_isLeftAsItIs_withAWarning_butItsDatabaseIsOwnerOnly() throws IOException {
        Path dataDir = Files.createDirectory(temp.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path neighbour = Files.writeString(dataDir.resolve("someone-elses.txt"), "x");
        Files.setPosixFilePermissions(neighbour, PosixFilePermissions.fromString("rw-r--r--"));
        CapturedLogs.clear();

        try (ExampleApp app = start(dataDir)) {
            assertThat(permissions(dataDir)).isEqualTo("rwxr-xr-x");
            assertThat(permissions(database(dataDir))).isEqualTo("rw-------");
            assertThat(permissions(neighbour)).isEqualTo("rw-r--r--");
            assertThat(CapturedLogs.allText()).contains("AUTH_DATA_DIR " + dataDir + " is rwxr-xr-x");
        }
    }
}
