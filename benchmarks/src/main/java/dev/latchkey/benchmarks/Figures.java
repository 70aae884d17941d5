package dev.latchkey.benchmarks;

import java.util.Locale;
import java.util.Optional;

/** How the report prints a figure: throughput, a time, a sampled time with its error, a ratio, a percentage. */
final class Figures {
    private Figures() {
    }

    /** Throughput with its error, in operations per second. */
    static String ops(Optional<Measurement> m) {
        return m.map(x -> String.format(Locale.ROOT, "%,.0f ± %,.0f", x.score(), x.error())).orElse("not measured");
    }

    /** A time given in microseconds, in milliseconds from one millisecond up. */
    static String time(double micros) {
        if (Double.isNaN(micros)) {
            return "n/a";
        }
        if (micros >= 1000) {
            return String.format(Locale.ROOT, "%,.2f ms", micros / 1000);
        }
        return String.format(Locale.ROOT, "%,.1f µs", micros);
    }

    /** Median, then mean ± JMH's 99.9% error and the sample count. */
    static String sampled(Optional<Measurement> m) {
        return m.map(x -> time(x.median()) + " (mean " + time(x.score()) + " ± " + time(x.error()) + ", n=" + x.samples()
                + ")").orElse("not measured");
    }

    /** {@code a ÷ b} as {@code 1.23×}, of medians or of means; {@code n/a} when either is missing. */
    static String ratio(Optional<Measurement> a, Optional<Measurement> b, boolean medians) {
        if (a.isEmpty() || b.isEmpty()) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f×", ratioOf(a.get(), b.get(), medians));
    }

    /** {@code a ÷ b}, of medians or of means (scores). */
    static double ratioOf(Measurement a, Measurement b, boolean medians) {
        double x = medians ? a.median() : a.score();
        double y = medians ? b.median() : b.score();
        return x / y;
    }

    /** A fraction as a signed percentage, {@code +2.5%}. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }
}
