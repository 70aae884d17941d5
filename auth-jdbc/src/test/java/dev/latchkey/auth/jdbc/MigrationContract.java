package dev.latchkey.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.jdbc.internal.Dialect;
import dev.latchkey.auth.jdbc.internal.MigrationScripts;
import dev.latchkey.auth.jdbc.internal.MigrationScripts.Script;
import dev.latchkey.auth.jdbc.internal.Tables;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Schema migrations: applied once, safe when instances start together, checked when the host runs them, and
 * protected by the checksums of the applied scripts.
 */
abstract class MigrationContract extends ContractBase {

    private Jdbi jdbi() {
        return Jdbi.create(dataSource());
    }

    private Dialect dialect() {
        return Arrays.stream(Dialect.values()).filter(d -> d.id().equals(stores().dialectName())).findFirst()
                .orElseThrow();
    }

    /** The scripts this library ships for the database under test, in order. */
    private List<Script> shipped() {
        return MigrationScripts.discover(getClass().getClassLoader(), dialect());
    }

    private List<Integer> allVersions() {
        return shipped().stream().map(Script::version).toList();
    }

    private List<Integer> recordedVersions(String prefix) {
        return jdbi().withHandle(handle -> handle
                .createQuery("SELECT version FROM " + Tables.withPrefix(prefix).schemaVersion() + " ORDER BY version")
                .mapTo(Integer.class)
                .list());
    }

    private List<Long> appliedTimes(String prefix) {
        return jdbi().withHandle(handle -> handle
                .createQuery("SELECT applied_at FROM " + Tables.withPrefix(prefix).schemaVersion()
                        + " ORDER BY version")
                .mapTo(Long.class)
                .list());
    }

    private List<String> recordedChecksums(String prefix) {
        return jdbi().withHandle(handle -> handle
                .createQuery("SELECT checksum FROM " + Tables.withPrefix(prefix).schemaVersion() + " ORDER BY version")
                .mapTo(String.class)
                .list());
    }

    private void execute(String sql) {
        jdbi().useHandle(handle -> handle.execute(sql));
    }

    @Test
    void build_onEmptyDatabase_recordsEveryVersionOnce() {
        String prefix = newPrefix();

        JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).build();

