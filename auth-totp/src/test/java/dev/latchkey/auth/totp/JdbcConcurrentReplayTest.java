package dev.latchkey.auth.totp;

import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The replay contract over {@link JdbcAuthStores} on one H2 database (in memory, fresh per test) through two service
 * instances, each with its own stores, data source and factor instances, as two application instances would have:
 * the submissions alternate between them, so the single use rests on the database's atomic updates alone.
 */
class JdbcConcurrentReplayTest extends ConcurrentReplayContract {
    private final JdbcDataSource dataSource = dataSource("jdbc:h2:mem:totp_" + UUID.randomUUID().toString()
            .replace("-", "") + ";DB_CLOSE_DELAY=-1");
    private final TotpFixture fx = new TotpFixture(JdbcAuthStores.create(dataSource), TotpConfig.defaults());
    private final AuthService other = fx.service(JdbcAuthStores.create(dataSource(dataSource.getURL())),
            TotpFactor.create("Acme"), RecoveryCodeFactor.create());

    @Override
    protected TotpFixture fixture() {
        return fx;
    }

    @Override
    protected AuthService instance(int i) {
        return i % 2 == 0 ? fx.auth : other;
    }

    @AfterEach
    void dropTheDatabase() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    private static JdbcDataSource dataSource(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        return ds;
    }
}
