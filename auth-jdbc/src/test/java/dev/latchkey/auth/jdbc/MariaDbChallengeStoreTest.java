package dev.latchkey.auth.jdbc;

/** {@link ChallengeStoreContract} on {@link TestDatabase#MARIADB}. */
class MariaDbChallengeStoreTest extends ChallengeStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
