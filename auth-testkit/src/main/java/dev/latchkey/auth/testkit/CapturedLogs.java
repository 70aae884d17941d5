package dev.latchkey.auth.testkit;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An SLF4J 2 provider that keeps every log line, at every level, fully formatted with the stack trace of its
 * throwable, so a test can search all of them for the secrets a flow used.
 *
 * <p>Put {@code auth-testkit} on the test class path (it registers itself through {@code META-INF/services}; with
 * another provider present, choose this one with {@code -Dslf4j.provider=dev.latchkey.auth.testkit.CapturedLogs}).
 * Call {@link #clear()} before the flow and read {@link #lines()} after it. The newest 100,000 lines are kept.
 *
 * <p>Every level is captured unless the system property {@value #LEVEL_PROPERTY} names a threshold (for example
 * {@code INFO}, the level an application ships with, so that a web server's DEBUG dumps of raw requests are left out as
 * they would be in production).
 */
public final class CapturedLogs implements SLF4JServiceProvider {
    /** One captured line: level, logger name and text (the formatted message, then any stack trace). */
    public record Line(Level level, String logger, String text) {
        /** Level, logger and text on one line. */
        @Override
        public String toString() {
            return level + " " + logger + " - " + text;
        }
    }

    /** The system property holding the lowest level captured ({@code TRACE} when unset). */
    public static final String LEVEL_PROPERTY = "latchkey.capturedLogs.level";
    private static final int CAPACITY = 100_000;
    private static final int THRESHOLD = Level.valueOf(System.getProperty(LEVEL_PROPERTY, "TRACE").trim()
            .toUpperCase(java.util.Locale.ROOT)).toInt();
    private static final ArrayDeque<Line> LINES = new ArrayDeque<>();

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory loggerFactory = name -> loggers.computeIfAbsent(name, CapturingLogger::new);
    private final IMarkerFactory markerFactory = new BasicMarkerFactory();
    private final MDCAdapter mdcAdapter = new NOPMDCAdapter();

    /** Everything captured since the last {@link #clear()}, oldest first. */
    public static List<Line> lines() {
        synchronized (LINES) {
            return List.copyOf(LINES);
        }
    }

    /** The lines of Latchkey's own loggers ({@code dev.latchkey...}). */
    public static List<Line> latchkeyLines() {
        return lines().stream().filter(l -> l.logger().startsWith("dev.latchkey")).toList();
    }

    /** Every captured line as text, one per line, for "contains no secret" checks. */
    public static String allText() {
        StringBuilder sb = new StringBuilder();
        for (Line line : lines()) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** Forgets everything captured so far. */
    public static void clear() {
        synchronized (LINES) {
            LINES.clear();
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up
    }

    private static final class CapturingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            StringBuilder text = new StringBuilder(MessageFormatter.basicArrayFormat(pattern, arguments));
            if (throwable != null) {
                StringWriter trace = new StringWriter();
                throwable.printStackTrace(new PrintWriter(trace));
                text.append('\n').append(trace);
            }
            Line line = new Line(level, name, text.toString());
            synchronized (LINES) {
                if (LINES.size() >= CAPACITY) {
                    LINES.removeFirst();
                }
                LINES.addLast(line);
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return Level.TRACE.toInt() >= THRESHOLD;
        }

        @Override
        public boolean isDebugEnabled() {
            return Level.DEBUG.toInt() >= THRESHOLD;
        }

        @Override
        public boolean isInfoEnabled() {
            return Level.INFO.toInt() >= THRESHOLD;
        }

        @Override
        public boolean isWarnEnabled() {
            return Level.WARN.toInt() >= THRESHOLD;
        }

        @Override
        public boolean isErrorEnabled() {
            return Level.ERROR.toInt() >= THRESHOLD;
        }
    }
}
