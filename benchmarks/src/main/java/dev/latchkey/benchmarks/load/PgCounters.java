package dev.latchkey.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's cumulative statistics of the benchmark's database, read before and after a phase: commits and rows
 * ({@code pg_stat_database}), rows written per table ({@code pg_stat_user_tables}), WAL records and fsyncs of the
 * server ({@code pg_stat_wal}), and the CPU time of the database's backends ({@code /proc/<pid>/stat}). Backends
 * publish their counters at most once a second, and idle ones about ten seconds later, so {@link #settled} waits for
 * them before a snapshot.
 */
final class PgCounters implements AutoCloseable {
    /** How long an idle backend may hold its counters before it publishes them (PostgreSQL 15: 10 s), and a margin. */
    static final long PUBLISH_MILLIS = 11_000;

    /** One reading. */
    record Snapshot(long commits, long rollbacks, long inserted, long updated, long deleted, long walSyncs,
                    long walRecords, Map<String, Long> written, Map<Long, Double> backendCpu) {
    }

    private final Connection connection;

    PgCounters(String jdbcUrl) throws SQLException {
        this.connection = DriverManager.getConnection(LoopbackOnly.postgres(jdbcUrl));
        this.connection.setAutoCommit(true);
    }

    /** A snapshot taken once every backend has published what it counted. */
    Snapshot settled() throws SQLException, InterruptedException {
        Thread.sleep(PUBLISH_MILLIS); // PostgreSQL's own publishing interval, not a measurement
        return snapshot();
    }

    Snapshot snapshot() throws SQLException {
        try (Statement s = connection.createStatement()) {
            long commits;
            long rollbacks;
            long ins;
            long upd;
            long del;
            try (ResultSet r = s.executeQuery("SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, "
                    + "tup_deleted FROM pg_stat_database WHERE datname = current_database()")) {
                r.next();
                commits = r.getLong(1);
                rollbacks = r.getLong(2);
                ins = r.getLong(3);
                upd = r.getLong(4);
                del = r.getLong(5);
            }
            long syncs = 0;
            long records = 0;
            try (ResultSet r = s.executeQuery("SELECT wal_sync, wal_records FROM pg_stat_wal")) {
                if (r.next()) {
                    syncs = r.getLong(1);
                    records = r.getLong(2);
                }
            }
            Map<String, Long> written = new HashMap<>();
            try (ResultSet r = s.executeQuery("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM "
                    + "pg_stat_user_tables")) {
                while (r.next()) {
                    written.put(r.getString(1), r.getLong(2));
                }
            }
            List<Long> pids = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND pid <> pg_backend_pid()")) {
                while (r.next()) {
                    pids.add(r.getLong(1));
                }
            }
            Map<Long, Double> cpu = new HashMap<>();
            for (long pid : pids) {
                double seconds = CpuTime.ofProcess(pid);
                if (!Double.isNaN(seconds)) {
                    cpu.put(pid, seconds);
                }
            }
            return new Snapshot(commits, rollbacks, ins, upd, del, syncs, records, written, cpu);
        }
    }

    /**
     * The counters between two snapshots; {@code monitorCommits} of the commits are the monitor's own (each
     * snapshot is four autocommitted queries).
     */
    static PhaseResult.DbDelta delta(Snapshot a, Snapshot b, long monitorCommits) {
        Map<String, Long> byTable = new HashMap<>();
        b.written().forEach((t, n) -> byTable.put(t, n - a.written().getOrDefault(t, 0L)));
        return new PhaseResult.DbDelta(Math.max(0, b.commits() - a.commits() - monitorCommits),
                b.rollbacks() - a.rollbacks(), b.inserted() - a.inserted(), b.updated() - a.updated(),
                b.deleted() - a.deleted(), b.walSyncs() - a.walSyncs(), b.walRecords() - a.walRecords(), byTable);
    }

    /** CPU seconds the backends alive in both snapshots spent between them (new ones from their start). */
    static double backendCpu(Snapshot a, Snapshot b) {
        double total = 0;
        for (Map.Entry<Long, Double> e : b.backendCpu().entrySet()) {
            total += e.getValue() - a.backendCpu().getOrDefault(e.getKey(), 0.0);
        }
        return total;
    }

    /** Runs one statement on the benchmark's server (used for the experiments' settings). */
    void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** CPU time of processes, from Linux's {@code /proc}. */
    static final class CpuTime {
        private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

        private CpuTime() {
        }

        /** User plus system CPU seconds of {@code pid}, NaN where {@code /proc} cannot tell. */
        static double ofProcess(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                return parse(stat);
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        }

        /** utime + stime of one {@code /proc/<pid>/stat} line, in seconds (fields 14 and 15, after the name). */
        static double parse(String stat) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        }
    }
}
