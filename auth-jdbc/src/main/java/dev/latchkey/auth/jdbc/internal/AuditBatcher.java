package dev.latchkey.auth.jdbc.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.latchkey.auth.AuthEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit events in batches: a daemon thread waits for an event, then {@code maxDelay} more (or until
 * {@link #close()}), and writes everything queued by then, up to {@value #MAX_BATCH} events per multi-row
 * {@code INSERT}; so an event reaches the table at most {@code maxDelay} (plus the write) after it happened, a busy
 * service sends one statement per batch instead of one per event, and an idle one wakes nothing.
 *
 * <p>Nothing is dropped: when the queue ({@value #CAPACITY} events) is full, or after {@link #close()}, an event is
 * written at once on the caller's thread. What is queued is lost only if the process dies before the next write: a
 * crash loses at most {@code maxDelay} of events. {@link #flush()} writes the queue on the caller's thread.
 */
public final class AuditBatcher implements AutoCloseable {
    /** The most events one statement writes. */
    public static final int MAX_BATCH = 500;
    private static final int CAPACITY = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(AuditBatcher.class);

    private final JdbcAuditEvents events;
    private final long maxDelayMillis;
    private final BlockingQueue<AuthEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Object writing = new Object();
    /** One permit per event queued: what the writer waits on (the events stay in the queue until written). */
    private final Semaphore arrived = new Semaphore(0);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread writer;
    private volatile boolean closed;

    /** Starts the writer thread. */
    public AuditBatcher(JdbcAuditEvents events, Duration maxDelay) {
        this.events = Objects.requireNonNull(events, "events");
        if (maxDelay.isNegative() || maxDelay.isZero() || maxDelay.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("maxDelay must be more than 0 and at most 1 minute");
        }
        this.maxDelayMillis = Math.max(1, maxDelay.toMillis());
        writer = new Thread(this::run, "latchkey-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues the event; writes it at once when the queue is full or the batcher is closed. */
    public void add(AuthEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed || !queue.offer(event)) {
            events.insert(event);
        } else {
            arrived.release();
        }
    }

    /** Writes every queued event now, on the caller's thread. */
    public void flush() {
        synchronized (writing) {
            List<AuthEvent> batch = new ArrayList<>(MAX_BATCH);
            queue.drainTo(batch, MAX_BATCH);
            while (!batch.isEmpty()) {
                try {
                    events.insertAll(batch);
                } catch (RuntimeException e) {
                    // Events hold no secret; the cause names the database's complaint.
                    LOG.error("{} audit events could not be written: {}", batch.size(), e.toString());
                }
                batch.clear();
                queue.drainTo(batch, MAX_BATCH);
            }
        }
    }

    private void run() {
        while (!closed) {
            try {
                arrived.acquire();
                closing.await(maxDelayMillis, TimeUnit.MILLISECONDS);
                arrived.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            flush();
        }
    }

    /** Stops the writer and writes what it had queued; later events are written one by one. */
    @Override
    public void close() {
        closed = true;
        closing.countDown();
        writer.interrupt();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