        assertThat(recordedVersions(prefix)).containsExactlyElementsOf(allVersions());
    }

    @Test
    void build_onEmptyDatabase_recordsTheSha256OfEveryScript() {
        String prefix = newPrefix();

        JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).build();

        assertThat(recordedChecksums(prefix)).containsExactlyElementsOf(
                shipped().stream().map(Script::checksum).toList());
    }

    @Test
    void build_onMigratedDatabase_appliesNothingAgain() {
        String prefix = newPrefix();
        JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).build();
        List<Long> firstRun = appliedTimes(prefix);

        JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).build();

        assertThat(appliedTimes(prefix)).isEqualTo(firstRun);
    }

    @Test
    void build_concurrentlyByFourInstancesWithSeparatePools_allSucceedAndRecordEachVersionOnce() throws Exception {
        String prefix = newPrefix();
        List<HikariDataSource> pools = List.of(newDataSource(), newDataSource(), newDataSource(), newDataSource());
        List<JdbcAuthStores> built = new ArrayList<>(List.of(stores(), stores(), stores(), stores()));

        long succeeded = Concurrently.countTrue(4, call -> {
            built.set(call, JdbcAuthStores.newBuilder(pools.get(call)).tablePrefix(prefix).build());
            return true;
        });

        assertThat(succeeded).isEqualTo(4);
        assertThat(recordedVersions(prefix)).containsExactlyElementsOf(allVersions());
        assertThat(built).allSatisfy(stores -> assertThat(stores.tablePrefix()).isEqualTo(prefix));
    }

    @Test
    void build_withTablePrefix_createsPrefixedTablesTheStoresUse() {
        String prefix = newPrefix();
        JdbcAuthStores prefixed = JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).build();
        prefixed.users().insert(Fixtures.user());

        int rows = jdbi().withHandle(handle -> handle
                .createQuery("SELECT COUNT(*) FROM " + Tables.withPrefix(prefix).users())
                .mapTo(Integer.class)
                .one());

        assertThat(rows).isEqualTo(1);
    }

    @Test
    void build_afterTheChecksumRecordedForAScriptChanged_failsNamingTheScript() {
        String prefix = newPrefix();
        JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).build();
        execute("UPDATE " + Tables.withPrefix(prefix).schemaVersion() + " SET checksum = '" + "0".repeat(64)
                + "' WHERE version = 3");

        assertThatThrownBy(() -> JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("migration V3__otp_codes.sql was changed after it was applied")
                .hasMessageNotContaining("V2__");
    }

    @Test
    void build_onSchemaRecordedBeforeChecksumsWereKept_recordsTheShippedChecksums() {
        String prefix = newPrefix();
        JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).build();
        execute("UPDATE " + Tables.withPrefix(prefix).schemaVersion() + " SET checksum = NULL");

        JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).build();

        assertThat(recordedChecksums(prefix)).containsExactlyElementsOf(
                shipped().stream().map(Script::checksum).toList());
    }

    @Test
    void skipMigrations_onMigratedSchema_builds() {
        String prefix = stores().tablePrefix();

        JdbcAuthStores skipped = JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).skipMigrations().build();

        assertThat(skipped.tablePrefix()).isEqualTo(prefix);
    }

    @Test
    void skipMigrations_onEmptyDatabase_failsNamingTheMissingMigrations() {
        String prefix = newPrefix();

        assertThatThrownBy(() -> JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).skipMigrations().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V1__users.sql")
                .hasMessageContaining("V4__rate_limits.sql");
    }

    @Test
    void skipMigrations_onOutdatedSchema_failsNamingTheMissingMigration() {
        String prefix = newPrefix();
        JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).build();
        execute("DELETE FROM " + Tables.withPrefix(prefix).schemaVersion() + " WHERE version = 4");

        assertThatThrownBy(() -> JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).skipMigrations().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V4__rate_limits.sql")
                .hasMessageNotContaining("V3__otp_codes.sql");
    }

    @Test
    void skipMigrations_afterTheChecksumRecordedForAScriptChanged_failsNamingTheScript() {
        String prefix = newPrefix();
        JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).build();
        execute("UPDATE " + Tables.withPrefix(prefix).schemaVersion() + " SET checksum = '" + "f".repeat(64)
                + "' WHERE version = 1");

        assertThatThrownBy(() -> JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).skipMigrations().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("migration V1__users.sql was changed after it was applied");
    }

    /**
     * What a host's own tool (Flyway, a DBA) does: every statement of schema_version.sql and the V scripts in order,
     * comments (the latchkey:if-column conditions among them) ignored, then one row per version without checksum.
     */
    @Test
    void skipMigrations_afterTheHostRanTheShippedScripts_buildsWorkingStores() {
        String prefix = newPrefix();
        List<String> scripts = new ArrayList<>();
        scripts.add(MigrationScripts.versionTableScript(getClass().getClassLoader(), dialect()));
        shipped().forEach(script -> scripts.add(script.text()));
        jdbi().useHandle(handle -> {
            for (String script : scripts) {
                for (MigrationScripts.Statement statement : MigrationScripts.statements(script, prefix)) {
                    handle.execute(statement.sql());
                }
            }
            for (Script script : shipped()) {
                handle.execute("INSERT INTO " + Tables.withPrefix(prefix).schemaVersion()
                        + " (version, description, applied_at) VALUES (?, ?, ?)",
                        script.version(), script.description(), 0L);
            }
        });

        JdbcAuthStores skipped = JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).skipMigrations().build();
        skipped.users().insert(Fixtures.user());

        assertThat(skipped.users().list(0, 10)).hasSize(1);
    }

    @Test
    void dialectName_namesTheDetectedDatabase() {
        String expected = switch (database()) {
            case H2 -> "h2";
            case POSTGRES -> "postgresql";
            case MARIADB -> "mariadb";
        };

        assertThat(stores().dialectName()).isEqualTo(expected);
    }
}
