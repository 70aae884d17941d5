package dev.latchkey.auth.jdbc;

/** {@link RefreshTokenStoreContract} on {@link TestDatabase#H2}. */
class H2RefreshTokenStoreTest extends RefreshTokenStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
