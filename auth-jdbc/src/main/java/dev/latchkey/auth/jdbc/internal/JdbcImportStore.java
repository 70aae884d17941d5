package dev.latchkey.auth.jdbc.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.ImportMatch;
import dev.latchkey.auth.store.ImportStore;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredImport;
import dev.latchkey.auth.store.StoredUser;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * External ids in the {@code external_id} column of {@link Tables#users()} (migration V9, unique, NULL for accounts
 * Latchkey made), one {@code SELECT ... WHERE <key> IN (...)} per kind of key per batch, each on its unique index, and
 * a batch of accounts written as multi-row INSERTs of up to 500 rows (accounts, then credentials) in one transaction:
 * four statements for a thousand accounts with passwords instead of two thousand.
 */
public final class JdbcImportStore implements ImportStore {
    private static final int MAX_VALUES = 1000;
    /** Rows per multi-row INSERT: 500 accounts are 6,000 parameters, well below every driver's limit. */
    private static final int ROWS_PER_INSERT = 500;

    private final Database database;
    private final String matchSql;
    private final String byExternalIdSql;
    private final String insertUserSql;
    private final String insertCredentialSql;

    /** The import store of {@code database}. */
    public JdbcImportStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        Tables tables = database.tables();
        matchSql = "SELECT id, external_id, email, phone FROM " + tables.users() + " WHERE ";
        byExternalIdSql = "SELECT id FROM " + tables.users() + " WHERE external_id = :externalId";
        insertUserSql = "INSERT INTO " + tables.users() + " (id, email, email_verified, phone, phone_verified, "
                + "pending_email, pending_phone, status, roles, profile, created_at, updated_at, tokens_valid_from, "
                + "version, external_id) VALUES ";
        insertCredentialSql = "INSERT INTO " + tables.credentials() + " (id, user_id, type, external_id, label, secret, "
                + "data, counter, created_at, last_used_at) VALUES ";
    }

    @Override
    public List<ImportMatch> findMatches(Collection<String> externalIds, Collection<String> emails,
                                         Collection<String> phones) {
        List<String> ids = checked(externalIds, "externalIds");
        List<String> mails = checked(emails, "emails");
        List<String> numbers = checked(phones, "phones");
        if (ids.isEmpty() && mails.isEmpty() && numbers.isEmpty()) {
            return List.of();
        }
        // One query per key, each on its own unique index: an OR across the three columns makes H2 scan the whole
        // table. On PostgreSQL a table filled by an import has no statistics until it is next analysed (never, with
        // autovacuum off), and the planner costs a 1000-value IN list on it as a sequential scan: every batch would
        // read the whole growing table, a million-account import half a billion rows. Turning sequential scans off
        // (SET LOCAL: this transaction only) leaves the unique indexes, whatever the statistics say.
        return database.atomically("Could not look the imported accounts up", handle -> {
            if (database.dialect() == Dialect.POSTGRESQL) {
                Statements.update(handle, "SET LOCAL enable_seqscan = off").execute();
            }
            Map<String, ImportMatch> found = new LinkedHashMap<>();
            match(handle, "external_id", ids, found);
            match(handle, "email", mails, found);
            match(handle, "phone", numbers, found);
            return List.copyOf(found.values());
        });
    }

    private void match(Handle handle, String column, List<String> values, Map<String, ImportMatch> found) {
        if (values.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            names.add(":v" + i);
        }
        Query query = Statements.query(handle, matchSql + column + " IN (" + String.join(", ", names) + ")");
        for (int i = 0; i < values.size(); i++) {
            query.bind("v" + i, values.get(i));
        }
        query.map((rs, context) -> new ImportMatch(rs.getString("id"), rs.getString("external_id"),
                rs.getString("email"), rs.getString("phone"))).forEach(m -> found.putIfAbsent(m.userId(), m));
    }

    @Override
    public Optional<String> findUserIdByExternalId(String externalId) {
        Objects.requireNonNull(externalId, "externalId");
        return database.withHandle("Could not look the account up by external id", handle -> Statements
                .query(handle, byExternalIdSql).bind("externalId", externalId).mapTo(String.class).findOne());
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when a hash is longer than the secret column (2000 characters)
     */
    @Override
    public void insertAll(List<StoredImport> accounts) {
        List<StoredImport> rows = List.copyOf(accounts);
        for (StoredImport row : rows) {
            if (row.password() != null && row.password().secret() != null
                    && row.password().secret().length() > JdbcCredentialStore.SECRET_LENGTH) {
                throw new IllegalArgumentException("a credential's secret is at most "
                        + JdbcCredentialStore.SECRET_LENGTH + " characters");
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        List<StoredCredential> passwords = rows.stream().map(StoredImport::password).filter(Objects::nonNull).toList();
        database.atomically("Could not import the accounts", handle -> {
            try {
                for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
                    insertUsers(handle, rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT)));
                }
                for (int from = 0; from < passwords.size(); from += ROWS_PER_INSERT) {
                    insertCredentials(handle, passwords.subList(from, Math.min(passwords.size(), from + ROWS_PER_INSERT)));
                }
                return null;
            } catch (JdbiException e) {
                if (isUniqueViolation(e)) {
                    // No cause: the driver's message may quote the duplicate email, phone or external id.
                    throw new AuthException(AuthErrorCode.ACCOUNT_EXISTS,
                            "An email, phone or external id already belongs to an account");
                }
                throw e;
            }
        });
    }

    /** One multi-row INSERT of up to {@value #ROWS_PER_INSERT} accounts: one statement for the server to run. */
    private void insertUsers(Handle handle, List<StoredImport> rows) {
        Update insert = Statements.update(handle, insertUserSql + values(rows.size(),
                "(?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, NULL, ?, ?)"));
        int p = 0;
        for (StoredImport row : rows) {
            StoredUser user = row.user();
            insert.bind(p++, user.id()).bind(p++, user.email()).bind(p++, user.emailVerified())
                    .bind(p++, user.phone()).bind(p++, user.phoneVerified()).bind(p++, user.status().name())
                    .bind(p++, JsonText.ofRoles(user.roles())).bind(p++, JsonText.ofProfile(user.profile()))
                    .bind(p++, EpochMillis.of(user.createdAt())).bind(p++, EpochMillis.of(user.updatedAt()))
                    .bind(p++, user.version()).bind(p++, row.externalId());
        }
        insert.execute();
    }

    /** One multi-row INSERT of up to {@value #ROWS_PER_INSERT} password credentials. */
    private void insertCredentials(Handle handle, List<StoredCredential> rows) {
        Update insert = Statements.update(handle, insertCredentialSql + values(rows.size(),
                "(?, ?, ?, NULL, NULL, ?, ?, 0, ?, NULL)"));
        int p = 0;
        for (StoredCredential c : rows) {
            insert.bind(p++, c.id()).bind(p++, c.userId()).bind(p++, c.type()).bind(p++, c.secret())
                    .bind(p++, c.data()).bind(p++, EpochMillis.of(c.createdAt()));
        }
        insert.execute();
    }

    private static String values(int rows, String row) {
        StringBuilder sql = new StringBuilder(rows * (row.length() + 2));
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.toString();
    }

    /** A duplicate key anywhere in the failure: batches report theirs in the cause or a chained next exception. */
    private boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (database.dialect().isUniqueViolation(s)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<String> checked(Collection<String> values, String name) {
        List<String> list = List.copyOf(Objects.requireNonNull(values, name));
        if (list.size() > MAX_VALUES) {
            throw new IllegalArgumentException(name + " holds at most " + MAX_VALUES + " values");
        }
        return list;
    }
}
