package dev.latchkey.auth.testkit.memory;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.contract.RefreshTokenStoreContract;

/** {@link RefreshTokenStoreContract} on {@link InMemoryAuthStores}. */
class InMemoryRefreshTokenStoreTest extends RefreshTokenStoreContract {
    @Override
    protected AuthStores newStores() {
        return InMemoryAuthStores.create();
    }

    @Override
    protected AuthStores anotherInstance(AuthStores stores) {
        return ((InMemoryAuthStores) stores).anotherInstance();
    }
}
