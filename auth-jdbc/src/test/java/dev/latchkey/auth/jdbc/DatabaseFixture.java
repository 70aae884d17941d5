package dev.latchkey.auth.jdbc;

import dev.latchkey.auth.jdbc.internal.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.store.AuthStores;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One {@link TestDatabase} connected for a test class, or for one invocation of a parameterised class: a pool to it,
 * the other pools and table prefixes the tests asked for, and {@link #close()}, which drops every table of those
 * prefixes and closes every pool.
 *
 * <p>Connecting skips the tests when the database's URL is unset, or fails them under {@code CI=true} (see
 * {@link TestDatabase}); call the constructor where that should happen, such as a {@code @BeforeAll} or
 * {@code @BeforeParameterizedClassInvocation} method.
 */
final class DatabaseFixture implements AutoCloseable {
    private final TestDatabase database;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private final HikariDataSource dataSource;

    /** Connects to {@code database}. */
    DatabaseFixture(TestDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dataSource = newDataSource();
    }

    /** The database this fixture is connected to. */
    TestDatabase database() {
        return database;
    }

    /** The fixture's own pool. */
    HikariDataSource dataSource() {
        return dataSource;
    }

    /** Another pool to the same database, closed with the fixture. */
    HikariDataSource newDataSource() {
        return newDataSource(null);
    }

    /** Another pool whose connections start at this JDBC isolation level, closed with the fixture. */
    HikariDataSource newDataSource(String transactionIsolation) {
        HikariDataSource pool = database.newDataSource(transactionIsolation);
        pools.add(pool);
        return pool;
    }

    /** A table prefix of its own, whose tables are dropped with the fixture. */
    String newPrefix() {
        String prefix = TestDatabase.uniquePrefix();
        prefixes.add(prefix);
        return prefix;
    }

    /** Stores on empty tables of their own, migrated on the fixture's pool. */
    JdbcAuthStores newStores() {
        return JdbcAuthStores.newBuilder(dataSource).tablePrefix(newPrefix()).build();
    }

    /** A second instance over the tables of {@code stores}: its own pool, as another service instance would have. */
    JdbcAuthStores anotherInstance(AuthStores stores) {
        String prefix = ((JdbcAuthStores) stores).tablePrefix();
        return JdbcAuthStores.newBuilder(newDataSource()).tablePrefix(prefix).build();
    }

    /** Drops the tables of every prefix handed out, then closes every pool; safe to call twice. */
    @Override
    public void close() {
        try {
            if (!dataSource.isClosed()) {
                for (String prefix : prefixes) {
                    dropTables(dataSource, prefix);
                }
            }
            prefixes.clear();
        } finally {
            pools.forEach(HikariDataSource::close);
        }
    }

    /** Drops every Latchkey table of {@code prefix}, children first, from the one list of tables. */
    static void dropTables(DataSource dataSource, String prefix) {
        Jdbi.create(dataSource).useHandle(handle -> {
            for (String table : Tables.withPrefix(prefix).inDropOrder()) {
                handle.execute("DROP TABLE IF EXISTS " + table);
            }
        });
    }

}
