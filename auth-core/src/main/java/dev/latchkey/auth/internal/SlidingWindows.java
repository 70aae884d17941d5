package dev.latchkey.auth.internal;

import dev.latchkey.auth.store.RateLimitStore;

import java.time.Duration;
import java.time.Instant;

/**
 * Sliding-window limits over a {@link RateLimitStore}'s fixed windows: the previous window's count, weighted by how
 * much of it still overlaps the last {@code window}, is taken off what the current window may count. Each acquisition
 * is one atomic conditional increment, so the limit holds across instances.
 */
public final class SlidingWindows {
    private final RateLimitStore store;

    /** Windows over this store. */
    public SlidingWindows(RateLimitStore store) {
        this.store = store;
    }

    /** The store. */
    public RateLimitStore store() {
        return store;
    }

    /** Counts one event under {@code key} if fewer than {@code limit} happened in the last {@code window}. */
    public boolean tryAcquire(String key, int limit, Duration window, Instant now) {
        Instant current = windowStart(now, window);
        Instant previous = current.minus(window);
        double overlap = 1.0 - (double) (now.toEpochMilli() - current.toEpochMilli()) / window.toMillis();
        int carried = (int) Math.ceil(store.count(key, previous) * overlap);
        int allowed = limit - carried;
        return allowed > 0 && store.tryAcquire(key, current, current.plus(window.multipliedBy(2)), allowed);
    }

    /** Takes back one event counted by {@link #tryAcquire} at {@code then}. */
    public void release(String key, Duration window, Instant then) {
        store.release(key, windowStart(then, window));
    }

    /** When the current window ends: a safe time to retry. */
    public static Instant windowEnd(Instant now, Duration window) {
        return windowStart(now, window).plus(window);
    }

    /** The start of the fixed window holding {@code now}. */
    public static Instant windowStart(Instant now, Duration window) {
        long ms = now.toEpochMilli();
        return Instant.ofEpochMilli(ms - Math.floorMod(ms, window.toMillis()));
    }
}
