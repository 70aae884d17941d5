package dev.latchkey.auth.jdbc;

/** {@link CredentialStoreContract} on {@link TestDatabase#MARIADB}. */
class MariaDbCredentialStoreTest extends CredentialStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
