package dev.latchkey.auth.jdbc.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import dev.latchkey.auth.AuthException;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Everything that differs between the supported databases, so that the stores and the migrator hold portable SQL
 * only (the migration scripts themselves live in one folder per dialect).
 *
 * <p>The differences are: how to insert a row unless its key exists (PostgreSQL aborts the whole surrounding
 * transaction on a failed statement, so it must never see a duplicate key), how to delete in bounded batches, how to
 * start a READ COMMITTED transaction cheaply, whether an update and an insert can be one statement, how errors are
 * reported, how the current schema is named, and how two instances are kept from migrating at once.
 */
public enum Dialect {
    /** H2 2.x in its default mode. */
    H2("h2", false, false, "CURRENT_SCHEMA", 3) {
        @Override
        String insertIfAbsent(String insert) {
            return insert;
        }

        @Override
        String deleteBatch(String table, String keyColumns, String condition) {
            return "DELETE FROM " + table + " WHERE " + condition + " FETCH FIRST :batchSize ROWS ONLY";
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            return "23505".equals(e.getSQLState());
        }

        @Override
        boolean isForeignKeyViolation(SQLException e) {
            return "23506".equals(e.getSQLState()) || "23503".equals(e.getSQLState());
        }

        @Override
        boolean isUndefinedTable(SQLException e) {
            return "42S02".equals(e.getSQLState()) || e.getErrorCode() == 42102;
        }

        @Override
        boolean isPermissionDenied(SQLException e) {
            return e.getErrorCode() == 90096 || "90096".equals(e.getSQLState());
        }

        /** H2 answers the JDBC isolation calls in process, so Jdbi's way costs nothing. */
        @Override
        <T> T inReadCommittedTransaction(Handle handle, boolean atReadCommitted,
                                         HandleCallback<T, RuntimeException> callback) {
            return atReadCommitted ? handle.inTransaction(callback)
                    : handle.inTransaction(TransactionIsolationLevel.READ_COMMITTED, callback);
        }

        /**
         * H2 has no advisory lock. A second connection inserts version 0 into the schema-version table and leaves it
         * uncommitted: another instance inserting the same row waits until this one rolls back, and no reader ever
         * sees it. The table itself is created (and upgraded) first, outside the lock; those statements are
         * idempotent, and if two instances collide on them the migrator tries again.
         */
        @Override
        void holdingMigrationLock(Database database, Handle handle, HandleConsumer<RuntimeException> prepare,
                                  HandleConsumer<RuntimeException> migration) {
            prepare.useHandle(handle);
            try (Handle lock = database.openSeparateHandle()) {
                int previousTimeout = Statements.query(lock, "SELECT LOCK_TIMEOUT()").mapTo(Integer.class).one();
                Statements.update(lock, "SET LOCK_TIMEOUT " + LOCK_WAIT_SECONDS * 1000).execute();
                try {
                    lock.begin();
                    Statements.update(lock, "INSERT INTO " + database.tables().schemaVersion()
                            + " (version, description, applied_at) VALUES (0, 'migration lock', 0)").execute();
                    migration.useHandle(handle);
                } finally {
                    lock.rollback();
                    Statements.update(lock, "SET LOCK_TIMEOUT " + previousTimeout).execute();
                }
            }
        }
    },

    /** PostgreSQL 12 or later. */
    POSTGRESQL("postgresql", true, true, "CURRENT_SCHEMA", 1) {
        @Override
        String insertIfAbsent(String insert) {
            return insert + " ON CONFLICT DO NOTHING";
        }

        @Override
        String deleteBatch(String table, String keyColumns, String condition) {
            return "DELETE FROM " + table + " WHERE " + condition + " AND (" + keyColumns + ") IN (SELECT "
                    + keyColumns + " FROM " + table + " WHERE " + condition + " LIMIT :batchSize)";
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            return "23505".equals(e.getSQLState());
        }

        @Override
        boolean isForeignKeyViolation(SQLException e) {
            return "23503".equals(e.getSQLState());
        }

        @Override
        boolean isUndefinedTable(SQLException e) {
            return "42P01".equals(e.getSQLState());
        }

        @Override
        boolean isPermissionDenied(SQLException e) {
            return "42501".equals(e.getSQLState());
        }

        /** A data-modifying {@code WITH}: atomic in autocommit, one round trip. */
        @Override
        Optional<String> insertFromUpdate(String update, String returning, String insertInto, String selectList) {
            return Optional.of("WITH used AS (" + update + " RETURNING " + returning + ") " + insertInto + " SELECT "
                    + selectList + " FROM used");
        }

        /** A data-modifying {@code WITH}: both run, on one snapshot, atomic in autocommit, one round trip. */
        @Override
        Optional<String> chain(String first, String then) {
            return Optional.of("WITH first AS (" + first + ") " + then);
        }

        /**
         * One transaction holding a transaction-level advisory lock on a key derived from the table prefix, so that
         * the lock cannot outlive a failure on a pooled connection, and every pending migration commits with its
         * version row or not at all. {@code lock_timeout} bounds the wait for another instance.
         */
        @Override
        void holdingMigrationLock(Database database, Handle handle, HandleConsumer<RuntimeException> prepare,
                                  HandleConsumer<RuntimeException> migration) {
            long key = ByteBuffer.wrap(sha256("latchkey-migrations:" + database.tables().prefix())).getLong();
            handle.useTransaction(tx -> {
                Statements.update(tx, "SET LOCAL lock_timeout = '" + LOCK_WAIT_SECONDS + "s'").execute();
                Statements.query(tx, "SELECT pg_advisory_xact_lock(:key)").bind("key", key).mapTo(String.class).one();
                prepare.useHandle(tx);
                migration.useHandle(tx);
            });
        }
    },

