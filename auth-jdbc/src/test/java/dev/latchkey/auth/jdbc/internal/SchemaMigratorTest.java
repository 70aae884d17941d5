package dev.latchkey.auth.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shipped scripts, without a database. */
class SchemaMigratorTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyMigration_existsForEveryDialectWithThePrefixFilledIn(Dialect dialect) {
        for (SchemaMigrator.Migration migration : SchemaMigrator.MIGRATIONS) {
            assertThat(SchemaMigrator.statements(dialect, migration.fileName(), "p_"))
                    .as(dialect + " " + migration.fileName())
                    .isNotEmpty()
                    .allSatisfy(statement -> assertThat(statement).doesNotContain("${").contains("p_latchkey_"));
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void schemaVersionTable_isCreatedOnlyIfAbsent(Dialect dialect) {
        assertThat(SchemaMigrator.statements(dialect, "schema_version.sql", ""))
                .singleElement()
                .satisfies(statement -> assertThat(statement).contains("CREATE TABLE IF NOT EXISTS latchkey_schema_version"));
    }
}
