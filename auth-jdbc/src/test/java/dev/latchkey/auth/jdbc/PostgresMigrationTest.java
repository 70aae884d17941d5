package dev.latchkey.auth.jdbc;

/** {@link MigrationContract} on {@link TestDatabase#POSTGRES}. */
class PostgresMigrationTest extends MigrationContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
