package dev.latchkey.auth.jdbc;

/** {@link RefreshTokenStoreContract} on {@link TestDatabase#POSTGRES}. */
class PostgresRefreshTokenStoreTest extends RefreshTokenStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
