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
        insertAll(List.of(e));
    }

    /** Writes the events in one multi-row {@code INSERT}; none when the list is empty. */
    public void insertAll(List<AuthEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table)
                .append(" (id, occurred_at, event_type, user_id, destination, client_address, session_id, detail)"
                        + " VALUES ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:id").append(i).append(", :at").append(i).append(", :type")
                    .append(i).append(", :user").append(i).append(", :destination").append(i).append(", :address")
                    .append(i).append(", :session").append(i).append(", :detail").append(i).append(')');
        }
        database.guarded("Could not write the audit event", handle -> {
            var insert = Statements.update(handle, sql.toString());
            for (int i = 0; i < events.size(); i++) {
                AuthEvent e = events.get(i);
                insert.bind("id" + i, UUID.randomUUID().toString())
                        .bind("at" + i, EpochMillis.of(e.time()))
                        .bind("type" + i, e.type().name())
                        .bind("user" + i, cut(e.userId(), 36))
                        .bind("destination" + i, cut(e.destination(), 300))
                        .bind("address" + i, cut(e.clientAddress(), 64))
                        .bind("session" + i, cut(e.sessionId(), 36))
                        .bind("detail" + i, cut(e.detail(), 200));
            }
            return insert.execute();
        });
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
