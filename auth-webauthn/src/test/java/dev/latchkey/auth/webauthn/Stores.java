package dev.latchkey.auth.webauthn;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.memory.InMemoryAuthStores;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Where the ceremony tests keep their data: in memory, or in {@link JdbcAuthStores} on H2 (in memory), PostgreSQL at
 * {@code LATCHKEY_TEST_POSTGRES_URL} or MariaDB at {@code LATCHKEY_TEST_MARIADB_URL} (JDBC URLs with user and
 * password), each test under a fresh table prefix. An unset URL skips the test, or fails it when {@code CI=true}.
 */
enum Stores implements Supplier<AuthStores> {
    MEMORY(null),
    H2("jdbc:h2:mem:webauthn;DB_CLOSE_DELAY=-1"),
    POSTGRES("LATCHKEY_TEST_POSTGRES_URL"),
    MARIADB("LATCHKEY_TEST_MARIADB_URL");

    private static final SecureRandom RANDOM = new SecureRandom();
    private final String url;
    private HikariDataSource pool;

    Stores(String url) {
        this.url = url;
    }

    /** New stores under a fresh prefix, on the one pool this database has in this JVM. */
    @Override
    public synchronized AuthStores get() {
        if (url == null) {
            return InMemoryAuthStores.create();
        }
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return JdbcAuthStores.newBuilder(pool()).tablePrefix("wa" + HexFormat.of().formatHex(b) + "_").build();
    }

    /**
     * Other stores over the same tables as {@code stores} (from {@link #get()} on this database), on a pool of their
     * own, as another application instance has.
     */
    synchronized AuthStores sameDatabase(AuthStores stores) {
        String prefix = ((JdbcAuthStores) stores).tablePrefix();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl());
        config.setMaximumPoolSize(8);
        return JdbcAuthStores.newBuilder(new HikariDataSource(config)).tablePrefix(prefix).build();
    }

    private HikariDataSource pool() {
        if (pool == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl());
            config.setMaximumPoolSize(8);
            config.setPoolName("webauthn-" + name());
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    private String jdbcUrl() {
        if (url.startsWith("jdbc:")) {
            return url;
        }
        String value = System.getenv(url);
        if (value == null || value.isBlank()) {
            String message = name() + " tests need " + url + " (a JDBC URL with user and password)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + "; CI=true, so they fail instead of being skipped");
            }
            Assumptions.abort(message + "; skipped");
        }
        return value;
    }
}
