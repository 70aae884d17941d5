package dev.latchkey.auth.jdbc.internal;

import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.AuthEventType;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Rows of the {@link Tables#auditEvents()} table. Inserts run guarded, so a failed write inside a caller's
 * transaction never aborts it; long values are cut to their column widths.
 */
public final class JdbcAuditEvents {
    private final Database database;
    private final String table;

    /** The audit table of {@code database}. */
    public JdbcAuditEvents(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.table = database.tables().auditEvents();
    }

    /** Writes one event. */
    public void insert(AuthEvent e) {
        database.guarded("Could not write the audit event", handle -> Statements.update(handle, "INSERT INTO " + table
                        + " (id, occurred_at, event_type, user_id, destination, client_address, session_id, detail)"
                        + " VALUES (:id, :at, :type, :user, :destination, :address, :session, :detail)")
                .bind("id", UUID.randomUUID().toString())
                .bind("at", EpochMillis.of(e.time()))
                .bind("type", e.type().name())
                .bind("user", cut(e.userId(), 36))
                .bind("destination", cut(e.destination(), 300))
                .bind("address", cut(e.clientAddress(), 64))
                .bind("session", cut(e.sessionId(), 36))
                .bind("detail", cut(e.detail(), 200))
                .execute());
    }

    /** A user's newest events, newest first. */
    public List<AuthEvent> recentForUser(String userId, int limit) {
        return database.withHandle("Could not read audit events", handle -> Statements.query(handle,
                        "SELECT occurred_at, event_type, user_id, destination, client_address, session_id, detail FROM "
                                + table + " WHERE user_id = :user ORDER BY occurred_at DESC, id DESC")
                .bind("user", userId)
                .setMaxRows(limit)
                .map((rs, ctx) -> new AuthEvent(AuthEventType.of(rs.getString("event_type")),
                        Instant.ofEpochMilli(rs.getLong("occurred_at")), rs.getString("user_id"),
                        rs.getString("destination"), rs.getString("client_address"), rs.getString("session_id"),
                        rs.getString("detail")))
                .list());
    }

    /** How many events of {@code type} happened at or after {@code since}. */
    public long count(AuthEventType type, Instant since) {
        return database.withHandle("Could not count audit events", handle -> Statements.query(handle,
                        "SELECT COUNT(*) FROM " + table + " WHERE event_type = :type AND occurred_at >= :since")
                .bind("type", type.name())
                .bind("since", EpochMillis.of(since))
                .mapTo(Long.class)
                .one());
    }

    /** Deletes events before {@code cutOff}, in batches. */
    public int purgeOlderThan(Instant cutOff) {
        return database.purge("Could not purge audit events", table, "id", "occurred_at < :cutOff", cutOff);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
