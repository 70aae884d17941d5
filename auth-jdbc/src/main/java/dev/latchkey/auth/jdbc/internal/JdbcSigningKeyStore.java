package dev.latchkey.auth.jdbc.internal;

import java.util.List;
import java.util.Objects;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.SigningKeyStore;
import dev.latchkey.auth.store.StoredSigningKey;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;

/**
 * Signing keys in the {@link Tables#signingKeys()} table.
 *
 * <p>Every call runs on a connection of its own, outside any transaction of the caller: a key this instance created
 * and starts signing with must be committed for the other instances to see it, whatever happens to the caller's
 * transaction. The unique {@code generation} column makes concurrent inserts of one generation yield one row.
 */
public final class JdbcSigningKeyStore implements SigningKeyStore {
    private final Database database;
    private final String selectSql;
    private final String insertSql;
    private final String deleteSql;
    private final String replaceSql;

    /** The signing-key store of {@code database}. */
    public JdbcSigningKeyStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        String table = database.tables().signingKeys();
        selectSql = "SELECT key_id, generation, algorithm, public_key, encrypted_private_key, created_at, activates_at"
                + " FROM " + table + " ORDER BY generation";
        insertSql = database.insertIfAbsentSql("INSERT INTO " + table + " (key_id, generation, algorithm, public_key,"
                + " encrypted_private_key, created_at, activates_at) VALUES (:keyId, :generation, :algorithm,"
                + " :publicKey, :encryptedPrivateKey, :createdAt, :activatesAt)");
        deleteSql = "DELETE FROM " + table + " WHERE key_id = :keyId";
        replaceSql = "UPDATE " + table + " SET encrypted_private_key = :replacement WHERE key_id = :keyId"
                + " AND encrypted_private_key = :expected";
    }

    @Override
    public List<StoredSigningKey> findAll() {
        return separately("Could not read the signing keys", handle -> Statements.query(handle, selectSql)
                .map((rs, context) -> new StoredSigningKey(
                        rs.getString("key_id"),
                        rs.getInt("generation"),
                        rs.getString("algorithm"),
                        rs.getString("public_key"),
                        rs.getString("encrypted_private_key"),
                        EpochMillis.read(rs, "created_at"),
                        EpochMillis.read(rs, "activates_at")))
                .list());
    }

    @Override
    public boolean insertIfAbsent(StoredSigningKey key) {
        Objects.requireNonNull(key, "key");
        return separately("Could not store the signing key", handle -> database.insertIfAbsent(
                Statements.update(handle, insertSql)
                        .bind("keyId", key.keyId())
                        .bind("generation", key.generation())
                        .bind("algorithm", key.algorithm())
                        .bind("publicKey", key.publicKey())
                        .bind("encryptedPrivateKey", key.encryptedPrivateKey())
                        .bind("createdAt", EpochMillis.of(key.createdAt()))
                        .bind("activatesAt", EpochMillis.of(key.activatesAt()))) == 1);
    }

    @Override
    public boolean delete(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        return separately("Could not delete the signing key", handle -> Statements.update(handle, deleteSql)
                .bind("keyId", keyId)
                .execute() == 1);
    }

    @Override
    public boolean replaceEncryptedPrivateKey(String keyId, String expected, String replacement) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(replacement, "replacement");
        return separately("Could not re-encrypt the signing key", handle -> Statements.update(handle, replaceSql)
                .bind("replacement", replacement)
                .bind("keyId", keyId)
                .bind("expected", expected)
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
