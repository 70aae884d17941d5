package dev.latchkey.auth.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.latchkey.auth.AuthException;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema of one table prefix to the latest version, or checks that it is there.
 *
 * <p>Migrations are the classpath resources {@code dev/latchkey/auth/jdbc/migrations/<dialect>/V<n>__<name>.sql},
 * Flyway-style, with {@code ${prefix}} standing for the table prefix; each applied one is a row of
 * {@code <prefix>latchkey_schema_version}. Two instances starting at once are safe: each migrates under a lock
 * that lives in the database (PostgreSQL {@code pg_advisory_xact_lock}, MariaDB {@code GET_LOCK}, and on H2 an
 * uncommitted row), and reads the applied versions only once it holds the lock. On MariaDB and H2, where DDL is not
 * transactional, the scripts are also idempotent ({@code IF NOT EXISTS}), so a migration interrupted half-way runs
 * again cleanly.
 */
public final class SchemaMigrator {
    /** Every migration, in order. A new one is appended here and added as a file for every dialect. */
    public static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "users"),
            new Migration(2, "sessions"),
            new Migration(3, "otp_codes"),
            new Migration(4, "rate_limits"),
            new Migration(5, "audit_events"),
            new Migration(6, "signing_keys"));

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final String RESOURCE_ROOT = "/dev/latchkey/auth/jdbc/migrations/";
    private static final int H2_ATTEMPTS = 3;
    private static final int LOCK_WAIT_SECONDS = 120;

    private final Database database;
    private final Clock clock;

    /** A migrator for {@code database}; {@code clock} stamps the version rows. */
    public SchemaMigrator(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One versioned migration script. */
    public record Migration(int version, String description) {
        /** The script's file name, such as {@code V1__users.sql}. */
        public String fileName() {
            return "V" + version + "__" + description + ".sql";
        }
    }

    /** The newest schema version this library knows. */
    public static int latestVersion() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }

    /**
     * Applies every migration the database lacks, holding the dialect's migration lock so that instances starting
     * together apply each migration once.
     *
     * @throws AuthException {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when a statement fails or
     *                       another instance holds the lock for more than two minutes
     */
    public void migrate() {
        int attempts = database.dialect() == Dialect.H2 ? H2_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                database.withHandle("Could not migrate the Latchkey schema", handle -> {
                    switch (database.dialect()) {
                        case POSTGRESQL -> migrateUnderAdvisoryLock(handle);
                        case MARIADB -> migrateUnderNamedLock(handle);
                        case H2 -> migrateUnderUncommittedRow(handle);
                    }
                    return null;
                });
                return;
            } catch (AuthException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                LOG.debug("Latchkey migration collided with a concurrent one; retrying (attempt {})", attempt);
            }
        }
    }

    /**
     * PostgreSQL: one transaction holding a transaction-level advisory lock on a key derived from the table prefix,
     * so that the lock cannot outlive a failure on a pooled connection, and every pending migration commits with its
     * version row or not at all. {@code lock_timeout} bounds the wait for another instance.
     */
    private void migrateUnderAdvisoryLock(Handle handle) {
        long key = ByteBuffer.wrap(Dialect.sha256("latchkey-migrations:" + database.tables().prefix())).getLong();
        handle.useTransaction(tx -> {
            Statements.update(tx, "SET LOCAL lock_timeout = '" + LOCK_WAIT_SECONDS + "s'").execute();
            Statements.query(tx, "SELECT pg_advisory_xact_lock(:key)").bind("key", key).mapTo(String.class).one();
            createSchemaVersionTable(tx);
            applyPending(tx);
        });
    }

    /** MariaDB and MySQL: a GET_LOCK named after the database and table prefix (lock names are server-wide). */
    private void migrateUnderNamedLock(Handle handle) {
        String schema = Statements.query(handle, "SELECT DATABASE()").mapTo(String.class).findOne().orElse("");
        String name = "latchkey-migrations:" + HexFormat.of().formatHex(
                Dialect.sha256(schema + ":" + database.tables().prefix()), 0, 16);
        Integer locked = Statements.query(handle, "SELECT GET_LOCK(:name, :seconds)")
                .bind("name", name)
                .bind("seconds", LOCK_WAIT_SECONDS)
                .mapTo(Integer.class)
                .one();
        if (locked == null || locked != 1) {
            throw AuthException.storeUnavailable("Another instance held the Latchkey migration lock for more than "
                    + LOCK_WAIT_SECONDS + " seconds", null);
        }
        try {
            createSchemaVersionTable(handle);
            applyPending(handle);
        } finally {
            Statements.query(handle, "SELECT RELEASE_LOCK(:name)").bind("name", name).mapTo(Integer.class).one();
        }
    }

    /**
     * H2 has no advisory lock. A second connection inserts version 0 into the schema-version table and leaves it
     * uncommitted: another instance inserting the same row waits until this one rolls back, and no reader ever sees
     * it. The table itself is created first, outside the lock; that statement is idempotent, and if two instances
     * collide on it {@link #migrate()} tries again.
     */
    private void migrateUnderUncommittedRow(Handle handle) {
        createSchemaVersionTable(handle);
        try (Handle lock = database.openSeparateHandle()) {
            int previousTimeout = Statements.query(lock, "SELECT LOCK_TIMEOUT()").mapTo(Integer.class).one();
            Statements.update(lock, "SET LOCK_TIMEOUT " + LOCK_WAIT_SECONDS * 1000).execute();
            try {
                lock.begin();
                Statements.update(lock, "INSERT INTO " + database.tables().schemaVersion()
                                + " (version, description, applied_at) VALUES (0, 'migration lock', 0)")
                        .execute();
                applyPending(handle);
            } finally {
                lock.rollback();
                Statements.update(lock, "SET LOCK_TIMEOUT " + previousTimeout).execute();
            }
        }
    }

    /**
     * Checks that every migration is applied, for hosts that run the scripts themselves.
     *
     * @throws IllegalStateException naming the missing versions when the schema is absent or outdated
     * @throws AuthException         {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when the database
     *                               cannot be read
     */
    public void verify() {
        Set<Integer> applied;
        try {
            applied = database.withHandle("Could not read the Latchkey schema version", this::appliedVersions);
        } catch (AuthException e) {
            if (e.getCause() instanceof JdbiException cause && database.isUndefinedTable(cause)) {
                throw new IllegalStateException(missingMessage(Set.of()), e);
            }
            throw e;
        }
        if (MIGRATIONS.stream().anyMatch(m -> !applied.contains(m.version()))) {
            throw new IllegalStateException(missingMessage(applied));
        }
    }

    /** The statements of a dialect's script with the table prefix filled in, in order. */
    public static List<String> statements(Dialect dialect, String fileName, String prefix) {
        String resource = RESOURCE_ROOT + dialect.id() + "/" + fileName;
        String script;
        try (InputStream in = SchemaMigrator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing migration resource " + resource);
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read migration resource " + resource, e);
        }
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : sql.toString().replace("${prefix}", prefix).split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    private void createSchemaVersionTable(Handle handle) {
        for (String statement : statements(database.dialect(), "schema_version.sql", database.tables().prefix())) {
            Statements.update(handle, statement).execute();
        }
    }

    private void applyPending(Handle handle) {
        Dialect dialect = database.dialect();
        String prefix = database.tables().prefix();
        Set<Integer> applied = appliedVersions(handle);
        for (Migration migration : MIGRATIONS) {
            if (applied.contains(migration.version())) {
                continue;
            }
            List<String> statements = statements(dialect, migration.fileName(), prefix);
            if (dialect.hasTransactionalDdl()) {
                handle.useTransaction(tx -> apply(tx, migration, statements));
            } else {
                apply(handle, migration, statements);
            }
        }
        int newest = applied.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (newest > latestVersion()) {
            LOG.warn("The Latchkey schema (table prefix '{}') is at version {}, newer than this library's {}",
                    prefix, newest, latestVersion());
        }
    }

    private void apply(Handle handle, Migration migration, List<String> statements) {
        for (String statement : statements) {
            Statements.update(handle, statement).execute();
        }
        int recorded = database.insertIfAbsent(Statements.update(handle, database.insertIfAbsentSql(
                        "INSERT INTO " + database.tables().schemaVersion() + " (version, description, applied_at) "
                                + "VALUES (:version, :description, :appliedAt)"))
                .bind("version", migration.version())
                .bind("description", migration.description())
                .bind("appliedAt", clock.millis()));
        if (recorded == 1) {
            LOG.info("Applied Latchkey migration {} ({}, table prefix '{}')", migration.fileName(),
                    database.dialect().id(), database.tables().prefix());
        }
    }

    private Set<Integer> appliedVersions(Handle handle) {
        return new TreeSet<>(Statements.query(handle, "SELECT version FROM " + database.tables().schemaVersion())
                .mapTo(Integer.class)
                .list());
    }

    private String missingMessage(Set<Integer> applied) {
        String missing = MIGRATIONS.stream()
                .filter(m -> !applied.contains(m.version()))
                .map(Migration::fileName)
                .collect(Collectors.joining(", "));
        return "The Latchkey schema with table prefix '" + database.tables().prefix() + "' lacks migrations "
                + missing + ". Run them from the classpath folder " + RESOURCE_ROOT.substring(1)
                + database.dialect().id() + "/ (replacing ${prefix}) and record each in "
                + database.tables().schemaVersion() + ", or build without skipMigrations() to let Latchkey apply them.";
    }
}
