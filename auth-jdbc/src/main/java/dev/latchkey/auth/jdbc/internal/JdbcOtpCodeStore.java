package dev.latchkey.auth.jdbc.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.latchkey.auth.store.OtpCodeStore;
import dev.latchkey.auth.store.StoredCode;

import org.jdbi.v3.core.statement.Update;

/**
 * One-time codes, by keyed hash, in the {@link Tables#otpCodes()} table.
 *
 * <p>Counting a check and consuming a code are single conditional updates, so their limits hold across any number
 * of concurrent callers and instances.
 */
public final class JdbcOtpCodeStore implements OtpCodeStore {
    private final Database database;
    private final String table;
    private final String deleteUnconsumedSql;
    private final String insertSql;
    /** Void the unconsumed codes and insert the new one in one statement, where the dialect can; else null. */
    private final String replaceInOneStatementSql;
    private final String selectLatestSql;
    private final String attemptSql;
    private final String consumeSql;
    private final String deleteSql;
    /** Read the newest code and count a check of it in one statement (PostgreSQL); else null. */
    private final String findAndAttemptSql;

    /** The code store of {@code database}. */
    public JdbcOtpCodeStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        table = database.tables().otpCodes();
        deleteUnconsumedSql = "DELETE FROM " + table + " WHERE purpose = :purpose AND destination = :destination "
                + "AND consumed_at IS NULL";
        insertSql = "INSERT INTO " + table + " (id, purpose, destination, code_hash, subject, created_at, expires_at, "
                + "attempts, consumed_at) VALUES (:id, :purpose, :destination, :codeHash, :subject, :createdAt, "
                + ":expiresAt, :attempts, :consumedAt)";
        replaceInOneStatementSql = database.dialect().chain(deleteUnconsumedSql, insertSql).orElse(null);
        selectLatestSql = "SELECT id, purpose, destination, code_hash, subject, created_at, expires_at, attempts, "
                + "consumed_at FROM " + table + " WHERE purpose = :purpose AND destination = :destination "
                + "AND consumed_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1";
        attemptSql = "UPDATE " + table + " SET attempts = attempts + 1 WHERE id = :id AND consumed_at IS NULL "
                + "AND attempts < :maxAttempts";
        consumeSql = "UPDATE " + table + " SET consumed_at = :at WHERE id = :id AND consumed_at IS NULL";
        deleteSql = "DELETE FROM " + table + " WHERE id = :id";
        findAndAttemptSql = database.dialect() != Dialect.POSTGRESQL ? null : "WITH c AS (" + selectLatestSql
                + "), u AS (UPDATE " + table + " AS t SET attempts = t.attempts + 1 FROM c WHERE t.id = c.id "
                + "AND t.consumed_at IS NULL AND t.attempts < :maxAttempts AND c.expires_at > :now "
                + "AND (CAST(:subject AS VARCHAR) IS NULL OR c.subject = :subject) RETURNING t.id) "
                + "SELECT c.*, EXISTS (SELECT 1 FROM u) AS attempted FROM c";
    }

    /** {@inheritDoc} One statement on PostgreSQL; elsewhere a delete and an insert in one transaction. */
    @Override
    public void replace(StoredCode code) {
        Objects.requireNonNull(code, "code");
        if (replaceInOneStatementSql != null) {
            database.withHandle("Could not store the one-time code", handle -> bindCode(Statements.update(handle,
                    replaceInOneStatementSql), code).execute());
            return;
        }
        database.atomically("Could not store the one-time code", handle -> {
            Statements.update(handle, deleteUnconsumedSql)
                    .bind("purpose", code.purpose())
                    .bind("destination", code.destination())
                    .execute();
            return bindCode(Statements.update(handle, insertSql), code).execute();
        });
    }

    private static Update bindCode(Update insert, StoredCode code) {
        return insert.bind("id", code.id())
                .bind("purpose", code.purpose())
                .bind("destination", code.destination())
                .bind("codeHash", code.codeHash())
                .bind("subject", code.subject())
                .bind("createdAt", EpochMillis.of(code.createdAt()))
                .bind("expiresAt", EpochMillis.of(code.expiresAt()))
                .bind("attempts", code.attempts())
                .bind("consumedAt", EpochMillis.ofNullable(code.consumedAt()));
    }

    @Override
    public Optional<StoredCode> findLatest(String purpose, String destination) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(destination, "destination");
        return database.withHandle("Could not read the one-time code", handle -> Statements.query(handle, selectLatestSql)
                .bind("purpose", purpose)
                .bind("destination", destination)
                .map((rs, context) -> code(rs))
                .findOne());
    }

    /** {@inheritDoc} One statement on PostgreSQL (the read in a CTE, the count in another). */
    @Override
    public Optional<Attempt> findLatestAndAttempt(String purpose, String destination, String subject, Instant now,
                                                  int maxAttempts) {
        if (findAndAttemptSql == null) {
            return OtpCodeStore.super.findLatestAndAttempt(purpose, destination, subject, now, maxAttempts);
        }
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(now, "now");
        return database.withHandle("Could not read the one-time code", handle -> Statements.query(handle,
                        findAndAttemptSql)
                .bind("purpose", purpose)
                .bind("destination", destination)
                .bind("subject", subject)
                .bind("now", EpochMillis.of(now))
                .bind("maxAttempts", maxAttempts)
                .map((rs, context) -> new Attempt(code(rs), rs.getBoolean("attempted")))
                .findOne());
    }

    @Override
    public boolean tryAttempt(String codeId, int maxAttempts) {
        Objects.requireNonNull(codeId, "codeId");
        return database.withHandle("Could not count the code check", handle -> Statements.update(handle, attemptSql)
                .bind("id", codeId)
                .bind("maxAttempts", maxAttempts)
                .execute() == 1);
    }

    private static StoredCode code(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredCode(rs.getString("id"), rs.getString("purpose"), rs.getString("destination"),
                rs.getString("code_hash"), rs.getString("subject"), EpochMillis.read(rs, "created_at"),
                EpochMillis.read(rs, "expires_at"), rs.getInt("attempts"), EpochMillis.readNullable(rs, "consumed_at"));
    }

    @Override
    public boolean consume(String codeId, Instant at) {
        Objects.requireNonNull(codeId, "codeId");
        Objects.requireNonNull(at, "at");
        return database.withHandle("Could not consume the one-time code", handle -> Statements.update(handle, consumeSql)
                .bind("at", EpochMillis.of(at))
                .bind("id", codeId)
                .execute() == 1);
    }

    @Override
    public boolean delete(String codeId) {
        Objects.requireNonNull(codeId, "codeId");
        return database.withHandle("Could not delete the one-time code", handle -> Statements.update(handle, deleteSql)
                .bind("id", codeId)
                .execute() == 1);
    }

    @Override
    public int purgeExpired(Instant cutOff) {
        Objects.requireNonNull(cutOff, "cutOff");
        String failure = "Could not purge expired one-time codes";
        return database.purge(failure, table, "id", "expires_at < :cutOff", cutOff)
                + database.purge(failure, table, "id", "consumed_at < :cutOff", cutOff);
    }
}
