package dev.latchkey.auth.testkit.memory;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.contract.ChallengeStoreContract;

/** {@link ChallengeStoreContract} on {@link InMemoryAuthStores}. */
class InMemoryChallengeStoreTest extends ChallengeStoreContract {
    @Override
    protected AuthStores newStores() {
        return InMemoryAuthStores.create();
    }

    @Override
    protected AuthStores anotherInstance(AuthStores stores) {
        return ((InMemoryAuthStores) stores).anotherInstance();
    }
}
