package dev.latchkey.auth.jdbc;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the JDBC stores are tested on. H2 runs in memory; PostgreSQL and MariaDB come from the environment
 * variables {@code LATCHKEY_TEST_POSTGRES_URL} and {@code LATCHKEY_TEST_MARIADB_URL}, JDBC URLs that carry the user
 * and password (for example {@code jdbc:postgresql://127.0.0.1:5432/latchkey_test?user=postgres}).
 *
 * <p>When a URL is unset the test is skipped, unless {@code CI=true}: then it fails, so that CI never passes by
 * skipping. Test classes share one database each and isolate themselves with {@link #uniquePrefix()}.
 */
public enum TestDatabase {
    /** H2 in memory, alive until the JVM exits. */
    H2(null),
    /** PostgreSQL at {@code LATCHKEY_TEST_POSTGRES_URL}. */
    POSTGRES("LATCHKEY_TEST_POSTGRES_URL"),
    /** MariaDB at {@code LATCHKEY_TEST_MARIADB_URL}. */
    MARIADB("LATCHKEY_TEST_MARIADB_URL");

    private static final String H2_URL = "jdbc:h2:mem:latchkey;DB_CLOSE_DELAY=-1";
    private static final int MAX_POOL_SIZE = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String urlVariable;

    TestDatabase(String urlVariable) {
        this.urlVariable = urlVariable;
    }

    /**
     * A new pool (up to 20 connections) to this database; every call gives another pool to the same database. The
     * caller closes it.
     */
    public HikariDataSource newDataSource() {
        return newDataSource(null);
    }

    /**
     * {@link #newDataSource()} whose connections start at this JDBC isolation level (such as
     * {@code TRANSACTION_REPEATABLE_READ}), as a host's pool may; null for the database's default.
     */
    public HikariDataSource newDataSource(String transactionIsolation) {
        HikariConfig config = new HikariConfig();
        config.setTransactionIsolation(transactionIsolation);
        config.setJdbcUrl(jdbcUrl());
        config.setMaximumPoolSize(MAX_POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setPoolName("latchkey-test-" + name().toLowerCase(Locale.ROOT));
        return new HikariDataSource(config);
    }

    /** A fresh random table prefix such as {@code t1a2b3c4_}, so that test classes can share one database. */
    public static String uniquePrefix() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return "t" + HexFormat.of().formatHex(bytes) + "_";
    }

    private String jdbcUrl() {
        if (urlVariable == null) {
            return H2_URL;
        }
        String url = System.getenv(urlVariable);
        if (url == null || url.isBlank()) {
            String message = name() + " tests need the environment variable " + urlVariable
                    + " (a JDBC URL with user and password)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + "; CI=true, so they fail instead of being skipped");
            }
            Assumptions.abort(message + "; skipped");
        }
        return url;
    }
}
