package dev.latchkey.auth.testkit.memory;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.contract.OtpCodeStoreContract;

/** {@link OtpCodeStoreContract} on {@link InMemoryAuthStores}. */
class InMemoryOtpCodeStoreTest extends OtpCodeStoreContract {
    @Override
    protected AuthStores newStores() {
        return InMemoryAuthStores.create();
    }

    @Override
    protected AuthStores anotherInstance(AuthStores stores) {
        return ((InMemoryAuthStores) stores).anotherInstance();
    }
}
