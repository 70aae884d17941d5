package dev.latchkey.auth.jdbc;

/** {@link CredentialStoreContract} on {@link TestDatabase#H2}. */
class H2CredentialStoreTest extends CredentialStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
