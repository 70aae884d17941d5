package dev.latchkey.auth.jdbc;

/** {@link PendingContactsContract} on {@link TestDatabase#H2}. */
class H2PendingContactsTest extends PendingContactsContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
