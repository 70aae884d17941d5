package dev.latchkey.auth.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shipped script edited after a database applied it: start-up fails naming the script, whether Latchkey migrates
 * or only verifies. The edited scripts come from a copy of the H2 folder on a class loader of their own.
 */
class SchemaMigratorChecksumTest {
    private static final String FOLDER = "dev/latchkey/auth/jdbc/migrations/h2/";

    @TempDir
    Path temp;

    private final Jdbi jdbi;
    private final Database database;

    SchemaMigratorChecksumTest() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:checksum-test-" + HexFormat.of().toHexDigits(System.nanoTime())
                + ";DB_CLOSE_DELAY=-1");
        jdbi = Jdbi.create(dataSource);
        database = new Database(jdbi, Dialect.H2, Tables.withPrefix(""), 1000);
    }

    /** A class loader seeing a copy of the shipped H2 scripts with one line added to {@code edited}. */
    private URLClassLoader withEditedScript(String edited) throws IOException, URISyntaxException {
        URL shipped = getClass().getClassLoader().getResource(FOLDER + MigrationScripts.VERSION_TABLE_SCRIPT);
        Path source = Path.of(shipped.toURI()).getParent();
        Path target = Files.createDirectories(temp.resolve(FOLDER));
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        Path script = target.resolve(edited);
        Files.writeString(script, Files.readString(script) + "-- an innocent-looking edit\n");
        return new URLClassLoader(new URL[] {temp.toUri().toURL()}, null);
    }

    @Test
    void migrate_afterAnAppliedScriptWasEdited_failsNamingTheScript() throws Exception {
        new SchemaMigrator(database, Clock.systemUTC()).migrate();

        try (URLClassLoader edited = withEditedScript("V3__otp_codes.sql")) {
            SchemaMigrator migrator = new SchemaMigrator(database, Clock.systemUTC(), edited);

            assertThatThrownBy(migrator::migrate)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("migration V3__otp_codes.sql was changed after it was applied")
                    .hasMessageNotContaining("V4__");
        }
    }

    @Test
    void verify_afterAnAppliedScriptWasEdited_failsNamingTheScript() throws Exception {
        new SchemaMigrator(database, Clock.systemUTC()).migrate();

        try (URLClassLoader edited = withEditedScript("V6__signing_keys.sql")) {
            SchemaMigrator migrator = new SchemaMigrator(database, Clock.systemUTC(), edited);

            assertThatThrownBy(migrator::verify)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("migration V6__signing_keys.sql was changed after it was applied");
        }
    }

    @Test
    void migrate_withTheShippedScripts_recordsTheirChecksums() {
        SchemaMigrator migrator = new SchemaMigrator(database, Clock.systemUTC());

        migrator.migrate();

        List<String> recorded = jdbi.withHandle(h -> h.createQuery("SELECT checksum FROM "
                + database.tables().schemaVersion() + " ORDER BY version").mapTo(String.class).list());
        assertThat(recorded).containsExactlyElementsOf(
                migrator.scripts().stream().map(MigrationScripts.Script::checksum).toList());
    }
}
