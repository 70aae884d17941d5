package dev.latchkey.auth.jdbc.internal;

import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.latchkey.auth.store.RateLimitStore;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Counters and holds in the {@link Tables#rateLimits()} table, one row per key and window.
 *
 * <p>Every change is one conditional statement, atomic on its own, so no method needs a transaction and the limits
 * hold across instances. Counting and holding create a missing row in the same statement: on PostgreSQL an
 * {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE}, on MariaDB an {@code INSERT ... ON DUPLICATE KEY UPDATE} that
 * reports whether it counted through {@code LAST_INSERT_ID(expr)} (the insert id of the statement's OK packet, so no
 * second round trip); on H2 a conditional {@code UPDATE}, and an insert-if-absent only when no row was there. A hold
 * is the row whose window start is {@link Long#MIN_VALUE}, with its end in {@code expires_at}.
 */
public final class JdbcRateLimitStore implements RateLimitStore {
    /** The window start of holds; no counter window starts 292 million years before the epoch. */
    static final long HOLD_WINDOW = Long.MIN_VALUE;
    /** The width of the key column; longer keys are stored shortened with a hash of the whole key. */
    static final int KEY_LENGTH = 200;
    private static final int KEPT_KEY_CHARS = 150;

    private final Database database;
    private final String table;
    private final Dialect dialect;
    private final JdbcRateLimitBatches batches;
    private final String incrementSql;
    private final String incrementWithinSql;
    private final String insertSql;
    private final String insertWithinSql;
    private final String upsertSql;
    private final String upsertWithinSql;
    private final String holdSql;
    private final String decrementSql;
    private final String countSql;
    private final String countsSql;
    private final String extendHoldSql;
    private final String resetSql;

    /** The counter store of {@code database}. */
    public JdbcRateLimitStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        table = database.tables().rateLimits();
        dialect = database.dialect();
        batches = new JdbcRateLimitBatches(database);
        String others = "(SELECT COALESCE(SUM(o.count), 0) FROM " + table + " o WHERE o.limit_key = :key "
                + "AND o.window_start >= :from AND o.window_start <> :windowStart AND o.count > 0)";
        incrementSql = "UPDATE " + table + " SET count = count + 1 WHERE limit_key = :key "
                + "AND window_start = :windowStart AND count < :limit";
        incrementWithinSql = incrementSql.replace("count < :limit", "count + " + others + " < :limit");
        insertSql = database.insertIfAbsentSql("INSERT INTO " + table + " (limit_key, window_start, count, expires_at)"
                + " VALUES (:key, :windowStart, 1, :expiresAt)");
        insertWithinSql = "INSERT INTO " + table + " (limit_key, window_start, count, expires_at)"
                + " SELECT :key, :windowStart, 1, :expiresAt FROM " + "DUAL" + " WHERE " + others
                + " < :limit";
        upsertSql = upsert(table, "0");
        upsertWithinSql = dialect == Dialect.MARIADB ? null : upsert(table, others);
        holdSql = switch (dialect) {
            case POSTGRESQL -> "INSERT INTO " + table + " AS r (limit_key, window_start, count, expires_at) VALUES "
                    + "(:key, :windowStart, 1, :until) ON CONFLICT (limit_key, window_start) DO UPDATE SET "
                    + "expires_at = :until WHERE r.expires_at <= :now";
            case MARIADB -> "INSERT INTO " + table + " (limit_key, window_start, count, expires_at) VALUES "
                    + "(:key, :windowStart, LAST_INSERT_ID(1), :until) ON DUPLICATE KEY UPDATE "
                    + "expires_at = IF(expires_at <= :now, :until, expires_at + LAST_INSERT_ID(0))";
            case H2 -> null;
        };
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
        return acquire(storedKey(key), EpochMillis.of(windowStart), null, EpochMillis.of(expiresAt), limit);
    }

    /**
     * {@inheritDoc} On PostgreSQL one statement that sums the other windows and counts; on H2 the same as a
     * conditional update (and an insert when the row is new). On MariaDB a plain read of the sums, then the one-row
     * upsert: there the sum inside an {@code INSERT ... SELECT} would be a locking read under REPEATABLE READ, whose
     * gap locks deadlock concurrent callers creating the same new window's row.
     */
    @Override
    public boolean tryAcquireWithin(String key, Instant windowStart, Instant fromWindowStart, Instant expiresAt,
                                    int limit) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(fromWindowStart, "fromWindowStart");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (limit < 1) {
            return false;
        }
        if (dialect == Dialect.MARIADB) {
            return RateLimitStore.super.tryAcquireWithin(key, windowStart, fromWindowStart, expiresAt, limit);
        }
        return acquire(storedKey(key), EpochMillis.of(windowStart), EpochMillis.of(fromWindowStart),
                EpochMillis.of(expiresAt), limit);
    }

    /** Counts one in {@code (key, window)} while the key's windows from {@code from} (null: this one only) allow. */
    private boolean acquire(String key, long window, Long from, long expiresAt, int limit) {
        return database.withHandle("Could not count towards the rate limit", handle -> {
            if (dialect == Dialect.H2) {
                String increment = from == null ? incrementSql : incrementWithinSql;
                if (run(Statements.update(handle, increment), key, window, from, expiresAt, limit).execute() == 1) {
                    return true;
                }
                String insert = from == null ? insertSql : insertWithinSql;
                if (database.insertIfAbsent(run(Statements.update(handle, insert), key, window, from, expiresAt,
                        limit)) == 1) {
                    return true;
                }
                // Someone created the counter between the update and the insert: count against it.
                return run(Statements.update(handle, increment), key, window, from, expiresAt, limit).execute() == 1;
            }
            Update upsert = run(Statements.update(handle, from == null ? upsertSql : upsertWithinSql), key, window,
                    from, expiresAt, limit);
            return counted(upsert);
        });
    }

    /**
     * Whether the upsert counted: on PostgreSQL the row it inserted or updated, on MariaDB the {@code LAST_INSERT_ID}
     * it set (1 when it counted; nothing, or 0, when it did not).
     */
    private boolean counted(Update upsert) {
        if (dialect == Dialect.MARIADB) {
            return upsert.executeAndReturnGeneratedKeys().mapTo(Long.class).findOne().orElse(0L) == 1L;
        }
        return upsert.execute() == 1;
    }

    private static Update run(Update update, String key, long window, Long from, long expiresAt, int limit) {
        update.bind("key", key).bind("windowStart", window).bind("expiresAt", expiresAt).bind("limit", limit);
        return from == null ? update : update.bind("from", from.longValue());
    }

    /**
     * The one-statement count of this dialect: insert the row with count 1 when {@code others} (the other windows'
     * sum, or {@code 0}) leaves room, else add one to it while its count plus {@code others} stays below the limit.
     */
    private String upsert(String table, String others) {
        return switch (dialect) {
            case POSTGRESQL -> "INSERT INTO " + table + " AS r (limit_key, window_start, count, expires_at) SELECT "
                    + ":key, :windowStart, 1, :expiresAt WHERE " + others + " < :limit ON CONFLICT (limit_key, "
                    + "window_start) DO UPDATE SET count = r.count + 1 WHERE r.count + " + others + " < :limit";
            case MARIADB -> "INSERT INTO " + table + " (limit_key, window_start, count, expires_at) SELECT :key, "
                    + ":windowStart, LAST_INSERT_ID(1), :expiresAt FROM DUAL WHERE " + others + " < :limit "
                    + "ON DUPLICATE KEY UPDATE count = count + LAST_INSERT_ID(IF(count + " + others
                    + " < :limit, 1, 0))";
            case H2 -> null;
        };
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
            if (holdSql != null) {
                return counted(Statements.update(handle, holdSql)
                        .bind("key", storedKey)
                        .bind("windowStart", HOLD_WINDOW)
                        .bind("until", untilMillis)
                        .bind("now", EpochMillis.of(now)));
            }
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

    /** {@inheritDoc} One {@code DELETE}, locking its rows in key order on PostgreSQL ({@link JdbcRateLimitBatches}). */
    @Override
    public void resetAll(Collection<String> keys) {
        batches.resetAll(keys);
    }

    /** {@inheritDoc} One {@code UPDATE}, each row never below zero. */
    @Override
    public void releaseAll(Collection<String> keys, Instant windowStart) {
        batches.releaseAll(keys, Objects.requireNonNull(windowStart, "windowStart"));
    }

    /** {@inheritDoc} One {@code UPDATE}: a reset key's counters go to zero and its hold is freed. */
    @Override
    public void resetAndRelease(Collection<String> resetKeys, Collection<String> releaseKeys, Instant windowStart) {
        batches.resetAndRelease(resetKeys, releaseKeys, Objects.requireNonNull(windowStart, "windowStart"));
    }

    /**
     * {@inheritDoc} One statement on PostgreSQL. On MariaDB one read of every key's sums, then one upsert per key with
     * the room the other windows leave (as {@link #tryAcquireWithin} there); on H2 {@link #tryAcquireWithin} for each.
     */
    @Override
    public List<Boolean> tryAcquireAllWithin(List<Acquisition> acquisitions) {
        List<Boolean> counted = batches.tryAcquireAll(acquisitions);
        if (counted != null) {
            return counted;
        }
        if (dialect != Dialect.MARIADB) {
            return RateLimitStore.super.tryAcquireAllWithin(acquisitions);
        }
        Map<String, Instant> froms = new LinkedHashMap<>();
        acquisitions.forEach(a -> froms.put(a.key(), a.fromWindowStart()));
        Map<String, SortedMap<Instant, Integer>> sums = countsAll(froms);
        return acquisitions.stream().map(a -> {
            int others = 0;
            for (Map.Entry<Instant, Integer> e : sums.get(a.key()).entrySet()) {
                others += e.getKey().equals(a.windowStart()) ? 0 : Math.max(0, e.getValue());
            }
            return tryAcquire(a.key(), a.windowStart(), a.expiresAt(), a.limit() - others);
        }).toList();
    }

    /** {@inheritDoc} One statement on PostgreSQL; elsewhere {@link #tryHold}, then {@link #tryAcquireAllWithin}. */
    @Override
    public List<Boolean> tryHoldThenAcquireAll(String holdKey, Instant now, Instant until,
                                               List<Acquisition> acquisitions) {
        if (dialect != Dialect.POSTGRESQL) {
            return RateLimitStore.super.tryHoldThenAcquireAll(holdKey, now, until, acquisitions);
        }
        return batches.tryHoldThenAcquireAll(Objects.requireNonNull(holdKey, "holdKey"),
                Objects.requireNonNull(now, "now"), Objects.requireNonNull(until, "until"), acquisitions);
    }

    /** {@inheritDoc} One {@code SELECT ... WHERE limit_key IN (...)}. */
    @Override
    public Map<String, SortedMap<Instant, Integer>> countsAll(Map<String, Instant> fromWindowStarts) {
        return batches.countsAll(fromWindowStarts);
    }

    /**
     * {@inheritDoc} One statement: on PostgreSQL an upsert {@code RETURNING count}, on MariaDB one that sets
     * {@code LAST_INSERT_ID} to the new count; on H2 an update {@code FROM FINAL TABLE}, and an insert when the row is
     * new.
     */
    @Override
    public int increment(String key, Instant windowStart, Instant expiresAt) {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(expiresAt, "expiresAt");
        String storedKey = storedKey(Objects.requireNonNull(key, "key"));
        long window = EpochMillis.of(windowStart);
        long expires = EpochMillis.of(expiresAt);
        return database.withHandle("Could not count towards the rate limit", handle -> switch (dialect) {
            case POSTGRESQL -> Statements.query(handle, "INSERT INTO " + table + " AS r (limit_key, window_start, "
                            + "count, expires_at) VALUES (:key, :windowStart, 1, :expiresAt) ON CONFLICT (limit_key, "
                            + "window_start) DO UPDATE SET count = r.count + 1 RETURNING count")
                    .bind("key", storedKey).bind("windowStart", window).bind("expiresAt", expires)
                    .mapTo(Integer.class).one();
            case MARIADB -> Statements.update(handle, "INSERT INTO " + table + " (limit_key, window_start, count, "
                            + "expires_at) VALUES (:key, :windowStart, LAST_INSERT_ID(1), :expiresAt) ON DUPLICATE "
                            + "KEY UPDATE count = LAST_INSERT_ID(count + 1)")
                    .bind("key", storedKey).bind("windowStart", window).bind("expiresAt", expires)
                    .executeAndReturnGeneratedKeys().mapTo(Long.class).one().intValue();
            case H2 -> incrementOnH2(handle, storedKey, window, expires);
        });
    }

    private int incrementOnH2(Handle handle, String key, long window, long expiresAt) {
        String update = "SELECT count FROM FINAL TABLE (UPDATE " + table + " SET count = count + 1 WHERE limit_key = "
                + ":key AND window_start = :windowStart)";
        Optional<Integer> updated = Statements.query(handle, update).bind("key", key).bind("windowStart", window)
                .mapTo(Integer.class).findOne();
        if (updated.isPresent()) {
            return updated.get();
        }
        if (insert(handle, key, window, expiresAt)) {
            return 1;
        }
        // Someone created the counter between the update and the insert: count on it.
        return Statements.query(handle, update).bind("key", key).bind("windowStart", window).mapTo(Integer.class)
                .one();
    }

    @Override
    public int purgeExpired(Instant cutOff) {
        Objects.requireNonNull(cutOff, "cutOff");
        return database.purge("Could not purge expired rate-limit counters", table, "limit_key, window_start",
                "expires_at < :cutOff", cutOff);
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
