package dev.latchkey.benchmarks;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One JMH result, reduced to what the report prints: throughput in operations per second, or times in microseconds
 * (mean with JMH's 99.9% error, and the median of the samples).
 */
record Measurement(String benchmark, Map<String, String> params, int threads, Mode mode, double score, double error,
                   double median, long samples) {

    static Measurement of(RunResult run) {
        Result<?> primary = run.getPrimaryResult();
        String full = run.getParams().getBenchmark();
        String[] parts = full.split("\\.");
        String name = parts[parts.length - 2] + "." + parts[parts.length - 1];
        Map<String, String> params = new TreeMap<>();
        for (String key : run.getParams().getParamsKeys()) {
            params.put(key, run.getParams().getParam(key));
        }
        Mode mode = run.getParams().getMode();
        double toMicros = mode == Mode.Throughput ? 1 : microsPer(primary.getScoreUnit());
        double median = mode == Mode.SampleTime ? primary.getStatistics().getPercentile(50) * toMicros : Double.NaN;
        return new Measurement(name, params, run.getParams().getThreads(), mode, primary.getScore() * toMicros,
                primary.getScoreError() * toMicros, median, primary.getStatistics().getN());
    }

    private static double microsPer(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.startsWith("ns")) {
            return 1e-3;
        }
        if (u.startsWith("us")) {
            return 1;
        }
        if (u.startsWith("ms")) {
            return 1e3;
        }
        if (u.startsWith("s/")) {
            return 1e6;
        }
        return TimeUnit.SECONDS.toMicros(1);
    }

    boolean matches(String name, int threadCount, String... keyValues) {
        if (!benchmark.equals(name) || (threadCount > 0 && threads != threadCount)) {
            return false;
        }
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (!keyValues[i + 1].equals(params.get(keyValues[i]))) {
                return false;
            }
        }
        return true;
    }
}
