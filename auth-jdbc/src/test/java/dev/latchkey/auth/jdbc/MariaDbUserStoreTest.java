package dev.latchkey.auth.jdbc;

/** {@link UserStoreContract} on {@link TestDatabase#MARIADB}. */
class MariaDbUserStoreTest extends UserStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
