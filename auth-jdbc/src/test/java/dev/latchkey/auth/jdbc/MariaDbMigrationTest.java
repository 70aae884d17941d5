package dev.latchkey.auth.jdbc;

/** {@link MigrationContract} on {@link TestDatabase#MARIADB}. */
class MariaDbMigrationTest extends MigrationContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
