package dev.latchkey.auth.jdbc.internal;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.latchkey.auth.store.RateLimitStore;

import org.jdbi.v3.core.Handle;

/**
 * Counters and holds in the {@link Tables#rateLimits()} table, one row per key and window.
 *
 * <p>Every change is one conditional statement, atomic on its own, so no method needs a transaction and the limits
 * hold across instances. A missing row is created with the dialect's insert-if-absent, which never fails the
 * caller's transaction. A hold is the row whose window start is {@link Long#MIN_VALUE}, with its end in
 * {@code expires_at}.
 */
public final class JdbcRateLimitStore implements RateLimitStore {
    /** The window start of holds; no counter window starts 292 million years before the epoch. */
    static final long HOLD_WINDOW = Long.MIN_VALUE;
    /** The width of the key column; longer keys are stored shortened with a hash of the whole key. */
    static final int KEY_LENGTH = 200;
    private static final int KEPT_KEY_CHARS = 150;

    private final Database database;
    private final String table;
    private final String incrementSql;
    private final String insertSql;
    private final String decrementSql;
    private final String countSql;
    private final String countsSql;
    private final String extendHoldSql;
    private final String resetSql;

    /** The counter store of {@code database}. */
    public JdbcRateLimitStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        table = database.tables().rateLimits();
        incrementSql = "UPDATE " + table + " SET count = count + 1 WHERE limit_key = :key "
                + "AND window_start = :windowStart AND count < :limit";
        insertSql = database.insertIfAbsentSql("INSERT INTO " + table + " (limit_key, window_start, count, expires_at)"
                + " VALUES (:key, :windowStart, 1, :expiresAt)");
        decrementSql = "UPDATE " + table + " SET count = count - 1 WHERE limit_key = :key "
                + "AND window_start = :windowStart AND count > 0";
        countSql = "SELECT count FROM " + table + " WHERE limit_key = :key AND window_start = :windowStart";
        countsSql = "SELECT window_start, count FROM " + table + " WHERE limit_key = :key "
                + "AND window_start >= :from AND count > 0";
        extendHoldSql = "UPDATE " + table + " SET expires_at = :until WHERE limit_key = :key "
                + "AND window_start = :windowStart AND expires_at <= :now";
        resetSql = "DELETE FROM " + table + " WHERE limit_key = :key";
    }

    @Override
    public boolean tryAcquire(String key, Instant windowStart, Instant expiresAt, int limit) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (limit < 1) {
            return false;
        }
        String storedKey = storedKey(key);
        long window = EpochMillis.of(windowStart);
        return database.withHandle("Could not count towards the rate limit", handle -> {
            if (increment(handle, storedKey, window, limit)) {
                return true;
            }
            if (insert(handle, storedKey, window, EpochMillis.of(expiresAt))) {
                return true;
            }
            // Someone created the counter between the update and the insert: count against it.
            return increment(handle, storedKey, window, limit);
        });
    }

    @Override
    public void release(String key, Instant windowStart) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(windowStart, "windowStart");
        database.withHandle("Could not release the rate-limit reservation", handle -> Statements.update(handle, decrementSql)
                .bind("key", storedKey(key))
                .bind("windowStart", EpochMillis.of(windowStart))
                .execute());
    }

    @Override
    public int count(String key, Instant windowStart) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(windowStart, "windowStart");
        return database.withHandle("Could not read the rate-limit counter", handle -> Statements.query(handle, countSql)
                .bind("key", storedKey(key))
                .bind("windowStart", EpochMillis.of(windowStart))
                .mapTo(Integer.class)
                .findOne()
                .orElse(0));
    }

    @Override
    public SortedMap<Instant, Integer> counts(String key, Instant fromWindowStart) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fromWindowStart, "fromWindowStart");
        return database.withHandle("Could not read the rate-limit counters", handle -> {
            SortedMap<Instant, Integer> found = new TreeMap<>();
            Statements.query(handle, countsSql)
                    .bind("key", storedKey(key))
                    .bind("from", EpochMillis.of(fromWindowStart))
                    .map((rs, context) -> Map.entry(EpochMillis.read(rs, "window_start"), rs.getInt("count")))
                    .forEach(e -> found.put(e.getKey(), e.getValue()));
            return found;
        });
    }

    @Override
    public boolean tryHold(String key, Instant now, Instant until) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(until, "until");
        String storedKey = storedKey(key);
        long untilMillis = EpochMillis.of(until);
        return database.withHandle("Could not take the hold", handle -> {
            int extended = Statements.update(handle, extendHoldSql)
                    .bind("until", untilMillis)
                    .bind("key", storedKey)
                    .bind("windowStart", HOLD_WINDOW)
                    .bind("now", EpochMillis.of(now))
                    .execute();
            // No row yet: create it. A row held by someone else, or created first by a concurrent caller, stays.
            return extended == 1 || insert(handle, storedKey, HOLD_WINDOW, untilMillis);
        });
    }

    @Override
    public void reset(String key) {
        Objects.requireNonNull(key, "key");
        database.withHandle("Could not reset the rate-limit counters", handle -> Statements.update(handle, resetSql)
                .bind("key", storedKey(key))
                .execute());
    }

    @Override
    public int purgeExpired(Instant cutOff) {
        Objects.requireNonNull(cutOff, "cutOff");
        return database.purge("Could not purge expired rate-limit counters", table, "limit_key, window_start",
                "expires_at < :cutOff", cutOff);
    }

    private boolean increment(Handle handle, String key, long window, int limit) {
        return Statements.update(handle, incrementSql)
                .bind("key", key)
                .bind("windowStart", window)
                .bind("limit", limit)
                .execute() == 1;
    }

    private boolean insert(Handle handle, String key, long window, long expiresAt) {
        return database.insertIfAbsent(Statements.update(handle, insertSql)
                .bind("key", key)
                .bind("windowStart", window)
                .bind("expiresAt", expiresAt)) == 1;
    }

    /**
     * The key as stored: unchanged up to {@value #KEY_LENGTH} chars, else its first {@value #KEPT_KEY_CHARS} chars,
     * {@code #} and the base64url SHA-256 of the whole key, so that long keys (an email is up to 254 chars) stay
     * distinct and readable.
     */
    static String storedKey(String key) {
        if (key.length() <= KEY_LENGTH) {
            return key;
        }
        String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(Dialect.sha256(key));
        return JdbcRefreshTokenStore.truncate(key, KEPT_KEY_CHARS) + "#" + hash;
    }
}
