package dev.latchkey.auth.jdbc.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.latchkey.auth.store.RateLimitStore.Acquisition;

import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The statements of {@link JdbcRateLimitStore} that touch several keys at once.
 *
 * <p>A statement that changes several rows could deadlock another that changes an overlapping set in another order,
 * and a deadlock is a failed request, not a lost race. So on PostgreSQL every such statement takes its row locks in
 * one order, by key and window: the multi-row count feeds its rows sorted, and the resets and releases first lock
 * their rows through a {@code SELECT ... ORDER BY ... FOR UPDATE} in a materialized CTE. On MariaDB they run on the
 * primary key in its order ({@code ORDER BY}); there and on H2 the counts stay one statement per key.
 */
final class JdbcRateLimitBatches {
    private final Database database;
    private final String table;
    private final Dialect dialect;

    JdbcRateLimitBatches(Database database) {
        this.database = database;
        this.table = database.tables().rateLimits();
        this.dialect = database.dialect();
    }

    /**
     * On PostgreSQL, every acquisition in one {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE ... WHERE ...
     * RETURNING}: each row counted exactly as the one-row upsert counts it; null elsewhere (the caller counts key by
     * key).
     */
    List<Boolean> tryAcquireAll(List<Acquisition> acquisitions) {
        return dialect != Dialect.POSTGRESQL ? null : acquire(null, null, null, acquisitions);
    }

    /**
     * On PostgreSQL, the hold and then the acquisitions in one statement: a data-modifying CTE takes the hold, and the
     * multi-row count counts only if it returned the row. Only on PostgreSQL; null when the hold was refused.
     */
    List<Boolean> tryHoldThenAcquireAll(String holdKey, Instant now, Instant until, List<Acquisition> acquisitions) {
        return acquire(JdbcRateLimitStore.storedKey(holdKey), now, until, acquisitions);
    }

    private List<Boolean> acquire(String hold, Instant now, Instant until, List<Acquisition> acquisitions) {
        List<Acquisition> counted = acquisitions.stream().filter(a -> a.limit() >= 1)
                .sorted(Comparator.comparing(a -> JdbcRateLimitStore.storedKey(a.key()))).toList();
        if (counted.isEmpty() && hold == null) {
            return acquisitions.stream().map(a -> false).toList();
        }
        String sql = hold == null ? acquireSql(counted.size(), "") : "WITH h AS (INSERT INTO " + table + " AS r "
                + "(limit_key, window_start, count, expires_at) VALUES (:hk, :hw, 1, :until) ON CONFLICT (limit_key, "
                + "window_start) DO UPDATE SET expires_at = :until WHERE r.expires_at <= :now RETURNING r.limit_key)"
                + (counted.isEmpty() ? "" : ", c AS (" + acquireSql(counted.size(), "EXISTS (SELECT 1 FROM h) AND ")
                + ")") + " SELECT limit_key FROM h" + (counted.isEmpty() ? "" : " UNION ALL SELECT limit_key FROM c");
        Set<String> won = database.withHandle("Could not count towards the rate limit", handle -> {
            var query = bindAcquisitions(Statements.query(handle, sql), counted);
            if (hold != null) {
                query.bind("hk", hold).bind("hw", JdbcRateLimitStore.HOLD_WINDOW).bind("until", EpochMillis.of(until))
                        .bind("now", EpochMillis.of(now));
            }
            return query.mapTo(String.class).set();
        });
        if (hold != null && !won.contains(hold)) {
            return null;
        }
        return acquisitions.stream().map(a -> a.limit() >= 1 && won.contains(JdbcRateLimitStore.storedKey(a.key())))
                .toList();
    }

