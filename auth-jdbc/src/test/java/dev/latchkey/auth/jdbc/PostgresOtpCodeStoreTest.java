package dev.latchkey.auth.jdbc;

/** {@link OtpCodeStoreContract} on {@link TestDatabase#POSTGRES}. */
class PostgresOtpCodeStoreTest extends OtpCodeStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
