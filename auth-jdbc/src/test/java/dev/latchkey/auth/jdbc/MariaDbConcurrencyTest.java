package dev.latchkey.auth.jdbc;

/** {@link ConcurrencyContract} on {@link TestDatabase#MARIADB}. */
class MariaDbConcurrencyTest extends ConcurrencyContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
