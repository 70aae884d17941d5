package dev.latchkey.auth.jdbc;

/** {@link RateLimitStoreContract} on {@link TestDatabase#MARIADB}. */
class MariaDbRateLimitStoreTest extends RateLimitStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
