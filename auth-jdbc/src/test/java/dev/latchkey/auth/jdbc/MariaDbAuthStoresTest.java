package dev.latchkey.auth.jdbc;

/** {@link AuthStoresContract} on {@link TestDatabase#MARIADB}. */
class MariaDbAuthStoresTest extends AuthStoresContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
