package dev.latchkey.auth.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DialectTest {

    @ParameterizedTest
    @CsvSource({"H2, H2", "PostgreSQL, POSTGRESQL", "MariaDB, MARIADB", "MySQL, MARIADB"})
    void fromProductName_ofSupportedDatabase_returnsItsDialect(String productName, Dialect expected) {
        assertThat(Dialect.fromProductName(productName)).isEqualTo(expected);
    }

    @Test
    void fromProductName_ofUnsupportedDatabase_throwsIllegalArgumentNamingIt() {
        assertThatThrownBy(() -> Dialect.fromProductName("Oracle"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Oracle")
                .hasMessageContaining("PostgreSQL");
    }
}
