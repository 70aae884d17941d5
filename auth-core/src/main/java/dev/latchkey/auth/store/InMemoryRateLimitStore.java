package dev.latchkey.auth.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RateLimitStore} in this process's memory, for an application that runs as a single instance (or for
 * tests). Counts are lost on restart and are not shared between instances: with several instances over one database,
 * use the SQL implementation of {@code auth-jdbc} so that limits add up across them.
 *
 * <p>Thread-safe; every operation on one key is atomic. Call {@link #purgeExpired(Instant)} periodically (the
 * {@code AuthService} does, in {@code purgeExpired()}) so that memory does not grow with old windows.
 */
public final class InMemoryRateLimitStore implements RateLimitStore {
    private final ConcurrentHashMap<String, KeyState> keys = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryRateLimitStore() {
    }

    /**
     * Windows and the hold of one key. Changes run inside {@link ConcurrentHashMap#compute}, so a reset or purge
     * never races an increment; the methods are also synchronized for the plain reads of {@link #count}.
     */
    private static final class KeyState {
        private final Map<Long, long[]> windows = new HashMap<>(); // window start -> {count, expiresAt}
        private long holdUntil = Long.MIN_VALUE;
        private boolean held;

        synchronized boolean tryAcquire(long window, long expiresAt, int limit) {
            long[] w = windows.get(window);
            if (w == null) {
                windows.put(window, new long[] {1, expiresAt});
                return true;
            }
            if (w[0] >= limit) {
                return false;
            }
            w[0]++;
            return true;
        }

        synchronized boolean tryAcquireWithin(long window, long from, long expiresAt, int limit) {
            int others = 0;
            for (Map.Entry<Long, long[]> e : windows.entrySet()) {
                if (e.getKey() >= from && e.getKey() != window) {
                    others += (int) Math.max(0, e.getValue()[0]);
                }
            }
            return limit - others >= 1 && tryAcquire(window, expiresAt, limit - others);
        }

        synchronized void release(long window) {
            long[] w = windows.get(window);
            if (w != null && w[0] > 0) {
                w[0]--;
            }
        }

        synchronized int count(long window) {
            long[] w = windows.get(window);
            return w == null ? 0 : (int) w[0];
        }

        synchronized SortedMap<Instant, Integer> counts(long from) {
            SortedMap<Instant, Integer> found = new TreeMap<>();
            windows.forEach((start, w) -> {
                if (start >= from && w[0] > 0) {
                    found.put(Instant.ofEpochMilli(start), (int) w[0]);
                }
            });
            return found;
        }

        synchronized boolean tryHold(long now, long until) {
            if (held && holdUntil > now) {
                return false;
            }
            held = true;
            holdUntil = until;
            return true;
        }

        synchronized int purge(long cutOff) {
            int removed = 0;
            for (Iterator<long[]> it = windows.values().iterator(); it.hasNext(); ) {
                if (it.next()[1] < cutOff) {
                    it.remove();
                    removed++;
                }
            }
            if (held && holdUntil < cutOff) {
                held = false;
                removed++;
            }
            return removed;
        }

        synchronized boolean isEmpty() {
            return windows.isEmpty() && !held;
        }
    }

    @Override
    public boolean tryAcquire(String key, Instant windowStart, Instant expiresAt, int limit) {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (limit < 1) {
            return false;
        }
        boolean[] acquired = new boolean[1];
        keys.compute(Objects.requireNonNull(key, "key"), (k, state) -> {
            KeyState s = state == null ? new KeyState() : state;
            acquired[0] = s.tryAcquire(windowStart.toEpochMilli(), expiresAt.toEpochMilli(), limit);
            return s;
        });
        return acquired[0];
    }

    /** {@inheritDoc} Atomic: concurrent callers get distinct values. */
    @Override
    public int increment(String key, Instant windowStart, Instant expiresAt) {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(expiresAt, "expiresAt");
        int[] value = new int[1];
        keys.compute(Objects.requireNonNull(key, "key"), (k, state) -> {
            KeyState s = state == null ? new KeyState() : state;
            s.tryAcquire(windowStart.toEpochMilli(), expiresAt.toEpochMilli(), Integer.MAX_VALUE);
            value[0] = s.count(windowStart.toEpochMilli());
            return s;
        });
        return value[0];
    }

    /** {@inheritDoc} Atomic for every window of the key, not only the counted one. */
    @Override
    public boolean tryAcquireWithin(String key, Instant windowStart, Instant fromWindowStart, Instant expiresAt,
                                    int limit) {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(fromWindowStart, "fromWindowStart");
        Objects.requireNonNull(expiresAt, "expiresAt");
        boolean[] acquired = new boolean[1];
        keys.compute(Objects.requireNonNull(key, "key"), (k, state) -> {
            KeyState s = state == null ? new KeyState() : state;
            acquired[0] = s.tryAcquireWithin(windowStart.toEpochMilli(), fromWindowStart.toEpochMilli(),
                    expiresAt.toEpochMilli(), limit);
            return s;
        });
        return acquired[0];
    }

    @Override
    public void release(String key, Instant windowStart) {
        Objects.requireNonNull(windowStart, "windowStart");
        keys.computeIfPresent(Objects.requireNonNull(key, "key"), (k, s) -> {
            s.release(windowStart.toEpochMilli());
            return s;
        });
    }

    @Override
    public int count(String key, Instant windowStart) {
        KeyState s = keys.get(Objects.requireNonNull(key, "key"));
        return s == null ? 0 : s.count(windowStart.toEpochMilli());
    }

    @Override
    public SortedMap<Instant, Integer> counts(String key, Instant fromWindowStart) {
        Objects.requireNonNull(fromWindowStart, "fromWindowStart");
        KeyState s = keys.get(Objects.requireNonNull(key, "key"));
        return s == null ? new TreeMap<>() : s.counts(fromWindowStart.toEpochMilli());
    }

    @Override
    public boolean tryHold(String key, Instant now, Instant until) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(until, "until");
        boolean[] held = new boolean[1];
        keys.compute(Objects.requireNonNull(key, "key"), (k, state) -> {
            KeyState s = state == null ? new KeyState() : state;
            held[0] = s.tryHold(now.toEpochMilli(), until.toEpochMilli());
            return s;
        });
        return held[0];
    }

    @Override
    public void reset(String key) {
        keys.remove(Objects.requireNonNull(key, "key"));
    }

    @Override
    public int purgeExpired(Instant cutOff) {
        long c = cutOff.toEpochMilli();
        int[] removed = new int[1];
        for (String key : keys.keySet()) {
            keys.computeIfPresent(key, (k, s) -> {
                removed[0] += s.purge(c);
                return s.isEmpty() ? null : s;
            });
        }
        return removed[0];
    }

    @Override
    public String toString() {
        return "InMemoryRateLimitStore[keys=" + keys.size() + "]";
    }
}
