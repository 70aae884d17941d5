package dev.latchkey.auth.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of the per-database {@link MigrationContract} subclasses: a {@link DatabaseFixture} on the subclass's
 * {@link #database()} for the whole class, and stores on a table prefix of their own. The store contracts run from
 * {@code auth-testkit} instead, one parameterised class each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContractBase {
    private DatabaseFixture fixture;
    private JdbcAuthStores stores;

    /** The database this subclass runs on. */
    protected abstract TestDatabase database();

    @BeforeAll
    final void startDatabase() {
        fixture = new DatabaseFixture(database());
        stores = fixture.newStores();
    }

    @AfterAll
    final void dropTablesAndClosePools() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** The stores shared by the tests of the class. */
    protected final JdbcAuthStores stores() {
        return stores;
    }

    /** The pool behind {@link #stores()}. */
    protected final HikariDataSource dataSource() {
        return fixture.dataSource();
    }

    /** Another pool to the same database, closed after the class. */
    protected final HikariDataSource newDataSource() {
        return fixture.newDataSource();
    }

    /** Another pool whose connections start at this isolation level, closed after the class. */
    protected final HikariDataSource newDataSource(String transactionIsolation) {
        return fixture.newDataSource(transactionIsolation);
    }

    /** A table prefix of its own, whose tables are dropped after the class. */
    protected final String newPrefix() {
        return fixture.newPrefix();
    }

    /** Stores on empty tables of their own. */
    protected final JdbcAuthStores freshStores() {
        return fixture.newStores();
    }

    /** Drops every Latchkey table of {@code prefix}. */
    static void dropTables(HikariDataSource dataSource, String prefix) {
        DatabaseFixture.dropTables(dataSource, prefix);
    }
}
