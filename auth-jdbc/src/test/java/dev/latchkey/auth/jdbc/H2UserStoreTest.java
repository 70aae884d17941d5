package dev.latchkey.auth.jdbc;

/** {@link UserStoreContract} on {@link TestDatabase#H2}. */
class H2UserStoreTest extends UserStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
