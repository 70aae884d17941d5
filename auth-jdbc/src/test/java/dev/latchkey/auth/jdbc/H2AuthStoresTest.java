package dev.latchkey.auth.jdbc;

/** {@link AuthStoresContract} on {@link TestDatabase#H2}. */
class H2AuthStoresTest extends AuthStoresContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
