package dev.latchkey.auth.jdbc;

import java.util.List;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.contract.ConcurrencyContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ConcurrencyContract} on every {@link TestDatabase}, across two {@link JdbcAuthStores} with pools of their
 * own over one database: H2 always, PostgreSQL and MariaDB when their URLs are set (under {@code CI=true} a missing
 * one fails); and rotation on pools whose connections start at REPEATABLE READ, as a host's pool may.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class ConcurrencyContractTest extends ConcurrencyContract {
    @Parameter
    TestDatabase database;

    private DatabaseFixture db;

    @BeforeParameterizedClassInvocation
    void connect() {
        db = null;
        db = new DatabaseFixture(database);
    }

    @AfterParameterizedClassInvocation
    void dropTablesAndDisconnect() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected AuthStores newStores() {
        return db.newStores();
    }

    @Override
    protected AuthStores anotherInstance(AuthStores stores) {
        return db.anotherInstance(stores);
    }

    @Test
    void rotate_fiftyConcurrentCallsOnPoolsAtRepeatableRead_exactlyOneWinsAndNoneFails() throws Exception {
        assertFiftyConcurrentRotationsHaveOneWinner(List.of(atRepeatableRead(), atRepeatableRead()));
    }

    private AuthStores atRepeatableRead() {
        return JdbcAuthStores.newBuilder(db.newDataSource("TRANSACTION_REPEATABLE_READ"))
                .tablePrefix(((JdbcAuthStores) stores()).tablePrefix())
                .build();
    }
}
