package dev.latchkey.auth.jdbc.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.jdbc.internal.MigrationScripts.ColumnCondition;
import dev.latchkey.auth.jdbc.internal.MigrationScripts.Script;
import dev.latchkey.auth.jdbc.internal.MigrationScripts.Statement;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema of one table prefix to the latest version, or checks that it is there.
 *
 * <p>Migrations are the scripts {@link MigrationScripts} discovers in the dialect's folder on the classpath,
 * Flyway-style {@code V<n>__<name>.sql}; each applied one is a row of the schema-version table with the SHA-256 of
 * the script's bytes. Two instances starting at once are safe: each migrates under a lock that lives in the database
 * ({@link Dialect#holdingMigrationLock}) and reads the applied versions only once it holds the lock. On MariaDB and
 * H2, where DDL is not transactional, every statement is idempotent ({@code IF NOT EXISTS}, or a
 * {@code latchkey:if-column} condition), so a migration interrupted half-way runs again cleanly.
 *
 * <p>At every start the checksum of each applied script is compared with the shipped one; a script changed after it
 * was applied fails start-up with {@link IllegalStateException}, naming it. Rows recorded before checksums existed
 * (schemas migrated by releases with migrations V1 to V6 only) have none: the first start of this release records
 * the shipped scripts' checksums for them, trusting that those are the scripts that were applied.
 */
public final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final String CHECKSUM = "checksum";

    private final Database database;
    private final Clock clock;
    private final List<Script> scripts;
    private final String versionTableScript;

    /** A migrator for {@code database} with the scripts shipped in this library; {@code clock} stamps the rows. */
    public SchemaMigrator(Database database, Clock clock) {
        this(database, clock, SchemaMigrator.class.getClassLoader());
    }

    /** A migrator for {@code database} with the scripts {@code loader} sees, for tests. */
    SchemaMigrator(Database database, Clock clock, ClassLoader loader) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scripts = MigrationScripts.discover(loader, database.dialect());
        this.versionTableScript = MigrationScripts.versionTableScript(loader, database.dialect());
    }

    /** The newest schema version this library ships (the same in every dialect's folder). */
    public static int latestVersion() {
        int latest = 0;
        for (Dialect dialect : Dialect.values()) {
            for (Script script : MigrationScripts.discover(SchemaMigrator.class.getClassLoader(), dialect)) {
                latest = Math.max(latest, script.version());
            }
        }
        return latest;
    }

    /** The scripts this migrator applies, in order. */
    public List<Script> scripts() {
        return scripts;
    }

    /**
     * Applies every migration the database lacks, holding the dialect's migration lock so that instances starting
     * together apply each migration once, after checking the checksums of the applied ones.
     *
     * @throws IllegalStateException when a script applied earlier has changed since, naming it
     * @throws AuthException         {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when a statement fails
     *                               (mentioning {@code skipMigrations()} when the database user lacks a privilege) or
     *                               another instance holds the lock for more than two minutes
     */
    public void migrate() {
        int attempts = database.dialect().migrationAttempts();
        for (int attempt = 1; ; attempt++) {
            try {
                database.withHandle("Could not migrate the Latchkey schema", handle -> {
                    database.dialect().holdingMigrationLock(database, handle, this::createVersionTable,
                            this::applyPending);
                    return null;
                });
                return;
            } catch (AuthException e) {
                if (database.isPermissionDenied(e)) {
                    throw AuthException.storeUnavailable("Could not migrate the Latchkey schema: the database user "
                            + "lacks a privilege the migration needs (creating, altering or dropping Latchkey's "
                            + "tables). Migrate once with a user that has it, or run the scripts with your own "
                            + "migration tool and build with skipMigrations() (see the auth-jdbc README)",
                            e.getCause());
                }
                if (attempt >= attempts) {
                    throw e;
                }
                LOG.debug("Latchkey migration collided with a concurrent one; retrying (attempt {})", attempt);
            }
        }
    }

    /**
     * Checks that every migration is applied and that no applied script has changed, for hosts that run the scripts
     * themselves. It writes nothing: a row without a checksum (or a schema-version table without the checksum
     * column) is not checked.
     *
     * @throws IllegalStateException naming the missing versions when the schema is absent or outdated, or naming a
     *                               script that changed after it was applied
     * @throws AuthException         {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when the database
     *                               cannot be read
     */
    public void verify() {
        Map<Integer, String> applied;
        try {
            applied = database.withHandle("Could not read the Latchkey schema version", handle -> appliedChecksums(
                    handle, hasColumn(handle, database.tables().schemaVersion(), CHECKSUM)));
        } catch (AuthException e) {
            if (e.getCause() instanceof JdbiException cause && database.isUndefinedTable(cause)) {
                throw new IllegalStateException(missingMessage(Set.of()), e);
            }
            throw e;
        }
        if (scripts.stream().anyMatch(s -> !applied.containsKey(s.version()))) {
            throw new IllegalStateException(missingMessage(applied.keySet()));
        }
        checkChecksums(applied);
    }

    /** Creates the schema-version table, or adds the checksum column to one made before checksums existed. */
    private void createVersionTable(Handle handle) {
        run(handle, MigrationScripts.statements(versionTableScript, database.tables().prefix()));
    }

    private void applyPending(Handle handle) {
        Map<Integer, String> applied = appliedChecksums(handle, true);
        checkChecksums(applied);
        recordMissingChecksums(handle, applied);
        for (Script script : scripts) {
            if (applied.containsKey(script.version())) {
                continue;
            }
            List<Statement> statements = MigrationScripts.statements(script.text(), database.tables().prefix());
            if (database.dialect().hasTransactionalDdl()) {
                handle.useTransaction(tx -> apply(tx, script, statements));
            } else {
                apply(handle, script, statements);
            }
        }
        int newest = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        int latest = scripts.isEmpty() ? 0 : scripts.get(scripts.size() - 1).version();
        if (newest > latest) {
            LOG.warn("The Latchkey schema (table prefix '{}') is at version {}, newer than this library's {}",
                    database.tables().prefix(), newest, latest);
        }
    }

    private void apply(Handle handle, Script script, List<Statement> statements) {
        run(handle, statements);
        int recorded = database.insertIfAbsent(Statements.update(handle, database.insertIfAbsentSql(
                        "INSERT INTO " + database.tables().schemaVersion() + " (version, description, applied_at, "
                                + "checksum) VALUES (:version, :description, :appliedAt, :checksum)"))
                .bind("version", script.version())
                .bind("description", script.description())
                .bind("appliedAt", clock.millis())
                .bind("checksum", script.checksum()));
        if (recorded == 1) {
            LOG.info("Applied Latchkey migration {} ({}, table prefix '{}')", script.fileName(),
                    database.dialect().id(), database.tables().prefix());
        }
    }

    private void run(Handle handle, List<Statement> statements) {
        for (Statement statement : statements) {
            ColumnCondition condition = statement.condition();
            if (condition != null
                    && hasColumn(handle, condition.table(), condition.column()) != condition.present()) {
                continue;
            }
            Statements.update(handle, statement.sql()).execute();
        }
    }

    /** Whether {@code table} (a full name from {@link Tables}) has a column named {@code column}, on {@code handle}. */
    private boolean hasColumn(Handle handle, String table, String column) {
        return Statements.query(handle, database.dialect().columnCountSql())
                .bind("table", table.toLowerCase(Locale.ROOT))
                .bind("column", column.toLowerCase(Locale.ROOT))
                .mapTo(Integer.class)
                .one() > 0;
    }

    /** Trust on first use: a row recorded before checksums existed gets the shipped script's checksum. */
    private void recordMissingChecksums(Handle handle, Map<Integer, String> applied) {
        int recorded = 0;
        for (Script script : scripts) {
            if (applied.containsKey(script.version()) && applied.get(script.version()) == null) {
                recorded += Statements.update(handle, "UPDATE " + database.tables().schemaVersion()
                                + " SET checksum = :checksum WHERE version = :version AND checksum IS NULL")
                        .bind("checksum", script.checksum())
                        .bind("version", script.version())
                        .execute();
            }
        }
        if (recorded > 0) {
            LOG.info("Recorded the checksums of {} Latchkey migrations applied before checksums were kept (table "
                    + "prefix '{}'); later starts check them", recorded, database.tables().prefix());
        }
    }

    private void checkChecksums(Map<Integer, String> applied) {
        for (Script script : scripts) {
            String recorded = applied.get(script.version());
            if (recorded != null && !recorded.equalsIgnoreCase(script.checksum())) {
                throw new IllegalStateException("Latchkey migration " + script.fileName() + " was changed after it "
                        + "was applied (table prefix '" + database.tables().prefix() + "', " + database.dialect().id()
                        + "): its SHA-256 is " + script.checksum() + ", the one recorded in "
                        + database.tables().schemaVersion() + " is " + recorded + ". Ship the script as it was "
                        + "applied; a change to the schema belongs in a new migration.");
            }
        }
    }

    /** Applied version to its recorded checksum (null when none is); without the column every checksum is null. */
    private Map<Integer, String> appliedChecksums(Handle handle, boolean withChecksums) {
        Map<Integer, String> applied = new TreeMap<>();
        Statements.query(handle, "SELECT version, " + (withChecksums ? CHECKSUM : "NULL") + " AS recorded FROM "
                        + database.tables().schemaVersion())
                .map((rs, context) -> new AppliedVersion(rs.getInt("version"), rs.getString("recorded")))
                .forEach(row -> applied.put(row.version(), row.checksum()));
        return applied;
    }

    private record AppliedVersion(int version, String checksum) {
    }

    private String missingMessage(Set<Integer> applied) {
        String missing = scripts.stream()
                .filter(s -> !applied.contains(s.version()))
                .map(Script::fileName)
                .collect(Collectors.joining(", "));
        return "The Latchkey schema with table prefix '" + database.tables().prefix() + "' lacks migrations "
                + missing + ". Run them from the classpath folder " + MigrationScripts.folder(database.dialect())
                + " (replacing ${prefix}) and record each in " + database.tables().schemaVersion()
                + ", or build without skipMigrations() to let Latchkey apply them.";
    }
}
