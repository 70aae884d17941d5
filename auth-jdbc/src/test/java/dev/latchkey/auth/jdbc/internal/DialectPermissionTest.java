package dev.latchkey.auth.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which driver errors mean that the database user lacks a privilege, as each database reports it. */
class DialectPermissionTest {

    @ParameterizedTest
    @CsvSource({
            "POSTGRESQL, 42501, 0, true",
            "POSTGRESQL, 42P01, 0, false",
            "MARIADB, 42000, 1142, true",
            "MARIADB, 42000, 1044, true",
            "MARIADB, 42000, 1227, true",
            "MARIADB, 42000, 1064, false",
            "H2, 90096, 90096, true",
            "H2, 42S02, 42102, false"})
    void isPermissionDenied_recognisesTheDatabasesOwnReport(Dialect dialect, String sqlState, int errorCode,
                                                            boolean denied) {
        assertThat(dialect.isPermissionDenied(new SQLException("reason", sqlState, errorCode))).isEqualTo(denied);
    }
}
