package dev.latchkey.auth.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredUser;
import dev.latchkey.auth.store.UserStore;

import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * Accounts in the {@link Tables#users()} table, with optimistic locking on the {@code version} column.
 *
 * <p>Uniqueness of identifying emails and phones is the database's unique constraints, so two concurrent
 * registrations of one email cannot both succeed. Pending (claimed, unproved) contacts have indexes that are not
 * unique: any number of accounts may claim one. Deleting an account deletes its credentials and challenges in the
 * same transaction, and its sessions with their refresh tokens by the foreign keys' cascade.
 */
public final class JdbcUserStore implements UserStore {
    private static final String COLUMNS = "id, email, email_verified, phone, phone_verified, pending_email, "
            + "pending_phone, status, roles, profile, created_at, updated_at, tokens_valid_from, version";

    private final Database database;
    private final String insertSql;
    /** Insert the account and, if it was inserted, its credential in one statement (PostgreSQL); else null. */
    private final String insertWithCredentialSql;
    private final String selectByIdSql;
    private final String selectByEmailSql;
    private final String selectByPhoneSql;
    private final String selectPendingByEmailSql;
    private final String selectPendingByPhoneSql;
    private final String selectByEmailOrPendingSql;
    private final String selectByPhoneOrPendingSql;
    private final String updateSql;
    private final String deleteCredentialsSql;
    private final String deleteChallengesSql;
    private final String deleteSql;
    private final String listSql;

    /** The account store of {@code database}. */
    public JdbcUserStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        Tables tables = database.tables();
        String table = tables.users();
        insertSql = database.insertIfAbsentSql("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (:id, :email, "
                + ":emailVerified, :phone, :phoneVerified, :pendingEmail, :pendingPhone, :status, :roles, :profile, "
                + ":createdAt, :updatedAt, :tokensValidFrom, :version)");
        insertWithCredentialSql = database.dialect().insertFromUpdate(insertSql, "id", "INSERT INTO "
                + tables.credentials() + " (id, user_id, type, external_id, label, secret, data, counter, created_at, "
                + "last_used_at)", ":credentialId, id, :credentialType, :externalId, :label, :secret, :data, :counter, "
                + ":credentialCreatedAt, :lastUsedAt").orElse(null);
        // Whether a password credential exists, in the same statement: every login and refresh shows the account.
        String select = "SELECT " + COLUMNS + ", EXISTS (SELECT 1 FROM " + tables.credentials() + " c WHERE c.user_id = "
                + table + ".id AND c.type = 'password') AS has_password FROM " + table;
        selectByIdSql = select + " WHERE id = :value";
        selectByEmailSql = select + " WHERE email = :value";
        selectByPhoneSql = select + " WHERE phone = :value";
        String newestPending = " AND status = '" + AccountStatus.PENDING_VERIFICATION.name()
                + "' ORDER BY created_at DESC, id DESC LIMIT 1";
        selectPendingByEmailSql = select + " WHERE pending_email = :value" + newestPending;
        selectPendingByPhoneSql = select + " WHERE pending_phone = :value" + newestPending;
        // Both in one read: the identifying account (if any) and the newest pending registration, at most two rows.
        selectByEmailOrPendingSql = "(" + selectByEmailSql + ") UNION ALL (" + selectPendingByEmailSql + ")";
        selectByPhoneOrPendingSql = "(" + selectByPhoneSql + ") UNION ALL (" + selectPendingByPhoneSql + ")";
        updateSql = "UPDATE " + table + " SET email = :email, email_verified = :emailVerified, phone = :phone, "
                + "phone_verified = :phoneVerified, pending_email = :pendingEmail, pending_phone = :pendingPhone, "
                + "status = :status, roles = :roles, profile = :profile, updated_at = :updatedAt, "
                + "tokens_valid_from = :tokensValidFrom, version = :version "
                + "WHERE id = :id AND version = :expectedVersion";
        deleteCredentialsSql = "DELETE FROM " + tables.credentials() + " WHERE user_id = :id";
        deleteChallengesSql = "DELETE FROM " + tables.challenges() + " WHERE user_id = :id";
        deleteSql = "DELETE FROM " + table + " WHERE id = :id";
        listSql = select + " ORDER BY created_at, id LIMIT :limit OFFSET :offset";
    }

    /**
     * {@inheritDoc} An insert-if-absent (on PostgreSQL {@code ON CONFLICT DO NOTHING}), so that a duplicate never
     * fails a statement and needs no savepoint inside a caller's transaction.
     */
    @Override
    public void insert(StoredUser user) {
        Objects.requireNonNull(user, "user");
        int inserted = database.withHandle("Could not add the account", handle -> database.insertIfAbsent(
                bindUser(Statements.update(handle, insertSql), user)));
        if (inserted == 0) {
            throw accountExists();
        }
    }

    /**
     * Adds the account and its first credential in one statement where the dialect can (PostgreSQL: the credential
     * is inserted from the rows the account's insert-if-absent returns), atomic on its own and guarded inside a
     * caller's transaction. A taken email or phone inserts neither; a taken credential fails the statement, which
     * undoes the account. Both are {@code ACCOUNT_EXISTS}.
     *
     * @return false, having done nothing, where the dialect cannot (the caller then inserts both in a transaction)
     */
    public boolean insertWithCredential(StoredUser user, StoredCredential credential) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(credential, "credential");
        if (!credential.userId().equals(user.id())) {
            throw new IllegalArgumentException("the credential belongs to another account");
        }
        if (insertWithCredentialSql == null) {
            return false;
        }
        JdbcCredentialStore.checkWidths(credential);
        int inserted = database.guarded("Could not add the account", handle -> {
            try {
                return bindUser(Statements.update(handle, insertWithCredentialSql), user)
                        .bind("credentialId", credential.id())
                        .bind("credentialType", credential.type())
                        .bind("externalId", credential.externalId())
                        .bind("label", credential.label())
                        .bind("secret", credential.secret())
                        .bind("data", credential.data())
                        .bind("counter", credential.counter())
                        .bind("credentialCreatedAt", EpochMillis.of(credential.createdAt()))
                        .bind("lastUsedAt", EpochMillis.ofNullable(credential.lastUsedAt()))
                        .execute();
            } catch (JdbiException e) {
                throw translateUniqueViolation(e);
            }
        });
        if (inserted == 0) {
            throw accountExists();
        }
        return true;
    }

    @Override
    public Optional<StoredUser> findById(String id) {
        Objects.requireNonNull(id, "id");
        return findOne("Could not read the account", selectByIdSql, id);
    }

    @Override
    public Optional<StoredUser> findByEmail(String email) {
        Objects.requireNonNull(email, "email");
        return findOne("Could not look the account up by email", selectByEmailSql, email);
    }

    @Override
    public Optional<StoredUser> findByPhone(String phone) {
        Objects.requireNonNull(phone, "phone");
        return findOne("Could not look the account up by phone", selectByPhoneSql, phone);
    }

    @Override
    public Optional<StoredUser> findPendingRegistrationByEmail(String email) {
        Objects.requireNonNull(email, "email");
        return findOne("Could not look the pending registration up by email", selectPendingByEmailSql, email);
    }

    @Override
    public Optional<StoredUser> findPendingRegistrationByPhone(String phone) {
        Objects.requireNonNull(phone, "phone");
        return findOne("Could not look the pending registration up by phone", selectPendingByPhoneSql, phone);
    }

    /** {@inheritDoc} One read ({@code UNION ALL} of both lookups). */
    @Override
    public Optional<StoredUser> findByEmailOrPendingRegistration(String email) {
        Objects.requireNonNull(email, "email");
        return identifyingFirst("Could not look the account up by email", selectByEmailOrPendingSql, email, true);
    }

    /** {@inheritDoc} One read ({@code UNION ALL} of both lookups). */
    @Override
    public Optional<StoredUser> findByPhoneOrPendingRegistration(String phone) {
        Objects.requireNonNull(phone, "phone");
        return identifyingFirst("Could not look the account up by phone", selectByPhoneOrPendingSql, phone, false);
    }

    private Optional<StoredUser> identifyingFirst(String failure, String sql, String value, boolean email) {
        List<StoredUser> found = database.withHandle(failure, handle -> Statements.query(handle, sql)
                .bind("value", value)
                .map(JdbcUserStore::mapUser)
                .list());
        return identifyingFirst(found, value, email);
    }

    /**
     * Of the rows of {@link #identifyingOrPendingSql}, the account {@code value} identifies, else the pending
     * registration.
     */
    static Optional<StoredUser> identifyingFirst(Collection<StoredUser> found, String value, boolean email) {
        return found.stream().filter(u -> value.equals(email ? u.email() : u.phone())).findFirst()
                .or(() -> found.stream().findFirst());
    }

    /** The one read of {@link #findByEmailOrPendingRegistration} (or its phone twin), binding {@code :value}. */
    String identifyingOrPendingSql(boolean email) {
        return email ? selectByEmailOrPendingSql : selectByPhoneOrPendingSql;
    }

    @Override
    public boolean update(StoredUser next) {
        Objects.requireNonNull(next, "next");
        return database.guarded("Could not update the account", handle -> {
            try {
                return bindUser(Statements.update(handle, updateSql), next)
                        .bind("expectedVersion", next.version() - 1)
                        .execute() == 1;
            } catch (JdbiException e) {
                throw translateUniqueViolation(e);
            }
        });
    }

    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id");
        return database.atomically("Could not delete the account", handle -> {
            Statements.update(handle, deleteCredentialsSql).bind("id", id).execute();
            Statements.update(handle, deleteChallengesSql).bind("id", id).execute();
            return Statements.update(handle, deleteSql).bind("id", id).execute() == 1;
        });
    }

    @Override
    public List<StoredUser> list(int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        if (limit == 0) {
            return List.of();
        }
        return database.withHandle("Could not list the accounts", handle -> Statements.query(handle, listSql)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(JdbcUserStore::mapUser)
                .list());
    }

    private Optional<StoredUser> findOne(String failure, String sql, String value) {
        return database.withHandle(failure, handle -> Statements.query(handle, sql)
                .bind("value", value)
                .map(JdbcUserStore::mapUser)
                .findOne());
    }

    private RuntimeException translateUniqueViolation(JdbiException e) {
        if (database.isUniqueViolation(e)) {
            return accountExists();
        }
        return e;
    }

    /** No cause: the driver's message may quote the duplicate email or phone. */
    private static AuthException accountExists() {
        return new AuthException(AuthErrorCode.ACCOUNT_EXISTS, "The email or phone already belongs to an account");
    }

    private static Update bindUser(Update update, StoredUser user) {
        return update.bind("id", user.id())
                .bind("email", user.email())
                .bind("emailVerified", user.emailVerified())
                .bind("phone", user.phone())
                .bind("phoneVerified", user.phoneVerified())
                .bind("pendingEmail", user.pendingEmail())
                .bind("pendingPhone", user.pendingPhone())
                .bind("status", user.status().name())
                .bind("roles", JsonText.ofRoles(user.roles()))
                .bind("profile", JsonText.ofProfile(user.profile()))
                .bind("createdAt", EpochMillis.of(user.createdAt()))
                .bind("updatedAt", EpochMillis.of(user.updatedAt()))
                .bind("tokensValidFrom", EpochMillis.ofNullable(user.tokensValidFrom()))
                .bind("version", user.version());
    }

    static StoredUser mapUser(ResultSet rs, StatementContext context) throws SQLException {
        AccountStatus status;
        try {
            status = AccountStatus.valueOf(rs.getString("status"));
        } catch (IllegalArgumentException e) {
            throw new SQLException("The status column holds an unknown account status", e);
        }
        return new StoredUser(
                rs.getString("id"),
                rs.getString("email"),
                rs.getBoolean("email_verified"),
                rs.getString("phone"),
                rs.getBoolean("phone_verified"),
                rs.getString("pending_email"),
                rs.getString("pending_phone"),
                status,
                JsonText.readRoles(rs.getString("roles")),
                JsonText.readProfile(rs.getString("profile")),
                EpochMillis.read(rs, "created_at"),
                EpochMillis.read(rs, "updated_at"),
                EpochMillis.readNullable(rs, "tokens_valid_from"),
                rs.getLong("version"),
                rs.getBoolean("has_password"));
    }
}
