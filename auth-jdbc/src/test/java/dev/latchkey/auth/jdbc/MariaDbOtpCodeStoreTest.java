package dev.latchkey.auth.jdbc;

/** {@link OtpCodeStoreContract} on {@link TestDatabase#MARIADB}. */
class MariaDbOtpCodeStoreTest extends OtpCodeStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
