package dev.latchkey.auth.jdbc;

/** {@link PendingContactsContract} on {@link TestDatabase#MARIADB}. */
class MariaDbPendingContactsTest extends PendingContactsContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
