package dev.latchkey.auth.jdbc;

/** {@link RateLimitStoreContract} on {@link TestDatabase#POSTGRES}. */
class PostgresRateLimitStoreTest extends RateLimitStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
