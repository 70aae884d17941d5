package dev.latchkey.auth.jdbc;

/** {@link SigningKeyStoreContract} on {@link TestDatabase#MARIADB}. */
class MariaDbSigningKeyStoreTest extends SigningKeyStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
