package dev.latchkey.auth.store;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Shared counters for rate limits and lockouts, so that every instance over one store sees the same counts.
 *
 * <p>A counter is identified by a key (for example {@code otp-send:+14155550123}) and a window start. All updates are
 * atomic across processes. Every method throws {@link dev.latchkey.auth.AuthException} with
 * {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when the store fails.
 */
public interface RateLimitStore {
    /**
     * Adds one to the counter {@code (key, windowStart)} unless it already reached {@code limit}. Of any number of
     * concurrent callers, at most {@code limit} in total ever get true for one counter.
     *
     * @param expiresAt when the counter may be purged (the end of its window)
     */
    boolean tryAcquire(String key, Instant windowStart, Instant expiresAt, int limit);

    /**
     * Adds one to the counter {@code (key, windowStart)} unless the counters of {@code key} from
     * {@code fromWindowStart} on (this one and every other that {@link #counts} would give) already sum to
     * {@code limit}: the read and the {@link #tryAcquire} of a sliding window in one step. The counter itself is
     * counted atomically: of any number of concurrent callers on one counter, at most the room the other counters
     * leave get true. Counting in other windows at the same moment need not be seen; a sliding window reads the sums
     * again afterwards ({@code SlidingWindows}).
     *
     * <p>The default reads {@link #counts} and calls {@link #tryAcquire} with the room left by the other windows; a
     * store may do both in one statement.
     *
     * @param fromWindowStart the oldest window start the limit covers, at or before {@code windowStart}
     * @param expiresAt       when the counter may be purged (the end of its window)
     */
    default boolean tryAcquireWithin(String key, Instant windowStart, Instant fromWindowStart, Instant expiresAt,
                                     int limit) {
        int others = 0;
        for (Map.Entry<Instant, Integer> e : counts(key, fromWindowStart).entrySet()) {
            if (!e.getKey().equals(windowStart)) {
                others += Math.max(0, e.getValue());
            }
        }
        return tryAcquire(key, windowStart, expiresAt, limit - others);
    }

    /**
     * One counter of {@link #tryAcquireAllWithin}: the arguments of {@link #tryAcquireWithin}.
     *
     * @param key             the counter's key; the keys of one call differ
     * @param windowStart     the window counted in
     * @param fromWindowStart the oldest window start the limit covers, at or before {@code windowStart}
     * @param expiresAt       when the counter may be purged
     * @param limit           the most the key's windows from {@code fromWindowStart} on may sum to
     */
    record Acquisition(String key, Instant windowStart, Instant fromWindowStart, Instant expiresAt, int limit) {
        /** Checks that nothing is null. */
        public Acquisition {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(windowStart, "windowStart");
            Objects.requireNonNull(fromWindowStart, "fromWindowStart");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * {@link #tryAcquireWithin} for each of {@code acquisitions} (whose keys differ), each as atomic as that method:
     * whether each counted, in their order. A store may count them all in one statement; the default calls
     * {@link #tryAcquireWithin} for each.
     */
    default List<Boolean> tryAcquireAllWithin(List<Acquisition> acquisitions) {
        return acquisitions.stream().map(a -> tryAcquireWithin(a.key(), a.windowStart(), a.fromWindowStart(),
                a.expiresAt(), a.limit())).toList();
    }

    /**
     * {@link #tryHold} of {@code holdKey}, then, only if it held, {@link #tryAcquireAllWithin} of
     * {@code acquisitions} (whose keys differ from it): null when the hold was refused (nothing counted), else whether
     * each counted. A store may do both in one statement; the default calls the two methods.
     */
    default List<Boolean> tryHoldThenAcquireAll(String holdKey, Instant now, Instant until,
                                                List<Acquisition> acquisitions) {
        return tryHold(holdKey, now, until) ? tryAcquireAllWithin(acquisitions) : null;
    }

    /**
     * {@link #counts} for each key of {@code fromWindowStarts}, each from its own window start, in one read: by key,
     * with every key present (its map empty when it has no counter). The default calls {@link #counts} for each.
     */
    default Map<String, SortedMap<Instant, Integer>> countsAll(Map<String, Instant> fromWindowStarts) {
        Map<String, SortedMap<Instant, Integer>> all = new LinkedHashMap<>();
        fromWindowStarts.forEach((key, from) -> all.put(key, counts(key, from)));
        return all;
    }

    /** Takes one back from the counter (never below zero), for a reservation that turned out not to count. */
    void release(String key, Instant windowStart);

    /**
     * Takes one back from the counter {@code (key, windowStart)} of each of {@code keys}: {@link #release} for each,
     * which a store may do in one statement.
     */
    default void releaseAll(Collection<String> keys, Instant windowStart) {
        keys.forEach(key -> release(key, windowStart));
    }

    /**
     * Adds one to the counter {@code (key, windowStart)}, without a limit, and returns its value including this one.
     * The default is {@link #tryAcquire} with no limit, then {@link #count}; a store may do both in one statement.
     *
     * @param expiresAt when the counter may be purged
     */
    default int increment(String key, Instant windowStart, Instant expiresAt) {
        tryAcquire(key, windowStart, expiresAt, Integer.MAX_VALUE);
        return count(key, windowStart);
    }

    /** The counter's current value; 0 when absent. */
    int count(String key, Instant windowStart);

    /**
     * Every counter of {@code key} whose window starts at or after {@code fromWindowStart}, by window start, in one
     * read (never a hold): what a sliding window sums. A counter at zero may be left out. The read sees every
     * change that completed before it began, so a limit summed from it holds across instances.
     */
    SortedMap<Instant, Integer> counts(String key, Instant fromWindowStart);

    /**
     * Holds {@code key} until {@code until} if nobody holds it at {@code now}: a cooldown. Of concurrent callers at
     * most one gets true while the hold lasts.
     */
    boolean tryHold(String key, Instant now, Instant until);

    /** Removes every counter and hold of {@code key}. */
    void reset(String key);

    /**
     * Removes every counter and hold of each of {@code keys}: {@link #reset(String)} for each, which a store may do in
     * one statement.
     */
    default void resetAll(Collection<String> keys) {
        keys.forEach(this::reset);
    }

    /**
     * {@link #resetAll} of {@code resetKeys} and {@link #releaseAll} of {@code releaseKeys} at {@code windowStart}, in
     * one step where the store can (a login that succeeded clears the account's failures and gives back the address
     * slot it took). The two sets of keys differ. After it, a reset key counts zero in every window and holds
     * nothing, as after {@link #reset}.
     */
    default void resetAndRelease(Collection<String> resetKeys, Collection<String> releaseKeys, Instant windowStart) {
        if (!resetKeys.isEmpty()) {
            resetAll(resetKeys);
        }
        if (!releaseKeys.isEmpty()) {
            releaseAll(releaseKeys, windowStart);
        }
    }

    /** Deletes counters and holds that expired before {@code cutOff}; returns how many. */
    int purgeExpired(Instant cutOff);
}
