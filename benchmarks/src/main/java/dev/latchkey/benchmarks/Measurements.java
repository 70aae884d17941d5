package dev.latchkey.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every measurement of a run so far, found by benchmark, thread count and parameters. */
final class Measurements {
    private final List<Measurement> all = new ArrayList<>();

    void add(List<Measurement> measured) {
        all.addAll(measured);
    }

    /** The first measurement that {@link Measurement#matches matches}; empty when that benchmark did not run. */
    Optional<Measurement> find(String benchmark, int threads, String... params) {
        return all.stream().filter(m -> m.matches(benchmark, threads, params)).findFirst();
    }
}
