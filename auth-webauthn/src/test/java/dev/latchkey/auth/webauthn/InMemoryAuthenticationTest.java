package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.store.AuthStores;

/** The authentication ceremony on {@link Stores#MEMORY}. */
class InMemoryAuthenticationTest extends AuthenticationContract {
    @Override
    AuthStores stores() {
        return Stores.MEMORY.get();
    }
}