    private String acquireSql(int n, String condition) {
        StringBuilder values = new StringBuilder();
        StringBuilder froms = new StringBuilder("CASE r.limit_key");
        StringBuilder limits = new StringBuilder("CASE r.limit_key");
        for (int i = 0; i < n; i++) {
            values.append(i == 0 ? "(CAST(:k0 AS VARCHAR(200)), CAST(:w0 AS BIGINT), CAST(:f0 AS BIGINT), "
                    + "CAST(:e0 AS BIGINT), CAST(:l0 AS INT))" : ", (:k" + i + ", :w" + i + ", :f" + i + ", :e" + i
                    + ", :l" + i + ")");
            froms.append(" WHEN :k").append(i).append(" THEN CAST(:f").append(i).append(" AS BIGINT)");
            limits.append(" WHEN :k").append(i).append(" THEN CAST(:l").append(i).append(" AS INT)");
        }
        String others = "(SELECT COALESCE(SUM(o.count), 0) FROM " + table + " o WHERE o.limit_key = %s "
                + "AND o.window_start >= %s AND o.window_start <> %s AND o.count > 0)";
        return "INSERT INTO " + table + " AS r (limit_key, window_start, count, expires_at) SELECT v.k, v.w, 1, v.e "
                + "FROM (VALUES " + values + ") AS v (k, w, f, e, l) WHERE " + condition
                + String.format(others, "v.k", "v.f", "v.w") + " < v.l ORDER BY v.k "
                + "ON CONFLICT (limit_key, window_start) DO UPDATE SET count = r.count + 1 WHERE r.count + "
                + String.format(others, "r.limit_key", froms + " END", "r.window_start") + " < " + limits + " END "
                + "RETURNING r.limit_key";
    }

    private static <S extends SqlStatement<S>> S bindAcquisitions(S statement, List<Acquisition> acquisitions) {
        for (int i = 0; i < acquisitions.size(); i++) {
            Acquisition a = acquisitions.get(i);
            statement.bind("k" + i, JdbcRateLimitStore.storedKey(a.key()))
                    .bind("w" + i, EpochMillis.of(a.windowStart()))
                    .bind("f" + i, EpochMillis.of(a.fromWindowStart()))
                    .bind("e" + i, EpochMillis.of(a.expiresAt()))
                    .bind("l" + i, a.limit());
        }
        return statement;
    }

    /** Every counter of the keys, each from its own window start, in one {@code SELECT ... WHERE limit_key IN}. */
    Map<String, SortedMap<Instant, Integer>> countsAll(Map<String, Instant> fromWindowStarts) {
        Map<String, SortedMap<Instant, Integer>> all = new LinkedHashMap<>();
        Map<String, String> byStoredKey = new HashMap<>();
        fromWindowStarts.keySet().forEach(key -> {
            all.put(key, new TreeMap<>());
            byStoredKey.put(JdbcRateLimitStore.storedKey(key), key);
        });
        if (all.isEmpty()) {
            return all;
        }
        List<String> stored = new ArrayList<>(byStoredKey.keySet());
        Instant oldest = fromWindowStarts.values().stream().min(Comparator.naturalOrder()).orElseThrow();
        List<Object[]> rows = database.withHandle("Could not read the rate-limit counters", handle -> bindKeys(
                Statements.query(handle, "SELECT limit_key, window_start, count FROM " + table + " WHERE limit_key IN ("
                        + keyList("k", stored.size()) + ") AND window_start >= :from AND count > 0"), "k", stored)
                .bind("from", EpochMillis.of(oldest))
                .map((rs, context) -> new Object[]{rs.getString("limit_key"), EpochMillis.read(rs, "window_start"),
                        rs.getInt("count")})
                .list());
        for (Object[] row : rows) {
            String key = byStoredKey.get((String) row[0]);
            Instant window = (Instant) row[1];
            if (key != null && !window.isBefore(fromWindowStarts.get(key))) {
                all.get(key).put(window, (Integer) row[2]);
            }
        }
        return all;
    }

    /** Deletes every row of the keys: one statement. */
    void resetAll(Collection<String> keys) {
        List<String> stored = storedKeys(keys);
        if (stored.isEmpty()) {
            return;
        }
        String rows = "limit_key IN (" + keyList("k", stored.size()) + ")";
        String sql = dialect == Dialect.POSTGRESQL
                ? lockInOrder(rows) + "DELETE FROM " + table + " u USING l WHERE u.limit_key = l.limit_key "
                + "AND u.window_start = l.window_start"
                : "DELETE FROM " + table + " WHERE " + rows + orderOnMariaDb();
        database.withHandle("Could not reset the rate-limit counters", handle -> bindKeys(Statements.update(handle,
                sql), "k", stored).execute());
    }

