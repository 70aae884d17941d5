package dev.latchkey.auth.testkit.memory;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.contract.RateLimitBatchContract;

/** {@link RateLimitBatchContract} on {@link InMemoryAuthStores}: the store interface's defaults for several keys. */
class InMemoryRateLimitBatchTest extends RateLimitBatchContract {
    @Override
    protected AuthStores newStores() {
        return InMemoryAuthStores.create();
    }

    @Override
    protected AuthStores anotherInstance(AuthStores stores) {
        return ((InMemoryAuthStores) stores).anotherInstance();
    }
}
