package dev.latchkey.auth.spring;

import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.spring.security.LatchkeyJwt;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured service over PostgreSQL and MariaDB DataSources (named by {@code LATCHKEY_TEST_POSTGRES_URL}
 * and {@code LATCHKEY_TEST_MARIADB_URL}; skipped without them, failed without them under {@code CI=true}): migrated at
 * start-up under a fresh table prefix, a login's token accepted by the decoder, healthy; and a second start with
 * migrations turned off finds the tables and starts too.
 */
class ExternalDatabaseContextTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void postgresql() {
        check(url("LATCHKEY_TEST_POSTGRES_URL"), "postgresql");
    }

    @Test
    void mariadb() {
        check(url("LATCHKEY_TEST_MARIADB_URL"), "mariadb");
    }

    private static void check(String url, String dialect) {
        String prefix = "sb" + HexFormat.of().formatHex(bytes()) + "_";
        ApplicationContextRunner runner = Contexts.bare().withPropertyValues(Contexts.REQUIRED)
                .withPropertyValues(Contexts.FAST, "latchkey.database.table-prefix=" + prefix)
                .withBean(DataSource.class, () -> DataSourceBuilder.create().url(url).build());
        String email = prefix + "@example.com";
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(((JdbcAuthStores) context.getBean(dev.latchkey.auth.store.AuthStores.class)).dialectName())
                    .isEqualTo(dialect);
            AuthService auth = context.getBean(AuthService.class);
            String id = auth.accounts().register(Registration.newBuilder().email(email)
                    .password("correct horse battery staple").build()).id();
            String token = auth.passwords().login(Contact.email(email), "correct horse battery staple",
                    ClientInfo.of("127.0.0.1", "JUnit")).sessionOrThrow().accessToken();
            LatchkeyJwt jwt = (LatchkeyJwt) context.getBean(JwtDecoder.class).decode(token);
            assertThat(jwt.verifiedToken().userId()).isEqualTo(id);
            assertThat(context.getBean("latchkeyHealthIndicator", HealthIndicator.class).health(true).getStatus())
                    .isEqualTo(Status.UP);
        });
        runner.withPropertyValues("latchkey.migrations.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(AuthService.class).accounts().findByContact(Contact.email(email))).isPresent();
        });
    }

    private static byte[] bytes() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String url(String variable) {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            String message = "this test needs " + variable + " (a JDBC URL with user and password)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + "; CI=true, so it fails instead of being skipped");
            }
            Assumptions.abort(message + "; skipped");
        }
        return url;
    }
}
