package dev.latchkey.auth.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Everything that differs between the supported databases, so that the stores hold portable SQL only.
 *
 * <p>The differences are: how to insert a row unless its key exists (PostgreSQL aborts the whole surrounding
 * transaction on a failed statement, so it must never see a duplicate key), how to delete in bounded batches, and
 * how constraint violations are reported. How two instances are kept from migrating at once is
 * {@link SchemaMigrator}'s business.
 */
public enum Dialect {
    /** H2 2.x in its default mode. */
    H2("h2", false) {
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
    },

    /** PostgreSQL 12 or later. */
    POSTGRESQL("postgresql", true) {
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
    },

    /** MariaDB 10.5 or later; MySQL 8 is accepted too, with the same SQL. */
    MARIADB("mariadb", false) {
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
    };

    private final String id;
    private final boolean transactionalDdl;

    Dialect(String id, boolean transactionalDdl) {
        this.id = id;
        this.transactionalDdl = transactionalDdl;
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

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
