package dev.latchkey.auth.jdbc;

import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.AuthEventListener;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.jdbc.internal.Database;
import dev.latchkey.auth.jdbc.internal.JdbcAuditEvents;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An {@link AuthEventListener} that writes every event to the {@code latchkey_audit_events} table of the same
 * database as a {@link JdbcAuthStores}, for hosts that want an audit trail in SQL.
 *
 * <p>Register it with {@code AuthService.newBuilder(...).eventListener(JdbcAuditLog.create(stores))} (add
 * {@link AuthEventListener#logging()} too to keep the log lines). Events carry no secret, so neither does the table.
 * A failed write is logged by the service and never fails the flow. Rows are kept until
 * {@link #purgeOlderThan(Instant)} deletes them: schedule it to match your retention policy.
 */
public final class JdbcAuditLog implements AuthEventListener {
    private final JdbcAuditEvents events;

    private JdbcAuditLog(Database database) {
        this.events = new JdbcAuditEvents(database);
    }

    /** An audit log in the database of {@code stores}, under the same table prefix. */
    public static JdbcAuditLog create(JdbcAuthStores stores) {
        return new JdbcAuditLog(Objects.requireNonNull(stores, "stores").database());
    }

    /** Writes the event as one row. */
    @Override
    public void onEvent(AuthEvent event) {
        events.insert(Objects.requireNonNull(event, "event"));
    }

    /** A user's newest events, newest first; {@code limit} from 1 to 1000. */
    public List<AuthEvent> recentForUser(String userId, int limit) {
        Objects.requireNonNull(userId, "userId");
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be from 1 to 1000");
        }
        return events.recentForUser(userId, limit);
    }

    /** How many events of a type happened at or after {@code since}, for alerting. */
    public long count(AuthEventType type, Instant since) {
        return events.count(Objects.requireNonNull(type, "type"), Objects.requireNonNull(since, "since"));
    }

    /** Deletes events that happened before {@code cutOff}; returns how many. */
    public int purgeOlderThan(Instant cutOff) {
        return events.purgeOlderThan(Objects.requireNonNull(cutOff, "cutOff"));
    }
}
