package dev.latchkey.auth.jdbc;

/** {@link CredentialsMigrationContract} on {@link TestDatabase#MARIADB}. */
class MariaDbCredentialsMigrationTest extends CredentialsMigrationContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
