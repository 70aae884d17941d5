package dev.latchkey.auth.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.Optional;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.CredentialKeyCount;
import dev.latchkey.auth.store.CredentialStore;
import dev.latchkey.auth.store.StoredCredential;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Credentials of every factor in the {@link Tables#credentials()} table.
 *
 * <p>Every conditional write ({@link #replaceSecret}, {@link #advanceCounter}, {@link #recordUse}, {@link
 * #markUsedOnce}) is one {@code UPDATE ... WHERE <condition>} of one row, atomic on its own, so its outcome holds
 * across any number of concurrent callers and instances. {@code UNIQUE (type, external_id)} makes an external id (a
 * passkey's credential id) unique per type; credentials without one (null) do not collide. {@code user_id} has no
 * foreign key: deleting an account deletes its credentials in the same transaction ({@link JdbcUserStore#delete}).
 */
public final class JdbcCredentialStore implements CredentialStore {
    /** The width of the external-id column: base64url of a 525-byte id, within MariaDB's 3072-byte index limit. */
    static final int EXTERNAL_ID_LENGTH = 700;
    /** The width of the label column. */
    static final int LABEL_LENGTH = 200;
    /** The width of the secret column. */
    static final int SECRET_LENGTH = 2000;

    private static final String COLUMNS = "id, user_id, type, external_id, label, secret, data, counter, created_at, "
            + "last_used_at";

    private final Database database;
    private final String insertSql;
    private final String deleteOfTypeSql;
    private final String selectByUserAndTypeSql;
    private final String selectByUserSql;
    private final String selectByExternalIdSql;
    private final String replaceSecretSql;
    private final String replaceNullSecretSql;
    private final String replaceSecretAndDataSql;
    private final String countByDataSql;
    private final String advanceCounterSql;
    private final String recordUseSql;
    private final String markUsedOnceSql;
    private final String touchSql;
    private final String relabelSql;
    private final String deleteSql;
    private final String selectByTypeSql;
    private final String selectByTypeAfterSql;
    private final String countByKeyIdSql;
    private final String countAllByKeyIdSql;

    /** The credential store of {@code database}. */
    public JdbcCredentialStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        String table = database.tables().credentials();
        insertSql = database.insertIfAbsentSql("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (:id, :userId, "
                + ":type, :externalId, :label, :secret, :data, :counter, :createdAt, :lastUsedAt)");
        deleteOfTypeSql = "DELETE FROM " + table + " WHERE user_id = :userId AND type = :type";
        String select = "SELECT " + COLUMNS + " FROM " + table;
        String oldestFirst = " ORDER BY created_at, id";
        selectByUserAndTypeSql = select + " WHERE user_id = :userId AND type = :type" + oldestFirst;
        selectByUserSql = select + " WHERE user_id = :userId" + oldestFirst;
        selectByExternalIdSql = select + " WHERE type = :type AND external_id = :externalId";
        replaceSecretSql = "UPDATE " + table + " SET secret = :newSecret WHERE id = :id AND secret = :expectedSecret";
        replaceNullSecretSql = "UPDATE " + table + " SET secret = :newSecret WHERE id = :id AND secret IS NULL";
        replaceSecretAndDataSql = "UPDATE " + table + " SET secret = :newSecret, data = :newData WHERE id = :id "
                + "AND secret = :expectedSecret";
        countByDataSql = "SELECT data, COUNT(*) AS n FROM " + table + " WHERE type = :type GROUP BY data";
        advanceCounterSql = "UPDATE " + table + " SET counter = :next, last_used_at = :usedAt WHERE id = :id "
                + "AND counter < :next";
        recordUseSql = "UPDATE " + table + " SET counter = :next, last_used_at = :usedAt, data = :newData "
                + "WHERE id = :id AND counter = :expected";
        markUsedOnceSql = "UPDATE " + table + " SET last_used_at = :usedAt WHERE id = :id AND last_used_at IS NULL";
        touchSql = "UPDATE " + table + " SET last_used_at = :usedAt WHERE id = :id";
        relabelSql = "UPDATE " + table + " SET label = :label WHERE id = :id AND user_id = :userId";
        deleteSql = "DELETE FROM " + table + " WHERE id = :id AND user_id = :userId";
        selectByTypeSql = select + " WHERE type = :type ORDER BY id LIMIT :limit";
        selectByTypeAfterSql = select + " WHERE type = :type AND id > :afterId ORDER BY id LIMIT :limit";
        // '_' is LIKE's one-character wildcard: '@', twelve characters, ':'.
        String keyId = "CASE WHEN secret LIKE '@____________:%' THEN SUBSTRING(secret, 2, 12) ELSE '' END";
        countByKeyIdSql = "SELECT " + keyId + " AS key_id, data, COUNT(*) AS n FROM " + table
                + " WHERE type = :type GROUP BY " + keyId + ", data";
        String used = "CASE WHEN last_used_at IS NULL THEN 0 ELSE 1 END";
        countAllByKeyIdSql = "SELECT type, " + keyId + " AS key_id, " + used + " AS used, COUNT(*) AS n FROM " + table
                + " GROUP BY type, " + keyId + ", " + used;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the external id, label or secret is longer than its column (700, 200 and
     *                                  2000 characters)
     */
    @Override
    public void insert(StoredCredential credential) {
        checkWidths(Objects.requireNonNull(credential, "credential"));
        database.withHandle("Could not add the credential", handle -> {
            insert(handle, credential);
            return null;
        });
    }

    /**
     * {@inheritDoc} The delete and the inserts run all or nothing: in a transaction of their own, or
     * {@link Database#atomically atomically} inside the caller's.
     *
     * @throws IllegalArgumentException when a replacement belongs to another user or type, or is too wide
     */
    @Override
    public void replaceAll(String userId, String type, List<StoredCredential> replacements) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        List<StoredCredential> rows = List.copyOf(replacements);
        for (StoredCredential row : rows) {
            if (!row.userId().equals(userId) || !row.type().equals(type)) {
                throw new IllegalArgumentException("every replacement must be of the same user and type");
            }
            checkWidths(row);
        }
        database.atomically("Could not replace the credentials", handle -> {
            Statements.update(handle, deleteOfTypeSql).bind("userId", userId).bind("type", type).execute();
            for (StoredCredential row : rows) {
                insert(handle, row);
            }
            return null;
        });
    }

    @Override
    public List<StoredCredential> findByUser(String userId, String type) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        return database.withHandle("Could not read the credentials", handle -> Statements
                .query(handle, selectByUserAndTypeSql)
                .bind("userId", userId)
                .bind("type", type)
                .map(JdbcCredentialStore::mapCredential)
                .list());
    }

    @Override
    public List<StoredCredential> findByUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        return database.withHandle("Could not read the credentials", handle -> Statements
                .query(handle, selectByUserSql)
                .bind("userId", userId)
                .map(JdbcCredentialStore::mapCredential)
                .list());
    }

    @Override
    public Optional<StoredCredential> findByExternalId(String type, String externalId) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(externalId, "externalId");
        return database.withHandle("Could not look the credential up", handle -> Statements
                .query(handle, selectByExternalIdSql)
                .bind("type", type)
                .bind("externalId", externalId)
                .map(JdbcCredentialStore::mapCredential)
                .findOne());
    }

    /** {@inheritDoc} A null {@code expectedSecret} matches a credential that has no secret. */
    @Override
    public boolean replaceSecret(String id, String expectedSecret, String newSecret) {
        Objects.requireNonNull(id, "id");
        if (newSecret != null && newSecret.length() > SECRET_LENGTH) {
            throw new IllegalArgumentException("a credential's secret is at most " + SECRET_LENGTH + " characters");
        }
        return database.withHandle("Could not replace the credential's secret", handle -> {
            var update = Statements.update(handle, expectedSecret == null ? replaceNullSecretSql : replaceSecretSql)
                    .bind("newSecret", newSecret)
                    .bind("id", id);
            if (expectedSecret != null) {
                update.bind("expectedSecret", expectedSecret);
            }
            return update.execute() == 1;
        });
    }

    /** {@inheritDoc} One conditional UPDATE of both columns; a null {@code expectedSecret} never matches. */
    @Override
    public boolean replaceSecret(String id, String expectedSecret, String newSecret, String newData) {
        Objects.requireNonNull(id, "id");
        if (newSecret != null && newSecret.length() > SECRET_LENGTH) {
            throw new IllegalArgumentException("a credential's secret is at most " + SECRET_LENGTH + " characters");
        }
        if (expectedSecret == null) {
            return false;
        }
        return database.withHandle("Could not replace the credential's secret", handle -> Statements
                .update(handle, replaceSecretAndDataSql)
                .bind("newSecret", newSecret)
                .bind("newData", newData)
                .bind("id", id)
                .bind("expectedSecret", expectedSecret)
                .execute() == 1);
    }

    @Override
    public Map<String, Long> countByData(String type) {
        Objects.requireNonNull(type, "type");
        return database.withHandle("Could not count the credentials", handle -> {
            Map<String, Long> counts = new TreeMap<>();
            Statements.query(handle, countByDataSql).bind("type", type)
                    .map((rs, context) -> Map.entry(rs.getString("data") == null ? "" : rs.getString("data"),
                            rs.getLong("n")))
                    .forEach(e -> counts.merge(e.getKey(), e.getValue(), Long::sum));
            return Map.copyOf(counts);
        });
    }

    @Override
    public boolean advanceCounter(String id, long next, Instant usedAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(usedAt, "usedAt");
        return database.withHandle("Could not advance the credential's counter", handle -> Statements
                .update(handle, advanceCounterSql)
                .bind("next", next)
                .bind("usedAt", EpochMillis.of(usedAt))
                .bind("id", id)
                .execute() == 1);
    }

    @Override
    public boolean recordUse(String id, long expectedCounter, long next, Instant usedAt, String newData) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(usedAt, "usedAt");
        return database.withHandle("Could not record the credential's use", handle -> Statements
                .update(handle, recordUseSql)
                .bind("next", next)
                .bind("usedAt", EpochMillis.of(usedAt))
                .bind("newData", newData)
                .bind("id", id)
                .bind("expected", expectedCounter)
                .execute() == 1);
    }

    @Override
    public boolean markUsedOnce(String id, Instant usedAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(usedAt, "usedAt");
        return database.withHandle("Could not mark the credential used", handle -> Statements
                .update(handle, markUsedOnceSql)
                .bind("usedAt", EpochMillis.of(usedAt))
                .bind("id", id)
                .execute() == 1);
    }

    @Override
    public void touch(String id, Instant usedAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(usedAt, "usedAt");
        database.withHandle("Could not record the credential's use", handle -> Statements.update(handle, touchSql)
                .bind("usedAt", EpochMillis.of(usedAt))
                .bind("id", id)
                .execute());
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the label is longer than 200 characters
     */
    @Override
    public boolean relabel(String userId, String id, String label) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(id, "id");
        if (label != null && label.length() > LABEL_LENGTH) {
            throw new IllegalArgumentException("a credential's label is at most " + LABEL_LENGTH + " characters");
        }
        return database.withHandle("Could not rename the credential", handle -> Statements.update(handle, relabelSql)
                .bind("label", label)
                .bind("id", id)
                .bind("userId", userId)
                .execute() == 1);
    }

    @Override
    public boolean delete(String userId, String id) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(id, "id");
        return database.withHandle("Could not delete the credential", handle -> Statements.update(handle, deleteSql)
                .bind("id", id)
                .bind("userId", userId)
                .execute() == 1);
    }

    /** {@inheritDoc} One SELECT along the primary key from {@code afterId}, so each batch costs its own rows. */
    @Override
    public List<StoredCredential> findByType(String type, String afterId, int limit) {
        Objects.requireNonNull(type, "type");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return database.withHandle("Could not read the credentials", handle -> {
            var query = Statements.query(handle, afterId == null ? selectByTypeSql : selectByTypeAfterSql)
                    .bind("type", type)
                    .bind("limit", limit);
            if (afterId != null) {
                query.bind("afterId", afterId);
            }
            return query.map(JdbcCredentialStore::mapCredential).list();
        });
    }

    @Override
    public Map<String, Map<String, Long>> countByKeyId(String type) {
        Objects.requireNonNull(type, "type");
        return database.withHandle("Could not count the credentials", handle -> {
            Map<String, Map<String, Long>> counts = new TreeMap<>();
            Statements.query(handle, countByKeyIdSql).bind("type", type)
                    .map((rs, context) -> new Object[] {nonNull(rs.getString("key_id")), nonNull(rs.getString("data")),
                            rs.getLong("n")})
                    .forEach(row -> counts.computeIfAbsent((String) row[0], k -> new TreeMap<>())
                            .merge((String) row[1], (Long) row[2], Long::sum));
            Map<String, Map<String, Long>> copy = new TreeMap<>();
            counts.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
            return Map.copyOf(copy);
        });
    }

    @Override
    public List<CredentialKeyCount> countAllByKeyId() {
        return database.withHandle("Could not count the credentials", handle -> Statements.query(handle,
                countAllByKeyIdSql).map((rs, context) -> new CredentialKeyCount(rs.getString("type"),
                nonNull(rs.getString("key_id")), rs.getInt("used") != 0, rs.getLong("n"))).list());
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /**
     * An insert-if-absent, so that a duplicate external id never fails the statement (nor, on PostgreSQL, the
     * caller's transaction).
     */
    private void insert(Handle handle, StoredCredential c) {
        int inserted = database.insertIfAbsent(Statements.update(handle, insertSql)
                .bind("id", c.id())
                .bind("userId", c.userId())
                .bind("type", c.type())
                .bind("externalId", c.externalId())
                .bind("label", c.label())
                .bind("secret", c.secret())
                .bind("data", c.data())
                .bind("counter", c.counter())
                .bind("createdAt", EpochMillis.of(c.createdAt()))
                .bind("lastUsedAt", EpochMillis.ofNullable(c.lastUsedAt())));
        if (inserted == 0) {
            // No cause: the driver's message may quote the external id.
            throw new AuthException(AuthErrorCode.ACCOUNT_EXISTS,
                    "Another credential of this type has the same external id");
        }
    }

    static void checkWidths(StoredCredential c) {
        if (c.externalId() != null && c.externalId().length() > EXTERNAL_ID_LENGTH) {
            throw new IllegalArgumentException("a credential's external id is at most " + EXTERNAL_ID_LENGTH
                    + " characters");
        }
        if (c.label() != null && c.label().length() > LABEL_LENGTH) {
            throw new IllegalArgumentException("a credential's label is at most " + LABEL_LENGTH + " characters");
        }
        if (c.secret() != null && c.secret().length() > SECRET_LENGTH) {
            throw new IllegalArgumentException("a credential's secret is at most " + SECRET_LENGTH + " characters");
        }
    }

    private static StoredCredential mapCredential(ResultSet rs, StatementContext context) throws SQLException {
        return mapCredential(rs, "");
    }

    /** The credential in the columns named with {@code prefix} (as a join aliases them). */
    static StoredCredential mapCredential(ResultSet rs, String prefix) throws SQLException {
        return new StoredCredential(rs.getString(prefix + "id"), rs.getString(prefix + "user_id"),
                rs.getString(prefix + "type"), rs.getString(prefix + "external_id"), rs.getString(prefix + "label"),
                rs.getString(prefix + "secret"), rs.getString(prefix + "data"), rs.getLong(prefix + "counter"),
                EpochMillis.read(rs, prefix + "created_at"), EpochMillis.readNullable(rs, prefix + "last_used_at"));
    }
}
