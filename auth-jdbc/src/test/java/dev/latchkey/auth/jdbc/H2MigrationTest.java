package dev.latchkey.auth.jdbc;

/** {@link MigrationContract} on {@link TestDatabase#H2}. */
class H2MigrationTest extends MigrationContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
