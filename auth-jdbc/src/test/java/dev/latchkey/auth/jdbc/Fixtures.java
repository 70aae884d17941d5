package dev.latchkey.auth.jdbc;

import dev.latchkey.auth.store.StoredUser;
import dev.latchkey.auth.testkit.contract.StoreFixtures;

/**
 * What {@link MigrationContract} takes from the test records, which now live in {@code auth-testkit}'s
 * {@link StoreFixtures}; new tests use that class directly.
 */
final class Fixtures {
    private Fixtures() {
    }

    /** {@link StoreFixtures#user()}. */
    static StoredUser user() {
        return StoreFixtures.user();
    }
}
