package dev.latchkey.benchmarks.load;

import java.util.Map;

/**
 * What one load phase measured: requests that succeeded and failed over its measured seconds, their p50 and p99,
 * what the database did meanwhile, the CPU each side spent, and the machine's load average around it.
 *
 * @param name        the flow, e.g. {@code refresh}
 * @param requests    requests answered as expected (for a code pair: send and verify both)
 * @param errors      requests answered otherwise, or failed
 * @param seconds     measured wall time
 * @param p50Millis   median latency of one request (a pair for codes)
 * @param p99Millis   99th percentile
 * @param db          the database's counters over the phase, or null when they could not be read
 * @param cpu         CPU seconds spent over the phase
 * @param loadBefore  the 1-minute load average at the start
 * @param loadAfter   the 1-minute load average at the end
 * @param concurrency concurrent clients
 */
record PhaseResult(String name, long requests, long errors, double seconds, double p50Millis, double p99Millis,
                   DbDelta db, CpuDelta cpu, double loadBefore, double loadAfter, int concurrency) {

    double perSecond() {
        return seconds > 0 ? requests / seconds : 0;
    }

    /** Per-request share of {@code total}, NaN without requests. */
    double perRequest(double total) {
        return requests > 0 ? total / requests : Double.NaN;
    }

    /**
     * The database's counters over a phase (the monitor's own transactions taken off).
     *
     * @param commits    transactions committed in the benchmark's database
     * @param rollbacks  transactions rolled back
     * @param inserted   rows inserted, {@code updated} and {@code deleted} likewise
     * @param walSyncs   WAL fsyncs of the whole server (other databases' too: an upper bound)
     * @param walRecords WAL records of the whole server
     * @param byTable    rows written (inserted + updated + deleted) per table of the benchmark's database
     */
    record DbDelta(long commits, long rollbacks, long inserted, long updated, long deleted, long walSyncs,
                   long walRecords, Map<String, Long> byTable) {
        long written() {
            return inserted + updated + deleted;
        }
    }

    /** CPU seconds over a phase: both app instances, PostgreSQL's backends of the database, the generator. */
    record CpuDelta(double apps, double postgres, double generator) {
        double total() {
            return apps + postgres + generator;
        }
    }
}
