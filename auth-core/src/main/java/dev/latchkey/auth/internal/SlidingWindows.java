package dev.latchkey.auth.internal;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.RateLimitStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Exact sliding-window limits over a {@link RateLimitStore}: never more than {@code limit} events in any interval of
 * length {@code window}, across instances and under concurrency.
 *
 * <p>Events are counted in slices of a quarter of the window. An event at {@code now} counts in the slice holding
 * {@code now}, and may count only while every slice from the one holding {@code now - window} on (later ones too, from
 * instances whose clocks run ahead) sums to less than the limit. Those slices hold every event of any interval of
 * length {@code window} that ends with this one, so no such interval can hold more than the limit. An event leaves
 * the sum between {@code window} and {@code window} plus one slice after it happened.
 *
 * <p>An acquisition adds one to its slice only while the slices sum to less than the limit
 * ({@link RateLimitStore#tryAcquireWithin}: one atomic conditional statement on the JDBC stores, so concurrent
 * callers in one slice never overrun), then reads the sums again: a caller in another slice (another instance's
 * clock, or a thread that read the clock just before the slice ended) may have counted meanwhile, and whichever of
 * two such callers reads last sees both and gives its event back. The limits of one request are taken together
 * ({@link #acquireEach}): one conditional count of all their counters ({@link RateLimitStore#tryAcquireAllWithin},
 * one statement on PostgreSQL) and one read of all their sums ({@link RateLimitStore#countsAll}), which also says
 * when a refused limit will let through.
 */
public final class SlidingWindows {
    /** Slices per window. */
    static final int SLICES = 4;
    private static final Logger LOG = LoggerFactory.getLogger(SlidingWindows.class);

    /**
     * One limit of a request: at most {@code limit} events under {@code key} in any interval of length
     * {@code window}.
     */
    public record Limit(String key, int limit, Duration window) {
        /** Checks that nothing is null. */
        public Limit {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(window, "window");
        }
    }

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
        return acquire(key, limit, window, now).isEmpty();
    }

    /**
     * Counts one event under {@code key} if fewer than {@code limit} happened in the last {@code window}: empty when
     * it counted, else the time from which this limit will not refuse (unless more events count meanwhile).
     */
    public Optional<Instant> acquire(String key, int limit, Duration window, Instant now) {
        return Optional.ofNullable(acquireEach(List.of(new Limit(key, limit, window)), now).get(key));
    }

    /**
     * Counts one event under each of {@code limits} (whose keys differ) that fewer than its limit allow in its last
     * window: by key, the limits that refused, each with the time from which it will not refuse (unless more events
     * count meanwhile). The others counted, and stay counted: a caller that needs all or none gives them back
     * ({@link #release(List, Instant, Collection)}).
     */
    public Map<String, Instant> acquireEach(List<Limit> limits, Instant now) {
        return acquireEach(null, null, limits, now).orElseThrow();
    }

    /**
     * Takes the hold {@code holdKey} until {@code until} ({@link RateLimitStore#tryHold}), then, only if it held,
     * {@link #acquireEach} of {@code limits}: empty when the hold was refused and nothing counted. The hold and the
     * counts are one statement on PostgreSQL.
     */
    public Optional<Map<String, Instant>> holdThenAcquireEach(String holdKey, Instant until, List<Limit> limits,
                                                             Instant now) {
        return acquireEach(Objects.requireNonNull(holdKey, "holdKey"), Objects.requireNonNull(until, "until"), limits,
                now);
    }

    private Optional<Map<String, Instant>> acquireEach(String holdKey, Instant until, List<Limit> limits,
                                                       Instant now) {
        List<RateLimitStore.Acquisition> wanted = new ArrayList<>(limits.size());
        Map<String, Instant> froms = new LinkedHashMap<>();
        for (Limit l : limits) {
            long slice = sliceMillis(l.window());
            Instant current = sliceStart(now, slice);
            Instant from = sliceStart(now.minus(l.window()), slice);
            if (froms.put(l.key(), from) != null) {
                throw new IllegalArgumentException("the limits of one request have distinct keys");
            }
            wanted.add(new RateLimitStore.Acquisition(l.key(), current, from,
                    current.plusMillis(slice).plus(l.window()), l.limit()));
        }
        List<Boolean> counted = holdKey == null ? store.tryAcquireAllWithin(wanted)
                : store.tryHoldThenAcquireAll(holdKey, now, until, wanted);
        if (counted == null) {
            return Optional.empty();
        }
        Map<String, SortedMap<Instant, Integer>> after = store.countsAll(froms);
        Map<String, Instant> refused = new LinkedHashMap<>();
        for (int i = 0; i < limits.size(); i++) {
            Limit l = limits.get(i);
            long slice = sliceMillis(l.window());
            SortedMap<Instant, Integer> sums = new TreeMap<>(after.getOrDefault(l.key(), new TreeMap<>()));
            if (counted.get(i) && sum(sums) > l.limit()) {
                // Counted in another slice meanwhile: whichever of two such callers reads last gives its event back.
                Instant current = wanted.get(i).windowStart();
                store.release(l.key(), current);
                sums.merge(current, -1, Integer::sum);
                refused.put(l.key(), retryAt(sums, l.limit(), l.window(), slice, now));
            } else if (!counted.get(i)) {
                refused.put(l.key(), retryAt(sums, l.limit(), l.window(), slice, now));
            }
        }
        return Optional.of(refused);
    }

    /**
     * Takes back one event of each of {@code limits} whose key is not in {@code except}, counted by
     * {@link #acquireEach} at {@code then}: one statement per window length.
     */
    public void release(List<Limit> limits, Instant then, Collection<String> except) {
        Map<Duration, List<String>> byWindow = new LinkedHashMap<>();
        Collection<String> skipped = new HashSet<>(except);
        for (Limit l : limits) {
            if (!skipped.contains(l.key())) {
                byWindow.computeIfAbsent(l.window(), w -> new ArrayList<>()).add(l.key());
            }
        }
        byWindow.forEach((window, keys) -> releaseAll(keys, window, then));
    }

    /** Takes back one event counted by {@link #acquire} at {@code then}, as {@link #releaseAll} does. */
    public void release(String key, Duration window, Instant then) {
        giveBack(1, () -> store.release(key, sliceStart(then, sliceMillis(window))));
    }

    /**
     * Takes back one event of each of {@code keys}, counted by {@link #acquire} at {@code then} (one statement). A
     * give-back the store cannot make (it is down, or on a multi-primary cluster the write lost every retry to
     * the other node's) is logged and left out: the events stay counted until their window ends, so the limit is
     * stricter, never looser, and the request keeps the answer it earned instead of a 503.
     */
    public void releaseAll(Collection<String> keys, Duration window, Instant then) {
        giveBack(keys.size(), () -> store.releaseAll(keys, sliceStart(then, sliceMillis(window))));
    }

    private static void giveBack(int slots, Runnable release) {
        try {
            release.run();
        } catch (AuthException e) {
            if (e.code() != AuthErrorCode.STORE_UNAVAILABLE) {
                throw e;
            }
            LOG.warn("Could not give back {} rate-limit slot(s); they count until their window ends: {}", slots,
                    e.getMessage());
        }
    }

    /**
     * Resets every counter and hold of {@code resetKeys} and takes back one event of each of {@code releaseKeys},
     * counted by {@link #acquire} at {@code then} in windows of this length: one statement on the JDBC stores.
     */
    public void resetAndRelease(Collection<String> resetKeys, Collection<String> releaseKeys, Duration window,
                                Instant then) {
        store.resetAndRelease(resetKeys, releaseKeys, sliceStart(then, sliceMillis(window)));
    }

    /**
     * A time from which no limit of this {@code window} refuses for what counted until {@code now}: the end of the
     * slice holding {@code now}, plus the window. {@link #acquire} gives the earliest such time for one key.
     */
    public static Instant windowEnd(Instant now, Duration window) {
        long slice = sliceMillis(window);
        return sliceStart(now, slice).plusMillis(slice).plus(window);
    }

    /**
     * The earliest time from {@code now} at which the events in {@code counts} (by slice start) sum to less than
     * {@code limit} over the slices a window then covers: the oldest slices leave one by one, each a window after it
     * ended.
     */
    private static Instant retryAt(SortedMap<Instant, Integer> counts, int limit, Duration window, long slice,
                                   Instant now) {
        int remaining = sum(counts);
        Instant at = now;
        for (Map.Entry<Instant, Integer> e : counts.entrySet()) {
            if (remaining < limit) {
                break;
            }
            remaining -= Math.max(0, e.getValue());
            at = e.getKey().plusMillis(slice).plus(window);
        }
        return at;
    }

    private static int sum(Map<Instant, Integer> counts) {
        int total = 0;
        for (int c : counts.values()) {
            total += Math.max(0, c);
        }
        return total;
    }

    private static long sliceMillis(Duration window) {
        return Math.max(1, window.toMillis() / SLICES);
    }

    private static Instant sliceStart(Instant at, long slice) {
        long ms = at.toEpochMilli();
        return Instant.ofEpochMilli(ms - Math.floorMod(ms, slice));
    }
}
