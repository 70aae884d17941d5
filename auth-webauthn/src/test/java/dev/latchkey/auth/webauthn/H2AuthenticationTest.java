package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.store.AuthStores;

/** The authentication ceremony on {@link Stores#H2}. */
class H2AuthenticationTest extends AuthenticationContract {
    @Override
    AuthStores stores() {
        return Stores.H2.get();
    }
}
