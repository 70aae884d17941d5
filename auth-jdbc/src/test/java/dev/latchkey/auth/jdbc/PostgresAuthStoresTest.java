package dev.latchkey.auth.jdbc;

/** {@link AuthStoresContract} on {@link TestDatabase#POSTGRES}. */
class PostgresAuthStoresTest extends AuthStoresContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
