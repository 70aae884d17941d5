package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.store.AuthStores;

/** The registration ceremony on {@link Stores#POSTGRES}. */
class PostgresRegistrationTest extends RegistrationContract {
    @Override
    AuthStores stores() {
        return Stores.POSTGRES.get();
    }
}
