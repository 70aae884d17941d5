package dev.latchkey.auth.testkit.memory;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.contract.CredentialScanContract;

/** {@link CredentialScanContract} on {@link InMemoryAuthStores}. */
class InMemoryCredentialScanTest extends CredentialScanContract {
    @Override
    protected AuthStores newStores() {
        return InMemoryAuthStores.create();
    }

    @Override
    protected AuthStores anotherInstance(AuthStores stores) {
        return ((InMemoryAuthStores) stores).anotherInstance();
    }
}
