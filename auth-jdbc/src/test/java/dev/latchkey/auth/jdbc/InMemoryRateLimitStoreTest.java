package dev.latchkey.auth.jdbc;

import dev.latchkey.auth.store.InMemoryRateLimitStore;
import dev.latchkey.auth.store.RateLimitStore;

/**
 * {@link RateLimitStoreContract} on auth-core's {@link InMemoryRateLimitStore}: the single-instance implementation
 * must behave exactly like the SQL one.
 */
class InMemoryRateLimitStoreTest extends RateLimitStoreContract {
    private final InMemoryRateLimitStore store = new InMemoryRateLimitStore();

    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }

    @Override
    protected RateLimitStore limits() {
        return store;
    }
}