    /** MariaDB 10.5 or later; MySQL 8 is accepted too, with the same SQL. */
    MARIADB("mariadb", false, false, "DATABASE()", 1) {
        @Override
        String insertIfAbsent(String insert) {
            return insert;
        }

        @Override
        String deleteBatch(String table, String keyColumns, String condition) {
            return "DELETE FROM " + table + " WHERE " + condition + " LIMIT :batchSize";
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            return "23000".equals(e.getSQLState()) && e.getErrorCode() == 1062;
        }

        @Override
        boolean isForeignKeyViolation(SQLException e) {
            return "23000".equals(e.getSQLState()) && (e.getErrorCode() == 1452 || e.getErrorCode() == 1216);
        }

        @Override
        boolean isUndefinedTable(SQLException e) {
            return "42S02".equals(e.getSQLState()) || e.getErrorCode() == 1146;
        }

        /** Access denied to a database (1044), a table (1142), a column (1143), or for lack of a privilege (1227). */
        @Override
        boolean isPermissionDenied(SQLException e) {
            int code = e.getErrorCode();
            return code == 1044 || code == 1142 || code == 1143 || code == 1227;
        }

        /** A GET_LOCK named after the database and table prefix (lock names are server-wide). */
        @Override
        void holdingMigrationLock(Database database, Handle handle, HandleConsumer<RuntimeException> prepare,
                                  HandleConsumer<RuntimeException> migration) {
            String schema = Statements.query(handle, "SELECT DATABASE()").mapTo(String.class).findOne().orElse("");
            String name = "latchkey-migrations:" + HexFormat.of().formatHex(
                    sha256(schema + ":" + database.tables().prefix()), 0, 16);
            Integer locked = Statements.query(handle, "SELECT GET_LOCK(:name, :seconds)")
                    .bind("name", name)
                    .bind("seconds", LOCK_WAIT_SECONDS)
                    .mapTo(Integer.class)
                    .one();
            if (locked == null || locked != 1) {
                throw AuthException.storeUnavailable("Another instance held the Latchkey migration lock for more "
                        + "than " + LOCK_WAIT_SECONDS + " seconds", null);
            }
            try {
                prepare.useHandle(handle);
                migration.useHandle(handle);
            } finally {
                Statements.query(handle, "SELECT RELEASE_LOCK(:name)").bind("name", name).mapTo(Integer.class).one();
            }
        }
    };

    /** How long an instance waits for another one's migration. */
    static final int LOCK_WAIT_SECONDS = 120;

    private final String id;
    private final boolean transactionalDdl;
    private final boolean failedStatementAbortsTransaction;
    private final String currentSchema;
    private final int migrationAttempts;

    Dialect(String id, boolean transactionalDdl, boolean failedStatementAbortsTransaction, String currentSchema,
            int migrationAttempts) {
        this.id = id;
        this.transactionalDdl = transactionalDdl;
        this.failedStatementAbortsTransaction = failedStatementAbortsTransaction;
        this.currentSchema = currentSchema;
        this.migrationAttempts = migrationAttempts;
    }

