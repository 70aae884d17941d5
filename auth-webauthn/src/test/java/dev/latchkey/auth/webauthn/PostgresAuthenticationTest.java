package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.store.AuthStores;

/** The authentication ceremony on {@link Stores#POSTGRES}. */
class PostgresAuthenticationTest extends AuthenticationContract {
    @Override
    AuthStores stores() {
        return Stores.POSTGRES.get();
    }
}
