package dev.latchkey.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Schema migrations: applied once, safe when instances start together, and checked when the host runs them. */
abstract class MigrationContract extends ContractBase {
    private static final Map<String, String> MIGRATIONS = Map.of(
            "1", "V1__users.sql", "2", "V2__sessions.sql", "3", "V3__otp_codes.sql", "4", "V4__rate_limits.sql",
            "5", "V5__audit_events.sql", "6", "V6__signing_keys.sql");

    private Jdbi jdbi() {
        return Jdbi.create(dataSource());
    }

    private List<Integer> recordedVersions(String prefix) {
        return jdbi().withHandle(handle -> handle
                .createQuery("SELECT version FROM " + prefix + "latchkey_schema_version ORDER BY version")
                .mapTo(Integer.class)
                .list());
    }

    private List<Long> appliedTimes(String prefix) {
        return jdbi().withHandle(handle -> handle
                .createQuery("SELECT applied_at FROM " + prefix + "latchkey_schema_version ORDER BY version")
                .mapTo(Long.class)
                .list());
    }

    @Test
    void build_onEmptyDatabase_recordsEveryVersionOnce() {
        String prefix = newPrefix();

        JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).build();

        assertThat(recordedVersions(prefix)).containsExactlyElementsOf(allVersions());
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
                .createQuery("SELECT COUNT(*) FROM " + prefix + "latchkey_users")
                .mapTo(Integer.class)
                .one());

        assertThat(rows).isEqualTo(1);
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
        jdbi().useHandle(handle -> handle.execute("DELETE FROM " + prefix + "latchkey_schema_version WHERE version = 4"));

        assertThatThrownBy(() -> JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).skipMigrations().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V4__rate_limits.sql")
                .hasMessageNotContaining("V3__otp_codes.sql");
    }

    @Test
    void skipMigrations_afterTheHostRanTheShippedScripts_buildsWorkingStores() throws IOException {
        String prefix = newPrefix();
        String folder = "/dev/latchkey/auth/jdbc/migrations/" + stores().dialectName() + "/";
        List<String> scripts = new java.util.ArrayList<>(List.of("schema_version.sql"));
        allVersions().forEach(v -> scripts.add(MIGRATIONS.get(String.valueOf(v))));
        for (String script : scripts) {
            runScript(read(folder + script).replace("${prefix}", prefix));
        }
        jdbi().useHandle(handle -> {
            for (int version : allVersions()) {
                handle.execute("INSERT INTO " + prefix + "latchkey_schema_version (version, description, applied_at) "
                        + "VALUES (?, ?, ?)", version, MIGRATIONS.get(String.valueOf(version)), 0L);
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

    private void runScript(String script) {
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        jdbi().useHandle(handle -> {
            for (String statement : sql.toString().split(";")) {
                if (!statement.isBlank()) {
                    handle.execute(statement);
                }
            }
        });
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = MigrationContract.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every version this library ships, 1 to {@link JdbcAuthStores#schemaVersion()}; each must be in the map above. */
    private static List<Integer> allVersions() {
        List<Integer> versions = new java.util.ArrayList<>();
        for (int v = 1; v <= JdbcAuthStores.schemaVersion(); v++) {
            assertThat(MIGRATIONS).containsKey(String.valueOf(v));
            versions.add(v);
        }
        return versions;
    }
}