    /**
     * The dialect of a database, from {@link java.sql.DatabaseMetaData#getDatabaseProductName()}.
     *
     * @throws IllegalArgumentException for any database but H2, PostgreSQL, MariaDB and MySQL
     */
    public static Dialect fromProductName(String productName) {
        String name = productName == null ? "" : productName.trim().toLowerCase(Locale.ROOT);
        if (name.equals("h2")) {
            return H2;
        }
        if (name.equals("postgresql")) {
            return POSTGRESQL;
        }
        if (name.equals("mariadb") || name.equals("mysql")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("Latchkey's JDBC stores support H2, PostgreSQL, MariaDB and MySQL, not '"
                + productName + "'");
    }

    /** The short lower-case name, also the folder of this dialect's migrations: h2, postgresql or mariadb. */
    public String id() {
        return id;
    }

    /** Whether DDL runs inside a transaction, so that a migration and its version row commit together. */
    boolean hasTransactionalDdl() {
        return transactionalDdl;
    }

    /**
     * Whether one failed statement (a duplicate key) aborts the whole transaction, as on PostgreSQL, so that a
     * statement whose failure is expected needs a savepoint inside a transaction. H2 and MariaDB (InnoDB) undo only
     * the failed statement and keep the transaction usable.
     */
    boolean failedStatementAbortsTransaction() {
        return failedStatementAbortsTransaction;
    }

    /**
     * How often the migrator tries before giving up: more than once only on H2, where two instances creating the
     * schema-version table at the same moment can collide before either holds the lock.
     */
    int migrationAttempts() {
        return migrationAttempts;
    }

    /**
     * A query counting the columns named {@code :column} of the table {@code :table} in the connection's current
     * schema; both parameters lower-case.
     */
    String columnCountSql() {
        return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = " + currentSchema
                + " AND LOWER(TABLE_NAME) = :table AND LOWER(COLUMN_NAME) = :column";
    }

    /**
     * The plain {@code INSERT ... VALUES (...)} statement turned into one that inserts nothing when the key exists.
     * Dialects that return it unchanged report the duplicate as an error that {@link Database} swallows; they keep
     * the surrounding transaction usable after it.
     */
    abstract String insertIfAbsent(String insert);

    /**
     * A {@code DELETE} of at most {@code :batchSize} rows of {@code table} matching {@code condition}.
     *
     * @param keyColumns the primary-key columns, comma-separated
     */
    abstract String deleteBatch(String table, String keyColumns, String condition);

    /** Whether the exception reports a duplicate primary or unique key. */
    abstract boolean isUniqueViolation(SQLException e);

    /** Whether the exception reports a row whose foreign key points nowhere. */
    abstract boolean isForeignKeyViolation(SQLException e);

    /** Whether the exception reports a table that does not exist. */
    abstract boolean isUndefinedTable(SQLException e);

    /** Whether the exception reports that the database user lacks a privilege (such as the right to create tables). */
    abstract boolean isPermissionDenied(SQLException e);

    /**
     * Runs {@code callback} in a new READ COMMITTED transaction on {@code handle}, on which a transaction starts at
     * READ COMMITTED when {@code atReadCommitted} (then no level is set). Else by default the level is set by the
     * transaction's first statement, {@code SET TRANSACTION ISOLATION LEVEL READ COMMITTED}, which lapses when the
     * transaction ends: reading and restoring the connection's level the JDBC way (what Jdbi's
     * {@code inTransaction(level, ...)} does) costs six {@code SHOW TRANSACTION ISOLATION LEVEL} round trips per
     * transaction with pgjdbc, and two reads and two {@code SET SESSION}s with MariaDB's driver.
     */
    <T> T inReadCommittedTransaction(Handle handle, boolean atReadCommitted,
                                     HandleCallback<T, RuntimeException> callback) {
        if (atReadCommitted) {
            return handle.inTransaction(callback);
        }
        return handle.inTransaction(h -> {
            h.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
            return callback.withHandle(h);
        });
    }

    /**
     * One statement that runs {@code update} (or an insert) and, for the row it changed, {@code insertInto} with the
     * values of {@code selectList} (which may use the {@code returning} column): atomic on its own. Empty where the
     * database cannot chain them; the caller then runs both in a transaction.
     */
    Optional<String> insertFromUpdate(String update, String returning, String insertInto, String selectList) {
        return Optional.empty();
    }

    /**
     * One statement that runs {@code first} and then {@code then} (two data-modifying statements that do not touch
     * the same rows), atomic on its own. Empty where the database cannot chain them; the caller then runs both in a
     * transaction.
     */
    Optional<String> chain(String first, String then) {
        return Optional.empty();
    }

    /**
     * Runs {@code prepare} (which creates the schema-version table) and then {@code migration} on {@code handle},
     * holding this database's migration lock for the table prefix so that instances starting together migrate one
     * after the other, and each reads the applied versions only once it holds the lock.
     *
     * @throws AuthException {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when another instance holds the
     *                       lock for more than {@value #LOCK_WAIT_SECONDS} seconds
     */
    abstract void holdingMigrationLock(Database database, Handle handle, HandleConsumer<RuntimeException> prepare,
                                       HandleConsumer<RuntimeException> migration);

    static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
