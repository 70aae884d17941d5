package dev.latchkey.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Nearest-rank percentiles over every sample, merged across clients. */
class LatenciesTest {
    @Test
    void percentiles_areNearestRank_overTheMergedSamples() {
        Latencies a = new Latencies(1);
        Latencies b = new Latencies(1);
        for (int ms = 1; ms <= 100; ms++) {
            (ms % 2 == 0 ? a : b).record(ms * 1_000_000L); // 1..100 ms, split over two clients
        }
        Latencies all = Latencies.merge(List.of(a, b));

        assertThat(all.count()).isEqualTo(100);
        assertThat(all.percentileMillis(50)).isEqualTo(50.0);
        assertThat(all.percentileMillis(99)).isEqualTo(99.0);
        assertThat(all.percentileMillis(100)).isEqualTo(100.0);
        assertThat(all.percentileMillis(0.5)).isEqualTo(1.0);
    }

    @Test
    void aSingleSample_isEveryPercentile_andNoneIsNaN() {
        Latencies one = new Latencies(4);
        one.record(2_500_000);
        assertThat(one.percentileMillis(50)).isEqualTo(2.5);
        assertThat(one.percentileMillis(99)).isEqualTo(2.5);
        assertThat(new Latencies(4).percentileMillis(50)).isNaN();
    }

    @Test
    void p99_ofATailSeesTheSlowOnes() {
        Latencies l = new Latencies(4);
        for (int i = 0; i < 980; i++) {
            l.record(1_000_000);
        }
        for (int i = 0; i < 20; i++) {
            l.record(50_000_000);
        }
        assertThat(l.percentileMillis(50)).isEqualTo(1.0);
        assertThat(l.percentileMillis(99)).isEqualTo(50.0);
    }

    @Test
    void badInput_isRefused() {
        Latencies l = new Latencies(4);
        assertThatThrownBy(() -> l.record(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> l.percentileMillis(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> l.percentileMillis(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
