package dev.latchkey.auth.jdbc.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.latchkey.auth.AuthException;

import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Update;

/**
 * One database as the stores see it: the {@link Jdbi} every call goes through, its {@link Dialect} and the table
 * names.
 *
 * <p>This is the one place where {@link JdbiException} becomes {@link AuthException} with
 * {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE}. Every call goes through the same {@code Jdbi}, whose
 * per-thread handle scope makes a call nested in {@link #inTransaction} join the outer transaction.
 *
 * <p>Savepoints: {@link #atomically} (and {@link #guarded} on PostgreSQL) keep a caller's transaction usable after
 * their own failure. Inside a host's transaction they do so with a savepoint. Inside a transaction begun by
 * {@link #inTransaction} they run without one, betting on success: when such a call fails, the transaction is marked
 * unable to commit. If the work lets that very failure propagate, the whole transaction rolls back, as it would have
 * anyway. If the work catches it and goes on (a later store call answers at once, without a statement) or returns,
 * the transaction rolls back and the work runs once more with savepoints, as a transaction that lost a serialization
 * race runs again; so the work's writes commit exactly as with savepoints, at the price of a second run on that rare
 * path only.
 */
public final class Database {
    /**
     * How often work that lost a race to a serialization failure runs in all: on a Galera cluster many instances
     * counting on one hot row lose to each other's commits several times in a row.
     */
    private static final int MAX_ATTEMPTS = 10;

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final Tables tables;
    private final int purgeBatchSize;
    private final AtomicLong savepoints = new AtomicLong();
    private final ConnectionLevel level = new ConnectionLevel();
    /** The transaction {@link #inTransaction} began on this thread, while its work runs. */
    private final ThreadLocal<OwnedTransaction> owned = new ThreadLocal<>();

