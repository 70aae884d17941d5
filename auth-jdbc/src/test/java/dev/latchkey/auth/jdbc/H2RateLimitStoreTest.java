package dev.latchkey.auth.jdbc;

/** {@link RateLimitStoreContract} on {@link TestDatabase#H2}. */
class H2RateLimitStoreTest extends RateLimitStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
