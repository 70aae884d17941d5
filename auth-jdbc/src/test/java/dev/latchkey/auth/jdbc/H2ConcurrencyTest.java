package dev.latchkey.auth.jdbc;

/** {@link ConcurrencyContract} on {@link TestDatabase#H2}. */
class H2ConcurrencyTest extends ConcurrencyContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
