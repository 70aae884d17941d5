package dev.latchkey.auth.jdbc;

import java.util.function.IntPredicate;

/**
 * What {@link MigrationContract} takes from {@code auth-testkit}'s
 * {@link dev.latchkey.auth.testkit.contract.Concurrently}, by its old name in this package; new tests use that class
 * directly.
 */
final class Concurrently {
    private Concurrently() {
    }

    /** {@link dev.latchkey.auth.testkit.contract.Concurrently#countTrue(int, IntPredicate)}. */
    static long countTrue(int calls, IntPredicate call) throws Exception {
        return dev.latchkey.auth.testkit.contract.Concurrently.countTrue(calls, call);
    }
}
