package dev.latchkey.benchmarks.load;

import java.util.Arrays;

/**
 * The latencies of one kind of request, in nanoseconds, kept whole (a load phase is bounded, so every sample fits)
 * so that percentiles are exact: nearest rank, no histogram buckets. One per worker thread; merged at the end.
 */
final class Latencies {
    private long[] nanos;
    private int size;

    Latencies(int initialCapacity) {
        this.nanos = new long[Math.max(16, initialCapacity)];
    }

    void record(long elapsedNanos) {
        if (elapsedNanos < 0) {
            throw new IllegalArgumentException("a latency cannot be negative");
        }
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, nanos.length * 2);
        }
        nanos[size++] = elapsedNanos;
    }

    /** All samples of these and {@code others}, in a new instance. */
    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies(16);
        for (Latencies part : parts) {
            for (int i = 0; i < part.size; i++) {
                all.record(part.nanos[i]);
            }
        }
        return all;
    }

    int count() {
        return size;
    }

    /**
     * The {@code percent} percentile (0 < percent ≤ 100) in milliseconds by nearest rank: the smallest sample with at
     * least that share of the samples at or below it; NaN without samples.
     */
    double percentileMillis(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100]");
        }
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * size);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }
}
