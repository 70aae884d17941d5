package dev.latchkey.auth.testkit.memory;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.contract.FactorConcurrencyContract;

/** {@link FactorConcurrencyContract} on {@link InMemoryAuthStores}. */
class InMemoryFactorConcurrencyTest extends FactorConcurrencyContract {
    @Override
    protected AuthStores newStores() {
        return InMemoryAuthStores.create();
    }

    @Override
    protected AuthStores anotherInstance(AuthStores stores) {
        return ((InMemoryAuthStores) stores).anotherInstance();
    }
}
