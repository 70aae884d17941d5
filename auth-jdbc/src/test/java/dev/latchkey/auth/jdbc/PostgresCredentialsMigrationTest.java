package dev.latchkey.auth.jdbc;

/** {@link CredentialsMigrationContract} on {@link TestDatabase#POSTGRES}. */
class PostgresCredentialsMigrationTest extends CredentialsMigrationContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
