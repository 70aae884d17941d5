package dev.latchkey.auth.example;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The importer's progress: on a terminal a bar redrawn in place (share of the file read, records done, records per
 * second, time left), at most every 200 ms and once more at the end; otherwise a plain line every
 * {@link #LINE_EVERY} records. Time left is estimated from the bytes read against the file's size.
 */
final class ImportProgress {
    /** Records between two plain progress lines. */
    static final long LINE_EVERY = 10_000;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long size;
    private final LongSupplier bytesRead;
    private final long started = System.nanoTime();
    private long lastDraw;
    private long done;
    private long rejected;

    ImportProgress(PrintStream out, boolean terminal, long size, LongSupplier bytesRead) {
        this.out = out;
        this.terminal = terminal;
        this.size = size;
        this.bytesRead = bytesRead;
    }

    /** One more record done. */
    void record(boolean wasRejected) {
        done++;
        if (wasRejected) {
            rejected++;
        }
        if (terminal) {
            long now = System.nanoTime();
            if (now - lastDraw >= REDRAW_NANOS) {
                lastDraw = now;
                out.print("\r" + line(false));
                out.flush();
            }
        } else if (done % LINE_EVERY == 0) {
            out.println("progress: " + line(false));
        }
    }

    /** The last drawing, once every record is done. */
    void finish() {
        if (terminal) {
            out.print("\r" + line(true) + "\n");
            out.flush();
        }
    }

    /** Seconds since the start. */
    double seconds() {
        return Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    }

    private String line(boolean end) {
        double seconds = seconds();
        long read = Math.min(size, bytesRead.getAsLong());
        double share = end || size == 0 ? 1.0 : (double) read / size;
        long rate = Math.round(done / seconds);
        StringBuilder text = new StringBuilder();
        if (terminal) {
            int filled = (int) Math.round(share * BAR);
            text.append('[').append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ");
        }
        text.append(String.format(Locale.ROOT, "%3d%% %,d records (%,d rejected), %,d/s, ", Math.round(share * 100),
                done, rejected, rate));
        if (end) {
            text.append("done in ").append(clock(Math.round(seconds)));
        } else {
            double left = share <= 0 ? Double.NaN : seconds * (1 - share) / share;
            text.append(Double.isNaN(left) ? "--:--" : clock(Math.round(left))).append(" left");
        }
        return text.toString();
    }

    private static String clock(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        return d.toHours() > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(),
                d.toSecondsPart()) : String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
