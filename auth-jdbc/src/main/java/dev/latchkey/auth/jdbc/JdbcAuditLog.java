package dev.latchkey.auth.jdbc;

import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.AuthEventListener;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.jdbc.internal.AuditBatcher;
import dev.latchkey.auth.jdbc.internal.Database;
import dev.latchkey.auth.jdbc.internal.JdbcAuditEvents;

import java.time.Duration;
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
 *
 * <p>{@link #create} writes each event as it happens: one {@code INSERT} per event, inside the request.
 * {@link #batched} queues them and writes them from a thread of its own, up to 500 per {@code INSERT}, at most
 * {@code maxDelay} after they happened: on a busy service one statement (and one commit) per batch instead of per
 * event, so the flows cost the database only their own statements. The trade: a process that dies (a crash, a
 * {@code kill -9}) loses the events of its last {@code maxDelay}; {@link #close()} on shutdown writes the rest. The
 * reads here ({@link #recentForUser}, {@link #count}) first write this instance's queue, so they see its own events;
 * another instance's reach the table within its {@code maxDelay}.
 */
public final class JdbcAuditLog implements AuthEventListener, AutoCloseable {
    private final JdbcAuditEvents events;
    private final AuditBatcher batcher;

    private JdbcAuditLog(Database database, Duration maxDelay) {
        this.events = new JdbcAuditEvents(database);
        this.batcher = maxDelay == null ? null : new AuditBatcher(events, maxDelay);
    }

    /** An audit log in the database of {@code stores}, under the same table prefix, writing each event at once. */
    public static JdbcAuditLog create(JdbcAuthStores stores) {
        return new JdbcAuditLog(Objects.requireNonNull(stores, "stores").database(), null);
    }

    /**
     * An audit log in the database of {@code stores} that writes its events in batches, each at most
     * {@code maxDelay} (more than 0, at most a minute) after it happened. Close it on shutdown.
     */
    public static JdbcAuditLog batched(JdbcAuthStores stores, Duration maxDelay) {
        return new JdbcAuditLog(Objects.requireNonNull(stores, "stores").database(),
                Objects.requireNonNull(maxDelay, "maxDelay"));
    }

    /** Writes the event as one row, now or (batched) with the next batch. */
    @Override
    public void onEvent(AuthEvent event) {
        Objects.requireNonNull(event, "event");
        if (batcher == null) {
            events.insert(event);
        } else {
            batcher.add(event);
        }
    }

    /** Writes every event this log has queued (batched); nothing to do for one made by {@link #create}. */
    public void flush() {
        if (batcher != null) {
            batcher.flush();
        }
    }

    /** Stops a batched log's writer after writing what it queued; later events are written one at a time. */
    @Override
    public void close() {
        if (batcher != null) {
            batcher.close();
        }
    }

    /** A user's newest events, newest first; {@code limit} from 1 to 1000. */
    public List<AuthEvent> recentForUser(String userId, int limit) {
        Objects.requireNonNull(userId, "userId");
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be from 1 to 1000");
        }
        flush();
        return events.recentForUser(userId, limit);
    }

    /** How many events of a type happened at or after {@code since}, for alerting. */
    public long count(AuthEventType type, Instant since) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(since, "since");
        flush();
        return events.count(type, since);
    }

    /** Deletes events that happened before {@code cutOff}; returns how many. */
    public int purgeOlderThan(Instant cutOff) {
        return events.purgeOlderThan(Objects.requireNonNull(cutOff, "cutOff"));
    }
}
