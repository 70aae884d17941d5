package dev.latchkey.auth.jdbc;

/** {@link SigningKeyStoreContract} on {@link TestDatabase#POSTGRES}. */
class PostgresSigningKeyStoreTest extends SigningKeyStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
