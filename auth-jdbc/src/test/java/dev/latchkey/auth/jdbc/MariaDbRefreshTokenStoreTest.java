package dev.latchkey.auth.jdbc;

/** {@link RefreshTokenStoreContract} on {@link TestDatabase#MARIADB}. */
class MariaDbRefreshTokenStoreTest extends RefreshTokenStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
