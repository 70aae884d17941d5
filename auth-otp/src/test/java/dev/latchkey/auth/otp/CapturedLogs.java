package dev.latchkey.auth.otp;

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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An SLF4J backend for the tests that keeps every line at every level in memory, so tests can check what was logged
 * and, above all, that no secret ever was. Registered through {@code META-INF/services}.
 */
public final class CapturedLogs implements SLF4JServiceProvider {
    /** One captured line: level, logger name and the formatted text, with the messages of any throwable appended. */
    public record Line(Level level, String logger, String text) {
    }

    private static final List<Line> LINES = new ArrayList<>();

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory loggerFactory = name -> loggers.computeIfAbsent(name, CapturingLogger::new);
    private final IMarkerFactory markerFactory = new BasicMarkerFactory();
    private final MDCAdapter mdcAdapter = new NOPMDCAdapter();

    /** Everything captured since the last {@link #clear()}. */
    public static List<Line> lines() {
        synchronized (LINES) {
            return List.copyOf(LINES);
        }
    }

    /** The lines of Latchkey's own loggers ({@code dev.latchkey...}). */
    public static List<Line> latchkeyLines() {
        return lines().stream().filter(l -> l.logger().startsWith("dev.latchkey")).toList();
    }

    /** All captured text of every logger, one line per event, for "contains no secret" checks. */
    public static String allText() {
        StringBuilder sb = new StringBuilder();
        for (Line line : lines()) {
            sb.append(line.level()).append(' ').append(line.logger()).append(' ').append(line.text()).append('\n');
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
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
                                                   Object[] arguments, Throwable throwable) {
            StringBuilder text = new StringBuilder(MessageFormatter.basicArrayFormat(messagePattern, arguments));
            for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
                text.append(" | ").append(t);
            }
            synchronized (LINES) {
                LINES.add(new Line(level, name, text.toString()));
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}
