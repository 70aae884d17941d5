package dev.latchkey.auth.jdbc;

/** {@link UnavailableContract} on {@link TestDatabase#POSTGRES}. */
class PostgresUnavailableTest extends UnavailableContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
