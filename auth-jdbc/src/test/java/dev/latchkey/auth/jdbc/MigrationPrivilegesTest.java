package dev.latchkey.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A database user that may read and write but not change the schema, on an H2 database of its own: the migration
 * failure says what to do, and {@code skipMigrations()} then works over a schema migrated by another user.
 */
class MigrationPrivilegesTest {
    private final String url = "jdbc:h2:mem:privileges-" + UUID.randomUUID();

    /** The administrator's connections keep the database alive (only an administrator may set that). */
    private JdbcDataSource as(String user, String password) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(user.equals("sa") ? url + ";DB_CLOSE_DELAY=-1" : url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    /** The database, created by its administrator, and a user without the right to create tables. */
    private JdbcDataSource appUser() {
        Jdbi.create(as("sa", "")).useHandle(handle -> handle.execute("CREATE USER app PASSWORD 'app-password'"));
        return as("app", "app-password");
    }

    @Test
    void build_byAUserWithoutTheRightToCreateTables_failsMentioningSkipMigrations() {
        JdbcDataSource app = appUser();

        assertThatThrownBy(() -> JdbcAuthStores.create(app))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(AuthErrorCode.STORE_UNAVAILABLE);
                    assertThat(e.getCause()).isNotNull();
                })
                .hasMessageContaining("lacks a privilege")
                .hasMessageContaining("skipMigrations()");
    }

    @Test
    void skipMigrations_byAUserWithoutDdlRightsOnASchemaMigratedByItsOwner_buildsWorkingStores() {
        JdbcDataSource app = appUser();
        JdbcAuthStores.create(as("sa", ""));
        Jdbi.create(as("sa", "")).useHandle(handle -> handle.execute(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA PUBLIC TO app"));

        JdbcAuthStores stores = JdbcAuthStores.newBuilder(app).skipMigrations().build();
        stores.users().insert(Fixtures.user());

        assertThat(stores.users().list(0, 10)).hasSize(1);
    }
}
