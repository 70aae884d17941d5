package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.store.AuthStores;

/** Passkeys as a second factor and their management on {@link Stores#H2}. */
class H2SecondStepAndManagementTest extends SecondStepAndManagementContract {
    @Override
    AuthStores stores() {
        return Stores.H2.get();
    }
}
