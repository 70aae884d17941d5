package dev.latchkey.auth.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import dev.latchkey.auth.jdbc.internal.MigrationScripts.Script;
import dev.latchkey.auth.jdbc.internal.MigrationScripts.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shipped scripts, without a database. */
class SchemaMigratorTest {
    private static final ClassLoader LOADER = SchemaMigratorTest.class.getClassLoader();
    private static final Tables UNPREFIXED = Tables.withPrefix("");
    private static final Tables PREFIXED = Tables.withPrefix("p_");

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyShippedScript_hasThePrefixFilledInEverywhere(Dialect dialect) {
        for (Script script : MigrationScripts.discover(LOADER, dialect)) {
            assertThat(MigrationScripts.statements(script.text(), "p_"))
                    .as(dialect + " " + script.fileName())
                    .isNotEmpty()
                    .allSatisfy(statement -> {
                        assertThat(statement.sql()).doesNotContain("${");
                        assertThat(PREFIXED.inDropOrder()).anyMatch(table -> statement.sql().contains(table));
                        if (statement.condition() != null) {
                            assertThat(PREFIXED.inDropOrder()).contains(statement.condition().table());
                        }
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyDialect_shipsVersionsOneToTheLatestWithTheSameNames(Dialect dialect) {
        List<Script> scripts = MigrationScripts.discover(LOADER, dialect);
        List<String> h2Names = MigrationScripts.discover(LOADER, Dialect.H2).stream().map(Script::fileName).toList();

        assertThat(scripts).extracting(Script::version)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, SchemaMigrator.latestVersion()).boxed().toList());
        assertThat(scripts).extracting(Script::fileName).containsExactlyElementsOf(h2Names);
    }

    @Test
    void latestVersion_isTenWithTheMasterKeyRegistry() {
        assertThat(SchemaMigrator.latestVersion()).isEqualTo(10);
        assertThat(MigrationScripts.discover(LOADER, Dialect.POSTGRESQL).get(6).fileName())
                .isEqualTo("V7__credentials_challenges_pending_contacts.sql");
        assertThat(MigrationScripts.discover(LOADER, Dialect.POSTGRESQL).get(7).fileName())
                .isEqualTo("V8__session_authentication.sql");
        assertThat(MigrationScripts.discover(LOADER, Dialect.POSTGRESQL).get(8).fileName())
                .isEqualTo("V9__user_external_ids.sql");
        assertThat(MigrationScripts.discover(LOADER, Dialect.POSTGRESQL).get(9).fileName())
                .isEqualTo("V10__master_keys.sql");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void versionTableScript_createsTheTableOnlyIfAbsentThenAddsTheChecksumColumnOnlyIfAbsent(Dialect dialect) {
        List<Statement> statements =
                MigrationScripts.statements(MigrationScripts.versionTableScript(LOADER, dialect), "");

        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).sql()).contains("CREATE TABLE IF NOT EXISTS " + UNPREFIXED.schemaVersion());
        assertThat(statements.get(0).condition()).isNull();
        assertThat(statements.get(1).sql()).startsWith("ALTER TABLE " + UNPREFIXED.schemaVersion() + " ADD COLUMN");
        assertThat(statements.get(1).condition())
                .isEqualTo(new MigrationScripts.ColumnCondition(false, UNPREFIXED.schemaVersion(), "checksum"));
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "MARIADB"})
    void credentialsMigration_onDatabasesWithoutTransactionalDdl_guardsWhatCannotRunTwice(Dialect dialect) {
        List<Statement> statements = MigrationScripts.statements(
                MigrationScripts.discover(LOADER, dialect).get(6).text(), "");

        assertThat(statements)
                .filteredOn(s -> s.sql().startsWith("INSERT INTO " + UNPREFIXED.credentials()))
                .singleElement()
                .satisfies(s -> assertThat(s.condition()).isEqualTo(
                        new MigrationScripts.ColumnCondition(true, UNPREFIXED.users(), "password_hash")));
        assertThat(statements)
                .filteredOn(s -> s.sql().startsWith("CREATE") || s.sql().startsWith("ALTER"))
                .allSatisfy(s -> assertThat(s.condition() != null || s.sql().contains("IF NOT EXISTS")
                        || s.sql().contains("IF EXISTS")).as(s.sql()).isTrue());
    }
}
