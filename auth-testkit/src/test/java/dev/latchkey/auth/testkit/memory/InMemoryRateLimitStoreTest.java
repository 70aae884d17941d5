package dev.latchkey.auth.testkit.memory;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.contract.RateLimitStoreContract;

/**
 * {@link RateLimitStoreContract} on {@link InMemoryAuthStores}, whose counters are auth-core's
 * {@link dev.latchkey.auth.store.InMemoryRateLimitStore}: the single-instance store must behave like the SQL one.
 */
class InMemoryRateLimitStoreTest extends RateLimitStoreContract {
    @Override
    protected AuthStores newStores() {
        return InMemoryAuthStores.create();
    }

    @Override
    protected AuthStores anotherInstance(AuthStores stores) {
        return ((InMemoryAuthStores) stores).anotherInstance();
    }
}
