package dev.latchkey.auth.jdbc.internal;

import org.jdbi.v3.core.Handle;

/**
 * A transaction that {@link Database#inTransaction} began (not a host's), while its work runs: its calls skip the
 * savepoints a host's transaction needs, and the first of them to fail marks it unable to commit (see
 * {@link Database}).
 */
final class OwnedTransaction {
    final Handle handle;
    /** Whether its calls take savepoints: in the run after a failure was swallowed. */
    final boolean savepoints;
    /** What a call without its savepoint threw, after which the transaction cannot commit; null while none did. */
    Throwable doomedBy;
    /** Whether a store call came after that failure. */
    boolean usedAfterDoom;

    OwnedTransaction(Handle handle, boolean savepoints) {
        this.handle = handle;
        this.savepoints = savepoints;
    }

    /** A store call in a transaction that an earlier failure left unable to commit: the work runs again. */
    static final class Doomed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Doomed() {
            super("an earlier failure in this transaction left it unable to commit; it runs again", null, false,
                    false);
        }
    }
}
