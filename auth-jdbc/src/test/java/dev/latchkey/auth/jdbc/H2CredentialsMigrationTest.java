package dev.latchkey.auth.jdbc;

/** {@link CredentialsMigrationContract} on {@link TestDatabase#H2}. */
class H2CredentialsMigrationTest extends CredentialsMigrationContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
