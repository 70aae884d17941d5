package dev.latchkey.auth.jdbc;

/** {@link SigningKeyStoreContract} on {@link TestDatabase#H2}. */
class H2SigningKeyStoreTest extends SigningKeyStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
