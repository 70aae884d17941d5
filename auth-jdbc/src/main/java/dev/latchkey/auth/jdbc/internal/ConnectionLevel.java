package dev.latchkey.auth.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.jdbi.v3.core.Handle;

/**
 * Whether one data source's connections start at READ COMMITTED (PostgreSQL's and H2's default, MariaDB's when the
 * pool is configured so), read once from the first connection outside a transaction, so that a transaction Latchkey
 * begins on them sets no level: one statement fewer per transaction, and no round trip to ask.
 *
 * <p>This assumes that every connection the data source hands out starts at the level of the first: the pool's
 * level. Pools keep that true when a host changes a connection's level through JDBC (HikariCP restores it when the
 * connection returns, as Jdbi does after {@code inTransaction(level, ...)}); a level changed by SQL
 * ({@code SET SESSION CHARACTERISTICS}, {@code SET SESSION TRANSACTION}) on a pooled connection that goes back to the
 * pool breaks it. On PostgreSQL such a connection would only run Latchkey's transaction at the higher level, whose
 * serialization failures Latchkey retries; on MariaDB a REPEATABLE READ snapshot could hide a concurrent writer's row
 * from an optimistic-locking retry, so there give the pool the level you want ({@code transactionIsolation} in
 * HikariCP) rather than setting it by SQL.
 */
final class ConnectionLevel {
    /** Null until learned. */
    private volatile Boolean startsReadCommitted;

    /**
     * Whether a transaction begun on a connection of this data source starts at READ COMMITTED; learned from
     * {@code handle} the first time (one round trip, once). Inside a host's transaction, before it is learned: false.
     */
    boolean startsAtReadCommitted(Handle handle) {
        Boolean known = startsReadCommitted;
        if (known == null) {
            if (handle.isInTransaction()) {
                return false; // a host's transaction's level tells nothing of the pool's
            }
            try {
                known = handle.getConnection().getTransactionIsolation() == Connection.TRANSACTION_READ_COMMITTED;
            } catch (SQLException e) {
                known = false; // then the level is set in every transaction
            }
            startsReadCommitted = known;
        }
        return known;
    }
}
