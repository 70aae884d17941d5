package dev.latchkey.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The builder's validation, and a database that cannot be reached at all; no running database needed. */
class JdbcAuthStoresBuilderTest {

    private static DataSource unconnectedDataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:builder-test");
        return dataSource;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Auth_", "1auth_", "_auth", "auth-", "auth;drop table x", "auth_ ", "aaaaaaaaaaaaaaaaaaaaa",
            "authé_"})
    void tablePrefix_notMatchingThePattern_throwsIllegalArgument(String prefix) {
        var builder = JdbcAuthStores.newBuilder(unconnectedDataSource());

        assertThatThrownBy(() -> builder.tablePrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[a-z][a-z0-9_]{0,19}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "auth_", "app2_auth_", "aaaaaaaaaaaaaaaaaaaa"})
    void tablePrefix_matchingThePattern_isAccepted(String prefix) {
        var builder = JdbcAuthStores.newBuilder(unconnectedDataSource());

        assertThatCode(() -> builder.tablePrefix(prefix)).doesNotThrowAnyException();
    }

    @Test
    void tablePrefix_null_throwsNullPointer() {
        var builder = JdbcAuthStores.newBuilder(unconnectedDataSource());

        assertThatThrownBy(() -> builder.tablePrefix(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 100_001})
    void purgeBatchSize_outOfRange_throwsIllegalArgument(int rows) {
        var builder = JdbcAuthStores.newBuilder(unconnectedDataSource());

        assertThatThrownBy(() -> builder.purgeBatchSize(rows)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newBuilder_withNullDataSource_throwsNullPointer() {
        assertThatThrownBy(() -> JdbcAuthStores.newBuilder((DataSource) null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void newBuilder_withNullJdbi_throwsNullPointer() {
        assertThatThrownBy(() -> JdbcAuthStores.newBuilder((Jdbi) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void build_withNothingListeningOnThePort_throwsStoreUnavailableWithTheCause() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {closedPort});
        dataSource.setDatabaseName("latchkey_test");
        dataSource.setUser("postgres");
        dataSource.setConnectTimeout(5);

        assertThatThrownBy(() -> JdbcAuthStores.create(dataSource))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(AuthErrorCode.STORE_UNAVAILABLE);
                    assertThat(e.getCause()).isNotNull();
                });
    }

    @Test
    void build_withAPoolOfOneConnection_failsAtOnceNamingThePoolSize() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:one-connection-pool;DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(250);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            long started = System.nanoTime();

            assertThatThrownBy(() -> JdbcAuthStores.create(pool))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("at least 2 connections")
                    .hasMessageContaining("maximumPoolSize");
            // One wait for the pool's timeout, not one per migration attempt.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void schemaVersion_isTheNewestShippedMigration() throws Exception {
        int latest = JdbcAuthStores.schemaVersion();
        for (String dialect : new String[] {"h2", "postgresql", "mariadb"}) {
            Path folder = Path.of(getClass().getResource("/dev/latchkey/auth/jdbc/migrations/" + dialect
                    + "/schema_version.sql").toURI()).getParent();
            List<Integer> versions;
            try (Stream<Path> files = Files.list(folder)) {
                versions = files.map(path -> path.getFileName().toString())
                        .filter(name -> name.matches("V[0-9]+__\\w+\\.sql"))
                        .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                        .sorted()
                        .toList();
            }
            assertThat(versions).as(dialect + " scripts")
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, latest).boxed().toList());
        }
    }
}
