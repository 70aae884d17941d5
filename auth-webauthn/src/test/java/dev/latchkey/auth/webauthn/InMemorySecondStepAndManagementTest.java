package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.store.AuthStores;

/** Passkeys as a second factor and their management on {@link Stores#MEMORY}. */
class InMemorySecondStepAndManagementTest extends SecondStepAndManagementContract {
    @Override
    AuthStores stores() {
        return Stores.MEMORY.get();
    }
}
