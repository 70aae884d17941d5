package dev.latchkey.auth.jdbc;

/** {@link UserStoreContract} on {@link TestDatabase#POSTGRES}. */
class PostgresUserStoreTest extends UserStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
