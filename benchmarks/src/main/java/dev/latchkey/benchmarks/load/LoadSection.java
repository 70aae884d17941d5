package dev.latchkey.benchmarks.load;

import java.util.Optional;

/**
 * The load benchmark's part of {@code docs/benchmarks.md}, between two markers, so that the JMH report and the load
 * benchmark each rewrite only their own part: {@link #splice} puts a section into a document (replacing the old one,
 * else before {@code ## Goals}, else at the end) and {@link #extract} finds it in one.
 */
public final class LoadSection {
    /** Opens the section. */
    public static final String START = "<!-- load-benchmark:start (written by LoadBenchmark) -->";
    /** Closes it. */
    public static final String END = "<!-- load-benchmark:end -->";

    private LoadSection() {
    }

    /** {@code document} with {@code section} (without markers) as its load section. */
    public static String splice(String document, String section) {
        String block = START + "\n" + section.strip() + "\n" + END + "\n";
        int start = document.indexOf(START);
        int end = document.indexOf(END);
        if (start >= 0 && end > start) {
            String after = document.substring(end + END.length());
            return document.substring(0, start) + block + (after.startsWith("\n") ? after.substring(1) : after);
        }
        int goals = document.indexOf("\n## Goals\n");
        if (goals >= 0) {
            return document.substring(0, goals + 1) + block + "\n" + document.substring(goals + 1);
        }
        return document + (document.isEmpty() || document.endsWith("\n\n") ? "" : document.endsWith("\n") ? "\n"
                : "\n\n") + block;
    }

    /** The load section of {@code document} (without markers), if it has one. */
    public static Optional<String> extract(String document) {
        int start = document.indexOf(START);
        int end = document.indexOf(END);
        if (start < 0 || end < start) {
            return Optional.empty();
        }
        return Optional.of(document.substring(start + START.length(), end).strip());
    }
}
