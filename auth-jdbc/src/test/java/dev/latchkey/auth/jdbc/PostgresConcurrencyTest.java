package dev.latchkey.auth.jdbc;

/** {@link ConcurrencyContract} on {@link TestDatabase#POSTGRES}. */
class PostgresConcurrencyTest extends ConcurrencyContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
