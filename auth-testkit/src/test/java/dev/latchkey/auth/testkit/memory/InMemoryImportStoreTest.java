package dev.latchkey.auth.testkit.memory;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.contract.ImportStoreContract;

/** {@link ImportStoreContract} on {@link InMemoryAuthStores}. */
class InMemoryImportStoreTest extends ImportStoreContract {
    @Override
    protected AuthStores newStores() {
        return InMemoryAuthStores.create();
    }
}