    /** A database; {@code purgeBatchSize} bounds the rows one purge statement deletes. */
    public Database(Jdbi jdbi, Dialect dialect, Tables tables, int purgeBatchSize) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.tables = Objects.requireNonNull(tables, "tables");
        if (purgeBatchSize < 1) {
            throw new IllegalArgumentException("purgeBatchSize must be positive");
        }
        this.purgeBatchSize = purgeBatchSize;
    }

    /**
     * The dialect of the database behind {@code jdbi}, read from its metadata.
     *
     * @throws IllegalArgumentException when the database is not one Latchkey supports
     * @throws AuthException            {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when it cannot be
     *                                  reached
     */
    public static Dialect detectDialect(Jdbi jdbi) {
        String productName;
        try {
            productName = jdbi.withHandle(handle -> handle.getConnection().getMetaData().getDatabaseProductName());
        } catch (JdbiException | SQLException e) {
            throw AuthException.storeUnavailable("Could not connect to the database to detect its dialect", e);
        }
        return Dialect.fromProductName(productName);
    }

    /** The dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /** The table names. */
    public Tables tables() {
        return tables;
    }

    /**
     * Runs {@code callback} with the thread's handle (the one of an enclosing transaction, if any) and turns a
     * database failure into {@link AuthException} with {@code failure} as its message.
     */
    public <T> T withHandle(String failure, HandleCallback<T, RuntimeException> callback) {
        boolean[] joined = new boolean[1];
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.withHandle(handle -> {
                    joined[0] = handle.isInTransaction();
                    OwnedTransaction tx = ownedBy(handle);
                    if (tx != null && tx.doomedBy != null) {
                        tx.usedAfterDoom = true;
                        throw new OwnedTransaction.Doomed();
                    }
                    return callback.withHandle(handle);
                });
            } catch (JdbiException e) {
                // Run on its own (one statement, or a transaction of its own), a serialization failure rolled all of
                // it back: a race lost to a transaction that committed first (on Galera, a certification conflict at
                // commit). Run again, it sees the winner's rows and answers as the loser. Inside a caller's
                // transaction the whole transaction is what must run again.
                if (!joined[0] && attempt < MAX_ATTEMPTS && isSerializationFailure(e)) {
                    continue;
                }
                throw AuthException.storeUnavailable(failure, e);
            }
        }
    }

    /**
     * Fails unless the data source gives a second connection while one is in use. Migrating H2 holds two at once, and
     * generated signing keys are read on a connection of their own while a transaction may hold another, so with a
     * pool of one connection those calls would wait for the pool's timeout and then fail without saying why.
     *
     * @throws IllegalStateException naming the pool's size setting, when no second connection comes
     */
    public void requireSecondConnection() {
        withHandle("Could not connect to the database", first -> {
            try (Handle second = jdbi.open()) {
                return null;
            } catch (ConnectionException e) {
                throw new IllegalStateException("the DataSource gave no second connection while one was in use: "
                        + "Latchkey needs at least 2 connections at once (migrating H2 holds two, and generated "
                        + "signing keys are read on a connection of their own while a transaction holds another). "
                        + "Raise the pool's maximum size to at least 2 (HikariCP: maximumPoolSize)", e);
            }
        });
    }

    /**
     * A handle on a connection of its own, outside the thread's handle scope, which the caller closes. Database
     * failures inside its use are the caller's to wrap.
     */
    Handle openSeparateHandle() {
        return jdbi.open();
    }

    /**
     * Runs {@code callback} all or nothing: in a READ COMMITTED transaction of its own, or inside the caller's
     * transaction so that a failure undoes only this callback's writes and leaves the caller's transaction usable
     * (under a savepoint, or in a transaction of {@link #inTransaction} as its class comment says).
     */
    public <T> T atomically(String failure, HandleCallback<T, RuntimeException> callback) {
        return section(failure, true, true, callback);
    }

    /** A new READ COMMITTED transaction on {@code handle}, begun the dialect's cheapest way. */
    private <T> T readCommitted(Handle handle, HandleCallback<T, RuntimeException> callback) {
        return dialect.inReadCommittedTransaction(handle, level.startsAtReadCommitted(handle), callback);
    }

    /**
     * Learns, once for this database, whether its connections start at READ COMMITTED, so that transactions Latchkey
     * begins then set no level ({@link ConnectionLevel} says what this assumes). Called when the stores are built;
     * else the first transaction learns it.
     */
    public void learnIsolation() {
        withHandle("Could not connect to the database", level::startsAtReadCommitted);
    }

    /**
     * Runs one statement whose failure may be expected (a duplicate email). Inside a caller's transaction on
     * PostgreSQL it is kept from aborting that transaction (under a savepoint, or as the class comment says), because
     * there a failed statement otherwise aborts the whole transaction; H2 and MariaDB undo the failed statement alone,
     * so it needs nothing there.
     */
    public <T> T guarded(String failure, HandleCallback<T, RuntimeException> callback) {
        return section(failure, dialect.failedStatementAbortsTransaction(), false, callback);
    }

    /**
     * {@code callback}, under a savepoint inside a host's transaction when {@code protect}, without one inside a
     * transaction of {@link #inTransaction} (whose work runs again with savepoints if the failure is swallowed), and
     * in a transaction of its own outside any when {@code ownTransaction}.
     */
    private <T> T section(String failure, boolean protect, boolean ownTransaction,
                          HandleCallback<T, RuntimeException> callback) {
        OwnedTransaction[] bet = new OwnedTransaction[1];
        try {
            return withHandle(failure, handle -> {
                if (!handle.isInTransaction()) {
                    return ownTransaction ? readCommitted(handle, callback) : callback.withHandle(handle);
                }
                if (!protect) {
                    return callback.withHandle(handle);
                }
                OwnedTransaction tx = ownedBy(handle);
                if (tx == null || tx.savepoints) {
                    return withSavepoint(handle, callback);
                }
                bet[0] = tx;
                return callback.withHandle(handle);
            });
        } catch (RuntimeException | Error e) {
            if (bet[0] != null && bet[0].doomedBy == null) {
                bet[0].doomedBy = e;
            }
            throw e;
        }
    }

    /**
     * Runs {@code work} in a transaction that every store call it makes on this thread joins; a nested call joins
     * the outer transaction. An exception thrown by {@code work} rolls back and propagates unchanged.
     *
     * <p>A transaction started here runs at READ COMMITTED on every database, so that a read repeated after a lost
     * optimistic-locking race sees the winner's row. (MariaDB defaults to REPEATABLE READ, whose snapshot would show
     * the stale row forever.) The level is set only when connections do not start at it ({@link #learnIsolation}). A
     * call inside the caller's own transaction keeps that transaction's level.
     */
    public <T> T inTransaction(Supplier<T> work) {
        Throwable[] thrownByWork = new Throwable[1];
        HandleCallback<T, RuntimeException> callback = handle -> {
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                thrownByWork[0] = e;
                throw e;
            }
        };
        boolean[] joined = new boolean[1];
        OwnedTransaction[] began = new OwnedTransaction[1];
        boolean withSavepoints = false;
        for (int attempt = 1; ; attempt++) {
            boolean savepoints = withSavepoints;
            began[0] = null;
            try {
                return jdbi.withHandle(handle -> {
                    joined[0] = handle.isInTransaction();
                    return joined[0] ? callback.withHandle(handle) : owning(handle, savepoints, began, callback);
                });
            } catch (RuntimeException e) {
                OwnedTransaction tx = began[0];
                if (tx != null && tx.doomedBy != null && !savepoints && (e != tx.doomedBy || tx.usedAfterDoom)) {
                    // The work went on after a call failed without its savepoint: run it again with savepoints.
                    withSavepoints = true;
                    continue;
                }
                if (!(e instanceof JdbiException) && !(e instanceof AuthException)) {
                    throw e;
                }
                // A transaction of its own that lost a race at a statement or at commit (a serialization failure,
                // on Galera a certification conflict) was rolled back whole; run again, it answers as the loser.
                if (!joined[0] && attempt < MAX_ATTEMPTS && isSerializationFailure(e)) {
                    continue;
                }
                if (e instanceof AuthException || e == thrownByWork[0]) {
                    throw e;
                }
                throw AuthException.storeUnavailable("The database transaction failed", e);
            }
        }
    }

    /** Begins the transaction of {@link #inTransaction} on {@code handle}; a doomed one rolls back at the end. */
    private <T> T owning(Handle handle, boolean savepoints, OwnedTransaction[] began,
                         HandleCallback<T, RuntimeException> callback) {
        OwnedTransaction tx = new OwnedTransaction(handle, savepoints);
        began[0] = tx;
        OwnedTransaction outer = owned.get();
        owned.set(tx);
        try {
            return readCommitted(handle, h -> {
                T result = callback.withHandle(h);
                if (tx.doomedBy != null) {
                    throw new OwnedTransaction.Doomed(); // rolls back instead of committing
                }
                return result;
            });
        } finally {
            if (outer == null) {
                owned.remove();
            } else {
                owned.set(outer);
            }
        }
    }

    /** The transaction {@link #inTransaction} began on {@code handle}, or null (none, or a host's). */
    private OwnedTransaction ownedBy(Handle handle) {
        OwnedTransaction tx = owned.get();
        return tx != null && tx.handle == handle ? tx : null;
    }

    /** Runs an insert made by {@link Dialect#insertIfAbsent}; 0 when the key already existed. */
    public int insertIfAbsent(Update insert) {
        try {
            return insert.execute();
        } catch (JdbiException e) {
            if (isUniqueViolation(e)) {
                return 0;
            }
            throw e;
        }
    }

    /** The dialect's form of {@code INSERT ... VALUES (...)} that inserts nothing when the key exists. */
    public String insertIfAbsentSql(String insert) {
        return dialect.insertIfAbsent(insert);
    }

    /** Whether the failure is a duplicate primary or unique key. */
    public boolean isUniqueViolation(JdbiException e) {
        return sqlException(e).map(dialect::isUniqueViolation).orElse(false);
    }

    /** Whether the failure is a foreign key pointing nowhere. */
    public boolean isForeignKeyViolation(JdbiException e) {
        return sqlException(e).map(dialect::isForeignKeyViolation).orElse(false);
    }

    /**
     * Whether the failure is a serialization failure (SQLState 40001): under REPEATABLE READ or SERIALIZABLE, a row
     * the statement meant to change was changed by a transaction that committed first.
     */
    public boolean isSerializationFailure(RuntimeException e) {
        return sqlException(e).map(sql -> "40001".equals(sql.getSQLState())).orElse(false);
    }

    /** Whether the failure is a missing table. */
    boolean isUndefinedTable(JdbiException e) {
        return sqlException(e).map(dialect::isUndefinedTable).orElse(false);
    }

    /** Whether the failure, or one of its causes, is a privilege the database user lacks. */
    boolean isPermissionDenied(Throwable e) {
        return sqlException(e).map(dialect::isPermissionDenied).orElse(false);
    }

    /**
     * Deletes every row of {@code table} matching {@code condition} (which binds {@code :cutOff}), in statements of
     * at most the purge batch size each, so that no statement holds locks on a large part of the table.
     *
     * @param keyColumns the table's primary-key columns, comma-separated
     * @return how many rows were deleted
     */
    public int purge(String failure, String table, String keyColumns, String condition, Instant cutOff) {
        String sql = dialect.deleteBatch(table, keyColumns, condition);
        long cutOffMillis = EpochMillis.of(cutOff);
        int total = 0;
        int deleted;
        do {
            deleted = withHandle(failure, handle -> Statements.update(handle, sql)
                    .bind("cutOff", cutOffMillis)
                    .bind("batchSize", purgeBatchSize)
                    .execute());
            total += deleted;
        } while (deleted >= purgeBatchSize);
        return total;
    }

    private <T> T withSavepoint(Handle handle, HandleCallback<T, RuntimeException> callback) {
        String name = "lk_savepoint_" + savepoints.incrementAndGet();
        handle.savepoint(name);
        T result;
        try {
            result = callback.withHandle(handle);
        } catch (RuntimeException | Error e) {
            try {
                handle.rollbackToSavepoint(name);
            } catch (RuntimeException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        handle.releaseSavepoint(name);
        return result;
    }

    private static Optional<SQLException> sqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}
