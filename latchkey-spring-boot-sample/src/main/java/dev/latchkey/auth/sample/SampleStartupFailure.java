package dev.latchkey.auth.sample;

import dev.latchkey.auth.example.Settings;
import dev.latchkey.auth.example.StartupException;
import org.springframework.boot.web.server.PortInUseException;

import java.sql.SQLException;

/**
 * The one line naming the setting behind a failed start of the Spring context, as the Javalin example words it, or
 * null when the failure is none the settings explain (Spring has reported it).
 */
final class SampleStartupFailure {
    private SampleStartupFailure() {
    }

    /** The line for {@code failure}, thrown while starting with {@code settings}; null when no setting explains it. */
    static String describe(Throwable failure, Settings settings) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StartupException startup) {
                return startup.getMessage();
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PortInUseException port) {
                return "PORT " + port.getPort() + ": the HTTP server could not start on " + settings.host()
                        + " (the port is already in use)";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return "AUTH_DB_URL: cannot connect to " + Settings.maskUrl(settings.dbUrl().orElse("the H2 file "
                        + "database in AUTH_DATA_DIR")) + " (" + rootCause(failure) + ")";
            }
        }
        return null;
    }

    /** The innermost cause's class and the first line of its message, any {@code password=} in it masked. */
    private static String rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (message == null) {
            return t.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return t.getClass().getSimpleName() + ": " + Settings.maskUrl(nl < 0 ? message : message.substring(0, nl));
    }
}
