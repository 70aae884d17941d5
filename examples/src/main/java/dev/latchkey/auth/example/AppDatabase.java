package dev.latchkey.auth.example;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The wiring the server and the command line importer share: the master key, the connection pool and Latchkey's
 * stores (migrations included) for the same {@link Settings}, with start-up failures naming the setting at fault.
 */
final class AppDatabase {
    private static final Logger log = LoggerFactory.getLogger(ExampleApp.class);
    private static final long DB_CONNECTION_TIMEOUT_MS = 3_000;
    private static final long DB_VALIDATION_TIMEOUT_MS = 1_000;
    private static final int HEALTH_CHECK_SECONDS = 2;

    private AppDatabase() {
    }

    /** {@code AUTH_MASTER_KEY}, else the key generated once into the data directory (with a warning). */
    static byte[] masterKey(Settings settings) {
        return StartupWarnings.masterKey(settings, log);
    }

    /** The JDBC URL of these settings: {@code AUTH_DB_URL}, else the H2 file database in the data directory. */
    static String url(Settings settings) {
        return settings.dbUrl().orElseGet(() -> "jdbc:h2:file:" + settings.dataDir().resolve("latchkey"));
    }

    /** A pool over {@link #url(Settings)}. */
    static HikariDataSource dataSource(Settings settings) {
        return dataSource(settings, url(settings));
    }

    /** A pool over {@code url} with the user and password of these settings. */
    static HikariDataSource dataSource(Settings settings, String url) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        if (settings.dbUser().isPresent()) {
            hikari.setUsername(settings.dbUser().get());
        } else if (settings.dbUrl().isEmpty()) {
            hikari.setUsername("sa");
        }
        settings.dbPassword().ifPresent(hikari::setPassword);
        hikari.setPoolName("latchkey-example");
        hikari.setMaximumPoolSize(10);
        hikari.setMinimumIdle(2);
        // Fail a request within seconds while the database is down, and recover once it is back.
        hikari.setConnectionTimeout(DB_CONNECTION_TIMEOUT_MS);
        hikari.setValidationTimeout(DB_VALIDATION_TIMEOUT_MS);
        hikari.setExceptionOverride(new BrokenConnectionEviction());
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StartupException("AUTH_DB_URL: cannot connect to " + Settings.maskUrl(url) + " ("
                    + rootCause(e) + ")", e);
        }
    }

    /**
     * Whether a pooled connection answers within two seconds ({@code GET /health}). A connection that does not is
     * evicted from the pool, so the next check opens a fresh one.
     */
    static boolean answers(HikariDataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            boolean up = connection.isValid(HEALTH_CHECK_SECONDS);
            if (!up) {
                dataSource.evictConnection(connection);
            }
            return up;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Latchkey's stores, applying pending migrations. */
    static JdbcAuthStores stores(Jdbi jdbi, Settings settings) {
        return stores(jdbi, settings, true);
    }

    /**
     * Latchkey's stores; with {@code migrate} false, only checks that no migration is pending (writing nothing), and
     * throws {@link IllegalStateException} when one is.
     */
    static JdbcAuthStores stores(Jdbi jdbi, Settings settings, boolean migrate) {
        JdbcAuthStores.Builder builder = JdbcAuthStores.newBuilder(jdbi).tablePrefix(settings.tablePrefix());
        if (!migrate) {
            return builder.skipMigrations().build();
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new StartupException("AUTH_DB_URL: " + e.getMessage(), e);
        } catch (AuthException e) {
            throw new StartupException("AUTH_DB_URL: cannot set up Latchkey's tables (" + rootCause(e) + ")", e);
        }
    }

    /**
     * Builds the service; a master key that does not match the database's key registry (the key ids in the message,
     * never a key) is a {@link StartupException} naming the settings.
     */
    static AuthService build(AuthService.Builder builder) {
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            throw new StartupException("AUTH_MASTER_KEY / AUTH_PREVIOUS_MASTER_KEYS: " + e.getMessage(), e);
        }
    }

    /** The innermost cause's class and first message line, database URLs masked. */
    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + Settings.maskUrl(firstLine(message)));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
