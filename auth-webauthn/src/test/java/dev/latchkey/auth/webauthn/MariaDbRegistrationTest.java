package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.store.AuthStores;

/** The registration ceremony on {@link Stores#MARIADB}. */
class MariaDbRegistrationTest extends RegistrationContract {
    @Override
    AuthStores stores() {
        return Stores.MARIADB.get();
    }
}
