package dev.latchkey.auth.jdbc;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.contract.RateLimitBatchContract;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link RateLimitBatchContract} on every {@link TestDatabase}: H2 always, PostgreSQL and MariaDB when their URLs are
 * set (under {@code CI=true} a missing one fails).
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class RateLimitBatchContractTest extends RateLimitBatchContract {
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
}
