package dev.latchkey.auth.testkit.memory;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.contract.MasterKeyStoreContract;

/** {@link MasterKeyStoreContract} on {@link InMemoryAuthStores}. */
class InMemoryMasterKeyStoreTest extends MasterKeyStoreContract {
    @Override
    protected AuthStores newStores() {
        return InMemoryAuthStores.create();
    }

    @Override
    protected AuthStores anotherInstance(AuthStores stores) {
        return ((InMemoryAuthStores) stores).anotherInstance();
    }
}
