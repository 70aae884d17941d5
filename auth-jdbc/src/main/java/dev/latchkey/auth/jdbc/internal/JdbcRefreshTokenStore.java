package dev.latchkey.auth.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.RefreshTokenStore;
import dev.latchkey.auth.store.SessionStanding;
import dev.latchkey.auth.store.StoredRefreshToken;
import dev.latchkey.auth.store.StoredSession;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Update;

/**
 * Sessions in the {@link Tables#sessions()} table and their refresh tokens, by hash, in
 * {@link Tables#refreshTokens()}.
 *
 * <p>A session's {@code lastUsedAt} is the newest {@code issued_at} of its tokens, so a refresh writes only the token
 * table. Rotation is one conditional update ({@code used_at IS NULL}), so of concurrent rotations of one token, on any
 * number of instances, exactly one changes a row. On PostgreSQL the update and the successor's insert are one statement
 * (a data-modifying {@code WITH}), atomic without a transaction of its own: one round trip instead of four.
 */
public final class JdbcRefreshTokenStore implements RefreshTokenStore {
    /** Longer user agents are cut to this, the column's width. */
    static final int USER_AGENT_LENGTH = 512;
    /** Longer client addresses are cut to this, the column's width. */
    static final int CLIENT_ADDRESS_LENGTH = 64;

    private final Database database;
    private final String insertSessionSql;
    private final String insertTokenSql;
    private final String selectTokenSql;
    private final String selectSessionSql;
    private final String markUsedSql;
    /** Mark used and insert the successor in one statement, where the dialect can (PostgreSQL); else null. */
    private final String rotateInOneStatementSql;
    /** Insert the session and its first token in one statement, where the dialect can (PostgreSQL); else null. */
    private final String createInOneStatementSql;
    private final String revokeSessionSql;
    private final String reauthenticateSql;
    private final String standingSql;
    private final String retireTokensSql;
    private final String revokeAllSql;
    private final String revokeAllExceptSql;
    private final String listActiveSql;
    private final String sessions;
    private final String idleCondition;

