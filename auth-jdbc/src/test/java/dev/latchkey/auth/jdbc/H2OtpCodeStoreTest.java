package dev.latchkey.auth.jdbc;

/** {@link OtpCodeStoreContract} on {@link TestDatabase#H2}. */
class H2OtpCodeStoreTest extends OtpCodeStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
