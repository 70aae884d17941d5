package dev.latchkey.auth.jdbc;

/** {@link UnavailableContract} on {@link TestDatabase#MARIADB}. */
class MariaDbUnavailableTest extends UnavailableContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