    /** The session store of {@code database}. */
    public JdbcRefreshTokenStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        sessions = database.tables().sessions();
        String tokens = database.tables().refreshTokens();
        insertSessionSql = "INSERT INTO " + sessions + " (id, user_id, created_at, absolute_expires_at, revoked_at, "
                + "client_address, user_agent, amr, auth_time) VALUES (:id, :userId, :createdAt, :absoluteExpiresAt, "
                + ":revokedAt, :clientAddress, :userAgent, :amr, :authTime)";
        insertTokenSql = "INSERT INTO " + tokens + " (token_hash, session_id, issued_at, expires_at, used_at) "
                + "VALUES (:tokenHash, :sessionId, :issuedAt, :expiresAt, :usedAt)";
        String sessionColumns = "s.id, s.user_id, s.created_at, s.absolute_expires_at, s.revoked_at, "
                + "s.client_address, s.user_agent, s.amr, s.auth_time, (SELECT MAX(l.issued_at) FROM " + tokens
                + " l WHERE l.session_id = s.id) AS last_used_at";
        selectTokenSql = "SELECT t.token_hash, t.session_id, t.issued_at, t.expires_at, t.used_at, " + sessionColumns
                + " FROM " + tokens + " t JOIN " + sessions + " s ON s.id = t.session_id WHERE t.token_hash = :hash";
        selectSessionSql = "SELECT " + sessionColumns + " FROM " + sessions + " s WHERE s.id = :id";
        markUsedSql = "UPDATE " + tokens + " SET used_at = :usedAt WHERE token_hash = :hash AND used_at IS NULL";
        rotateInOneStatementSql = database.dialect().insertFromUpdate(markUsedSql, "session_id",
                "INSERT INTO " + tokens + " (token_hash, session_id, issued_at, expires_at, used_at)",
                ":tokenHash, :sessionId, :issuedAt, :expiresAt, :successorUsedAt").orElse(null);
        createInOneStatementSql = database.dialect().insertFromUpdate(insertSessionSql, "id",
                "INSERT INTO " + tokens + " (token_hash, session_id, issued_at, expires_at, used_at)",
                ":tokenHash, id, :issuedAt, :expiresAt, :usedAt").orElse(null);
        standingSql = "SELECT s.user_id, u.status, u.tokens_valid_from, s.revoked_at, s.absolute_expires_at FROM "
                + sessions + " s JOIN " + database.tables().users() + " u ON u.id = s.user_id WHERE s.id = :id";
        reauthenticateSql = "UPDATE " + sessions + " SET amr = :amr, auth_time = :authTime WHERE id = :id "
                + "AND revoked_at IS NULL AND absolute_expires_at > :authTime";
        retireTokensSql = "UPDATE " + tokens + " SET used_at = :at WHERE session_id = :id AND used_at IS NULL";
        revokeSessionSql = "UPDATE " + sessions + " SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL";
        revokeAllSql = "UPDATE " + sessions + " SET revoked_at = :at WHERE user_id = :userId AND revoked_at IS NULL "
                + "AND absolute_expires_at > :at";
        revokeAllExceptSql = revokeAllSql + " AND id <> :keep";
        listActiveSql = "SELECT " + sessionColumns + " FROM " + sessions + " s WHERE s.user_id = :userId "
                + "AND s.revoked_at IS NULL AND s.absolute_expires_at > :now ORDER BY s.created_at DESC, s.id DESC";
        // A session is idle-dead when its unused token (there is one per live session) expired, and so did every
        // other token. The first part finds candidates through the index on expires_at.
        idleCondition = "id IN (SELECT c.session_id FROM " + tokens + " c WHERE c.used_at IS NULL "
                + "AND c.expires_at < :cutOff) AND NOT EXISTS (SELECT 1 FROM " + tokens + " k WHERE k.session_id = "
                + sessions + ".id AND k.expires_at >= :cutOff)";
    }

    @Override
    public void createSession(StoredSession session, StoredRefreshToken firstToken) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(firstToken, "firstToken");
        if (!firstToken.sessionId().equals(session.id())) {
            throw new IllegalArgumentException("the first token belongs to another session");
        }
        if (createInOneStatementSql != null) {
            // One statement: atomic on its own, and guarded inside a caller's transaction (a missing account fails
            // it).
            database.guarded("Could not create the session", handle -> {
                try {
                    return bindToken(bindSession(Statements.update(handle, createInOneStatementSql), session),
                            firstToken).execute();
                } catch (JdbiException e) {
                    throw missingAccount(e);
                }
            });
            return;
        }
        database.atomically("Could not create the session", handle -> {
            try {
                bindSession(Statements.update(handle, insertSessionSql), session).execute();
            } catch (JdbiException e) {
                throw missingAccount(e);
            }
            insertToken(handle, firstToken);
            return null;
        });
    }

    private RuntimeException missingAccount(JdbiException e) {
        if (database.isForeignKeyViolation(e)) {
            return new AuthException(AuthErrorCode.NOT_FOUND, "The account of the session does not exist");
        }
        return e;
    }

    private static Update bindSession(Update insert, StoredSession session) {
        return insert.bind("id", session.id())
                .bind("userId", session.userId())
                .bind("createdAt", EpochMillis.of(session.createdAt()))
                .bind("absoluteExpiresAt", EpochMillis.of(session.absoluteExpiresAt()))
                .bind("revokedAt", EpochMillis.ofNullable(session.revokedAt()))
                .bind("clientAddress", truncate(session.clientAddress(), CLIENT_ADDRESS_LENGTH))
                .bind("userAgent", truncate(session.userAgent(), USER_AGENT_LENGTH))
                .bind("amr", session.amr())
                .bind("authTime", EpochMillis.ofNullable(session.authTime()));
    }

    @Override
    public Optional<Lookup> findToken(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        return database.withHandle("Could not read the refresh token", handle -> Statements.query(handle, selectTokenSql)
                .bind("hash", tokenHash)
                .map((rs, context) -> new Lookup(
                        new StoredRefreshToken(
                                rs.getString("token_hash"),
                                rs.getString("session_id"),
                                EpochMillis.read(rs, "issued_at"),
                                EpochMillis.read(rs, "expires_at"),
                                EpochMillis.readNullable(rs, "used_at")),
                        mapSession(rs)))
                .findOne());
    }

    @Override
    public boolean rotate(String usedTokenHash, Instant usedAt, StoredRefreshToken successor) {
        Objects.requireNonNull(usedTokenHash, "usedTokenHash");
        Objects.requireNonNull(usedAt, "usedAt");
        Objects.requireNonNull(successor, "successor");
        if (rotateInOneStatementSql != null) {
            return database.guarded("Could not rotate the refresh token", handle -> {
                try {
                    return Statements.update(handle, rotateInOneStatementSql)
                            .bind("usedAt", EpochMillis.of(usedAt))
                            .bind("hash", usedTokenHash)
                            .bind("tokenHash", successor.tokenHash())
                            .bind("sessionId", successor.sessionId())
                            .bind("issuedAt", EpochMillis.of(successor.issuedAt()))
                            .bind("expiresAt", EpochMillis.of(successor.expiresAt()))
                            .bind("successorUsedAt", EpochMillis.ofNullable(successor.usedAt()))
                            .execute() == 1;
                } catch (JdbiException e) {
                    // On its own (autocommit) the statement runs at the connection's level; above READ COMMITTED,
                    // losing the race to mark the token used fails this way instead of matching no row. Inside a
                    // caller's transaction the failure dooms that transaction, so it propagates (and a savepoint
                    // around it, if any, is rolled back).
                    if (!handle.isInTransaction() && database.isSerializationFailure(e)) {
                        return false;
                    }
                    throw e;
                }
            });
        }
        return database.atomically("Could not rotate the refresh token", handle -> {
            int marked = Statements.update(handle, markUsedSql)
                    .bind("usedAt", EpochMillis.of(usedAt))
                    .bind("hash", usedTokenHash)
                    .execute();
            if (marked != 1) {
                return false;
            }
            insertToken(handle, successor);
            return true;
        });
    }

    @Override
    public boolean reauthenticate(String sessionId, String amr, Instant authTime, StoredRefreshToken successor) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(amr, "amr");
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(successor, "successor");
        if (!successor.sessionId().equals(sessionId)) {
            throw new IllegalArgumentException("the successor belongs to another session");
        }
        return database.atomically("Could not re-authenticate the session", handle -> {
            int updated = Statements.update(handle, reauthenticateSql)
                    .bind("amr", amr)
                    .bind("authTime", EpochMillis.of(authTime))
                    .bind("id", sessionId)
                    .execute();
            if (updated != 1) {
                return false;
            }
            Statements.update(handle, retireTokensSql)
                    .bind("at", EpochMillis.of(authTime))
                    .bind("id", sessionId)
                    .execute();
            insertToken(handle, successor);
            return true;
        });
    }

    /** The session and its account's standing, in one statement. */
    public Optional<SessionStanding> sessionStanding(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        return database.withHandle("Could not read the session", handle -> Statements.query(handle, standingSql)
                .bind("id", sessionId)
                .map((rs, context) -> new SessionStanding(rs.getString("user_id"), status(rs.getString("status")),
                        EpochMillis.readNullable(rs, "tokens_valid_from"), EpochMillis.readNullable(rs, "revoked_at"),
                        EpochMillis.read(rs, "absolute_expires_at")))
                .findOne());
    }

    private static AccountStatus status(String name) throws SQLException {
        try {
            return AccountStatus.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new SQLException("The status column holds an unknown account status", e);
        }
    }

    @Override
    public Optional<StoredSession> findSession(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        return database.withHandle("Could not read the session", handle -> Statements.query(handle, selectSessionSql)
                .bind("id", sessionId)
                .map((rs, context) -> mapSession(rs))
                .findOne());
    }

    @Override
    public boolean revokeSession(String sessionId, Instant at) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(at, "at");
        return database.withHandle("Could not revoke the session", handle -> Statements.update(handle, revokeSessionSql)
                .bind("at", EpochMillis.of(at))
                .bind("id", sessionId)
                .execute() == 1);
    }

    @Override
    public int revokeAllSessions(String userId, String keepSessionId, Instant at) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(at, "at");
        return database.withHandle("Could not revoke the sessions", handle -> {
            var update = Statements.update(handle, keepSessionId == null ? revokeAllSql : revokeAllExceptSql)
                    .bind("at", EpochMillis.of(at))
                    .bind("userId", userId);
            if (keepSessionId != null) {
                update.bind("keep", keepSessionId);
            }
            return update.execute();
        });
    }

    @Override
    public List<StoredSession> listActiveSessions(String userId, Instant now) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(now, "now");
        return database.withHandle("Could not list the sessions", handle -> Statements.query(handle, listActiveSql)
                .bind("userId", userId)
                .bind("now", EpochMillis.of(now))
                .map((rs, context) -> mapSession(rs))
                .list());
    }

    @Override
    public int purgeExpired(Instant cutOff) {
        Objects.requireNonNull(cutOff, "cutOff");
        String failure = "Could not purge expired sessions";
        return database.purge(failure, sessions, "id", "absolute_expires_at < :cutOff", cutOff)
                + database.purge(failure, sessions, "id", "revoked_at < :cutOff", cutOff)
                + database.purge(failure, sessions, "id", idleCondition, cutOff);
    }

    private void insertToken(Handle handle, StoredRefreshToken token) {
        bindToken(Statements.update(handle, insertTokenSql), token).execute();
    }

    private static Update bindToken(Update insert, StoredRefreshToken token) {
        return insert.bind("tokenHash", token.tokenHash())
                .bind("sessionId", token.sessionId())
                .bind("issuedAt", EpochMillis.of(token.issuedAt()))
                .bind("expiresAt", EpochMillis.of(token.expiresAt()))
                .bind("usedAt", EpochMillis.ofNullable(token.usedAt()));
    }

    private static StoredSession mapSession(ResultSet rs) throws SQLException {
        Instant createdAt = EpochMillis.read(rs, "created_at");
        Instant lastUsedAt = EpochMillis.readNullable(rs, "last_used_at");
        return new StoredSession(
                rs.getString("id"),
                rs.getString("user_id"),
                createdAt,
                lastUsedAt == null ? createdAt : lastUsedAt,
                EpochMillis.read(rs, "absolute_expires_at"),
                EpochMillis.readNullable(rs, "revoked_at"),
                rs.getString("client_address"),
                rs.getString("user_agent"),
                rs.getString("amr"),
                EpochMillis.readNullable(rs, "auth_time"));
    }

    /** Cuts {@code text} to at most {@code length} chars without splitting a surrogate pair. */
    static String truncate(String text, int length) {
        if (text == null || text.length() <= length) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }
}
