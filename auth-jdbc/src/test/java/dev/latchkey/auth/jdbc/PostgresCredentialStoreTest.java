package dev.latchkey.auth.jdbc;

/** {@link CredentialStoreContract} on {@link TestDatabase#POSTGRES}. */
class PostgresCredentialStoreTest extends CredentialStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
