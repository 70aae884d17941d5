package dev.latchkey.auth.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.util.List;

/**
 * The nodes of a multi-primary MariaDB Galera cluster, from {@code LATCHKEY_TEST_GALERA_URLS}: two JDBC URLs separated
 * by a comma, one per node, of the same database (as {@code .ci/run} starts with {@code .ci/galera start}). Unset, the
 * tests that need it are skipped, unless {@code CI=true}: then they fail.
 */
public final class GaleraNodes {
    private static final String VARIABLE = "LATCHKEY_TEST_GALERA_URLS";

    private GaleraNodes() {
    }

    /**
     * A new pool (up to 20 connections) to node {@code n % 2}, so instances alternate between the two nodes, with
     * causal reads ({@code wsrep_sync_wait = 1}).
     */
    public static HikariDataSource pool(int n) {
        List<String> urls = urls();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(urls.get(n % urls.size()));
        config.setMaximumPoolSize(20);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setPoolName("latchkey-test-galera-" + (n % urls.size() + 1));
        // Causal reads, as docs/deployment.md tells deployments to set: a session revoked through one node is seen
        // revoked by the next read on the other.
        config.setConnectionInitSql("SET SESSION wsrep_sync_wait = 1");
        return new HikariDataSource(config);
    }

    private static List<String> urls() {
        String value = System.getenv(VARIABLE);
        if (value == null || value.isBlank() || value.split(",").length != 2) {
            String message = "Galera tests need " + VARIABLE + " (two JDBC URLs, one per node, separated by a comma)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + "; CI=true, so they fail instead of being skipped");
            }
            Assumptions.abort(message + "; skipped");
        }
        return List.of(value.split(",")).stream().map(String::trim).toList();
    }
}
