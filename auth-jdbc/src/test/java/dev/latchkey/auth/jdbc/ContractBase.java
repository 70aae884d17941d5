package dev.latchkey.auth.jdbc;

import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.jdbc.internal.Tables;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every contract test needs: a pool to one {@link TestDatabase}, stores on a table prefix of their own, and
 * the clean-up of every table they created.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContractBase {
    private final List<HikariDataSource> dataSources = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private HikariDataSource dataSource;
    private JdbcAuthStores stores;

    /** The database this subclass runs the contract on. */
    protected abstract TestDatabase database();

    @BeforeAll
    final void startDatabase() {
        dataSource = newDataSource();
        stores = freshStores();
    }

    @AfterAll
    final void dropTablesAndClosePools() {
        try {
            if (dataSource != null && !dataSource.isClosed()) {
                for (String prefix : prefixes) {
                    dropTables(dataSource, prefix);
                }
            }
        } finally {
            dataSources.forEach(HikariDataSource::close);
        }
    }

    /** The stores shared by the tests of the class. */
    protected final JdbcAuthStores stores() {
        return stores;
    }

    /** The pool behind {@link #stores()}. */
    protected final HikariDataSource dataSource() {
        return dataSource;
    }

    /** Another pool to the same database, closed after the class. */
    protected final HikariDataSource newDataSource() {
        return newDataSource(null);
    }

    /** Another pool whose connections start at this isolation level, closed after the class. */
    protected final HikariDataSource newDataSource(String transactionIsolation) {
        HikariDataSource pool = database().newDataSource(transactionIsolation);
        dataSources.add(pool);
        return pool;
    }

    /** A table prefix of its own, whose tables are dropped after the class. */
    protected final String newPrefix() {
        String prefix = TestDatabase.uniquePrefix();
        prefixes.add(prefix);
        return prefix;
    }

    /** Stores on empty tables of their own, for tests that count rows of a whole table. */
    protected final JdbcAuthStores freshStores() {
        return JdbcAuthStores.newBuilder(dataSource).tablePrefix(newPrefix()).build();
    }

    /** Drops every Latchkey table of {@code prefix}, children first. */
    static void dropTables(HikariDataSource dataSource, String prefix) {
        Jdbi.create(dataSource).useHandle(handle -> {
            for (String table : Tables.withPrefix(prefix).inDropOrder()) {
                handle.execute("DROP TABLE IF EXISTS " + table);
            }
        });
    }
}