    /**
     * Takes one from the counter {@code windowStart} of each of {@code releaseKeys} (never below zero), and sets every
     * counter of {@code resetKeys} to zero and frees its hold: one statement.
     */
    void resetAndRelease(Collection<String> resetKeys, Collection<String> releaseKeys, Instant windowStart) {
        List<String> reset = storedKeys(resetKeys);
        List<String> release = storedKeys(releaseKeys);
        if (reset.isEmpty() && release.isEmpty()) {
            return;
        }
        boolean pg = dialect == Dialect.POSTGRESQL;
        String sql = pg
                ? lockInOrder(settled(reset, release, "")) + "UPDATE " + table + " AS u" + settle(reset, "u.")
                + " FROM l WHERE u.limit_key = l.limit_key AND u.window_start = l.window_start"
                : "UPDATE " + table + settle(reset, "") + " WHERE " + settled(reset, release, "") + orderOnMariaDb();
        database.withHandle("Could not settle the rate-limit counters", handle -> bindKeys(bindKeys(
                Statements.update(handle, sql), "r", reset), "a", release)
                .bind("windowStart", EpochMillis.of(windowStart))
                .bind("holdWindow", JdbcRateLimitStore.HOLD_WINDOW)
                .execute());
    }

    /** The rows {@link #resetAndRelease} changes, their columns qualified by {@code q}. */
    private static String settled(List<String> reset, List<String> release, String q) {
        String released = release.isEmpty() ? "1 = 0" : "(" + q + "limit_key IN (" + keyList("a", release.size())
                + ") AND " + q + "window_start = :windowStart AND " + q + "count > 0)";
        return "(" + isReset(reset, q) + " OR " + released + ")";
    }

    /** The {@code SET} of {@link #resetAndRelease}: a reset row to zero with its hold freed, a released one less one. */
    private static String settle(List<String> reset, String q) {
        String isReset = isReset(reset, q);
        return " SET count = CASE WHEN " + isReset + " THEN 0 ELSE " + q + "count - 1 END, expires_at = CASE WHEN "
                + isReset + " AND " + q + "window_start = :holdWindow THEN 0 ELSE " + q
                + "expires_at END";
    }

    private static String isReset(List<String> reset, String q) {
        return reset.isEmpty() ? "1 = 0" : q + "limit_key IN (" + keyList("r", reset.size()) + ")";
    }

    /** Takes one from the counter {@code windowStart} of each key (never below zero): one statement. */
    void releaseAll(Collection<String> keys, Instant windowStart) {
        resetAndRelease(List.of(), keys, windowStart);
    }

    /** A CTE {@code l} that locks the rows matching {@code condition} in key order (PostgreSQL). */
    private String lockInOrder(String condition) {
        return "WITH l AS MATERIALIZED (SELECT limit_key, window_start FROM " + table + " WHERE " + condition
                + " ORDER BY limit_key, window_start FOR UPDATE) ";
    }

    private String orderOnMariaDb() {
        return dialect == Dialect.MARIADB ? " ORDER BY limit_key, window_start" : "";
    }

    private static List<String> storedKeys(Collection<String> keys) {
        return keys.stream().map(JdbcRateLimitStore::storedKey).distinct().collect(Collectors.toList());
    }

    private static String keyList(String prefix, int n) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < n; i++) {
            list.append(i == 0 ? ":" : ", :").append(prefix).append(i);
        }
        return list.toString();
    }

    private static <S extends SqlStatement<S>> S bindKeys(S statement, String prefix, List<String> stored) {
        for (int i = 0; i < stored.size(); i++) {
            statement.bind(prefix + i, stored.get(i));
        }
        return statement;
    }
}
