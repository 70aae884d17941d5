package dev.latchkey.auth.jdbc.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.latchkey.auth.store.ChallengeStore;
import dev.latchkey.auth.store.StoredChallenge;

/**
 * Single-use challenges, by SHA-256 hash, in the {@link Tables#challenges()} table.
 *
 * <p>Counting an answer and consuming a challenge are single conditional updates, so their limits hold across any
 * number of concurrent callers and instances. {@code user_id} has no foreign key: deleting an account deletes its
 * challenges in the same transaction ({@link JdbcUserStore#delete}).
 */
public final class JdbcChallengeStore implements ChallengeStore {
    private final Database database;
    private final String table;
    private final String insertSql;
    private final String selectSql;
    private final String attemptSql;
    private final String consumeSql;

    /** The challenge store of {@code database}. */
    public JdbcChallengeStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        table = database.tables().challenges();
        insertSql = "INSERT INTO " + table + " (hash, purpose, user_id, data, created_at, expires_at, attempts, "
                + "consumed_at) VALUES (:hash, :purpose, :userId, :data, :createdAt, :expiresAt, :attempts, "
                + ":consumedAt)";
        selectSql = "SELECT hash, purpose, user_id, data, created_at, expires_at, attempts, consumed_at FROM " + table
                + " WHERE hash = :hash";
        attemptSql = "UPDATE " + table + " SET attempts = attempts + 1 WHERE hash = :hash AND consumed_at IS NULL "
                + "AND attempts < :maxAttempts";
        consumeSql = "UPDATE " + table + " SET consumed_at = :at WHERE hash = :hash AND consumed_at IS NULL";
    }

    @Override
    public void insert(StoredChallenge challenge) {
        Objects.requireNonNull(challenge, "challenge");
        database.guarded("Could not store the challenge", handle -> Statements.update(handle, insertSql)
                .bind("hash", challenge.hash())
                .bind("purpose", challenge.purpose())
                .bind("userId", challenge.userId())
                .bind("data", challenge.data())
                .bind("createdAt", EpochMillis.of(challenge.createdAt()))
                .bind("expiresAt", EpochMillis.of(challenge.expiresAt()))
                .bind("attempts", challenge.attempts())
                .bind("consumedAt", EpochMillis.ofNullable(challenge.consumedAt()))
                .execute());
    }

    @Override
    public Optional<StoredChallenge> find(String hash) {
        Objects.requireNonNull(hash, "hash");
        return database.withHandle("Could not read the challenge", handle -> Statements.query(handle, selectSql)
                .bind("hash", hash)
                .map((rs, context) -> new StoredChallenge(
                        rs.getString("hash"),
                        rs.getString("purpose"),
                        rs.getString("user_id"),
                        rs.getString("data"),
                        EpochMillis.read(rs, "created_at"),
                        EpochMillis.read(rs, "expires_at"),
                        rs.getInt("attempts"),
                        EpochMillis.readNullable(rs, "consumed_at")))
                .findOne());
    }

    @Override
    public boolean tryAttempt(String hash, int maxAttempts) {
        Objects.requireNonNull(hash, "hash");
        return database.withHandle("Could not count the answer to the challenge", handle -> Statements
                .update(handle, attemptSql)
                .bind("hash", hash)
                .bind("maxAttempts", maxAttempts)
                .execute() == 1);
    }

    @Override
    public boolean consume(String hash, Instant at) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(at, "at");
        return database.withHandle("Could not consume the challenge", handle -> Statements.update(handle, consumeSql)
                .bind("at", EpochMillis.of(at))
                .bind("hash", hash)
                .execute() == 1);
    }

    @Override
    public int purgeExpired(Instant cutOff) {
        Objects.requireNonNull(cutOff, "cutOff");
        String failure = "Could not purge expired challenges";
        return database.purge(failure, table, "hash", "expires_at < :cutOff", cutOff)
                + database.purge(failure, table, "hash", "consumed_at < :cutOff", cutOff);
    }
}
