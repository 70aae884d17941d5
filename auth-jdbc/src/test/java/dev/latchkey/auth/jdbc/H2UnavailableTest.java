package dev.latchkey.auth.jdbc;

/** {@link UnavailableContract} on {@link TestDatabase#H2}. */
class H2UnavailableTest extends UnavailableContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
