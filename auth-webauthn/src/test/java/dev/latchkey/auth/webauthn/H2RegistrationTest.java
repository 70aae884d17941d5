package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.store.AuthStores;

/** The registration ceremony on {@link Stores#H2}. */
class H2RegistrationTest extends RegistrationContract {
    @Override
    AuthStores stores() {
        return Stores.H2.get();
    }
}
