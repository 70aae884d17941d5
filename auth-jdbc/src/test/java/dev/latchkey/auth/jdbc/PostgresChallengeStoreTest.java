package dev.latchkey.auth.jdbc;

/** {@link ChallengeStoreContract} on {@link TestDatabase#POSTGRES}. */
class PostgresChallengeStoreTest extends ChallengeStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
