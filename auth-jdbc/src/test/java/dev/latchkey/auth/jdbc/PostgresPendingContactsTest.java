package dev.latchkey.auth.jdbc;

/** {@link PendingContactsContract} on {@link TestDatabase#POSTGRES}. */
class PostgresPendingContactsTest extends PendingContactsContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
