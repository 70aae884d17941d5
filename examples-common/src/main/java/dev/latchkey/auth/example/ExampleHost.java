package dev.latchkey.auth.example;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.jdbc.JdbcAuditLog;

import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * A running example application, whichever host serves it: the Javalin example or the Spring Boot sample. The
 * end-to-end suite starts one with {@link #start(Settings, Consumer)} and drives it over HTTP, so both hosts pass the
 * same suite.
 */
public interface ExampleHost extends AutoCloseable {
    /** The port the server listens on. */
    int port();

    /** The service behind the routes, for tests that act on accounts directly (such as granting roles). */
    AuthService authService();

    /** The audit trail in the database. */
    JdbcAuditLog auditLog();

    /** Stops serving and releases the database. Idempotent. */
    @Override
    void close();

    /** Starts one host's application; each host's tests register theirs with {@link ServiceLoader}. */
    interface Launcher {
        /** Starts the application for {@code settings}, {@code configTweaks} changing its {@link AuthConfig}. */
        ExampleHost start(Settings settings, Consumer<AuthConfig.Builder> configTweaks);
    }

    /**
     * Starts the application of the one {@link Launcher} on the class path.
     *
     * @throws IllegalStateException when there is none, or more than one
     */
    static ExampleHost start(Settings settings, Consumer<AuthConfig.Builder> configTweaks) {
        List<Launcher> launchers = ServiceLoader.load(Launcher.class).stream().map(ServiceLoader.Provider::get)
                .toList();
        if (launchers.size() != 1) {
            throw new IllegalStateException("expected one ExampleHost.Launcher on the class path (META-INF/services),"
                    + " found " + launchers.size());
        }
        return launchers.get(0).start(settings, configTweaks);
    }
}
