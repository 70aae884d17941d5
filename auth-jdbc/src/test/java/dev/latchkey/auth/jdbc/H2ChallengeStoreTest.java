package dev.latchkey.auth.jdbc;

/** {@link ChallengeStoreContract} on {@link TestDatabase#H2}. */
class H2ChallengeStoreTest extends ChallengeStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
