package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.store.AuthStores;

/** The authentication ceremony on {@link Stores#MARIADB}. */
class MariaDbAuthenticationTest extends AuthenticationContract {
    @Override
    AuthStores stores() {
        return Stores.MARIADB.get();
    }
}
