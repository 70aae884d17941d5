package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.store.AuthStores;

/** The registration ceremony on {@link Stores#MEMORY}. */
class InMemoryRegistrationTest extends RegistrationContract {
    @Override
    AuthStores stores() {
        return Stores.MEMORY.get();
    }
}
