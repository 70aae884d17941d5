package dev.latchkey.auth.testkit.memory;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.contract.SigningKeyStoreContract;

/** {@link SigningKeyStoreContract} on {@link InMemoryAuthStores}. */
class InMemorySigningKeyStoreTest extends SigningKeyStoreContract {
    @Override
    protected AuthStores newStores() {
        return InMemoryAuthStores.create();
    }

    @Override
    protected AuthStores anotherInstance(AuthStores stores) {
        return ((InMemoryAuthStores) stores).anotherInstance();
    }
}
