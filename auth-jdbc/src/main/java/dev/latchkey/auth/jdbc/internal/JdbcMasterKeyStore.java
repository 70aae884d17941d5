package dev.latchkey.auth.jdbc.internal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.MasterKeyStore;
import dev.latchkey.auth.store.StoredMasterKey;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;

/**
 * The master-key registry in the {@link Tables#masterKeys()} table (migration V10).
 *
 * <p>Every call runs on a connection of its own, outside any transaction of the caller, as the signing keys do: a
 * registration must be committed for the other instances to see it. The unique {@code generation} column makes
 * concurrent registrations of one generation yield one row.
 */
public final class JdbcMasterKeyStore implements MasterKeyStore {
    private final Database database;
    private final String selectSql;
    private final String insertSql;
    private final String updateSql;
    private final String withdrawSql;

    /** The registry of {@code database}. */
    public JdbcMasterKeyStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        String table = database.tables().masterKeys();
        selectSql = "SELECT key_id, generation, registered_at, retired_at, removed_at, announced_at FROM " + table
                + " ORDER BY generation";
        insertSql = database.insertIfAbsentSql("INSERT INTO " + table + " (key_id, generation, registered_at,"
                + " retired_at, removed_at, announced_at) VALUES (:keyId, :generation, :registeredAt, :retiredAt, :removedAt,"
                + " :announcedAt)");
        updateSql = "UPDATE " + table + " SET retired_at = :retiredAt, removed_at = :removedAt, announced_at = NULL"
                + " WHERE key_id = :keyId";
        withdrawSql = "UPDATE " + table + " SET retired_at = :at, removed_at = :at, announced_at = NULL"
                + " WHERE key_id = :keyId AND announced_at IS NOT NULL AND removed_at IS NULL";
    }

    @Override
    public List<StoredMasterKey> findAll() {
        return separately("Could not read the master-key registry", handle -> Statements.query(handle, selectSql)
                .map((rs, context) -> new StoredMasterKey(
                        rs.getString("key_id"),
                        rs.getInt("generation"),
                        EpochMillis.read(rs, "registered_at"),
                        EpochMillis.readNullable(rs, "retired_at"),
                        EpochMillis.readNullable(rs, "removed_at"),
                        EpochMillis.readNullable(rs, "announced_at")))
                .list());
    }

    @Override
    public boolean insertIfAbsent(StoredMasterKey key) {
        Objects.requireNonNull(key, "key");
        return separately("Could not register the master key", handle -> database.insertIfAbsent(
                Statements.update(handle, insertSql)
                        .bind("keyId", key.keyId())
                        .bind("generation", key.generation())
                        .bind("registeredAt", EpochMillis.of(key.registeredAt()))
                        .bind("retiredAt", EpochMillis.ofNullable(key.retiredAt()))
                        .bind("removedAt", EpochMillis.ofNullable(key.removedAt()))
                        .bind("announcedAt", EpochMillis.ofNullable(key.announcedAt()))) == 1);
    }

    @Override
    public boolean update(String keyId, Instant retiredAt, Instant removedAt) {
        Objects.requireNonNull(keyId, "keyId");
        return separately("Could not update the master-key registry", handle -> Statements.update(handle, updateSql)
                .bind("retiredAt", EpochMillis.ofNullable(retiredAt))
                .bind("removedAt", EpochMillis.ofNullable(removedAt))
                .bind("keyId", keyId)
                .execute() == 1);
    }

    @Override
    public boolean withdraw(String keyId, Instant at) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(at, "at");
        return separately("Could not update the master-key registry", handle -> Statements.update(handle, withdrawSql)
                .bind("at", EpochMillis.of(at))
                .bind("keyId", keyId)
                .execute() == 1);
    }

    private <T> T separately(String failure, HandleCallback<T, RuntimeException> callback) {
        try (Handle handle = database.openSeparateHandle()) {
            return callback.withHandle(handle);
        } catch (JdbiException e) {
            throw AuthException.storeUnavailable(failure, e);
        }
    }
}
