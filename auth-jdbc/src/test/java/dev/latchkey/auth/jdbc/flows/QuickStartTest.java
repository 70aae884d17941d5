package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The root README's quick start, line for line; {@link #readme_showsThisCode()} keeps the two the same. */
class QuickStartTest {

    @Test
    void quickStart_registersLogsInVerifiesAndRefreshes() {
        // quick start begin
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:quickstart;DB_CLOSE_DELAY=-1");
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey); // in production: load it from your secret store
        AuthService auth = AuthService.newBuilder(
                AuthConfig.newBuilder().issuer("https://example.com").audience("example-api").masterKey(masterKey).build(),
                JdbcAuthStores.create(dataSource)).build();

        auth.accounts().register(Registration.newBuilder().email("ada@example.com").password("correct horse battery").build());
        LoginResult result = auth.passwords().login(Contact.email("ada@example.com"), "correct horse battery",
                ClientInfo.unknown());
        Session session = result.sessionOrThrow(); // a SecondFactorRequired once a second factor is enrolled
        VerifiedAccessToken caller = auth.tokens().verifyOnline(session.accessToken()); // per request; see below
        Session next = auth.sessions().refresh(session.refreshToken(), ClientInfo.unknown());
        // quick start end

        assertThat(caller.userId()).isEqualTo(session.user().id());
        assertThat(next.refreshToken()).isNotEqualTo(session.refreshToken());
    }

    @Test
    void readme_showsThisCode() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/latchkey/auth/jdbc/flows/QuickStartTest.java"));
        String code = source.substring(source.indexOf("// quick start begin") + "// quick start begin".length(),
                source.indexOf("        // quick start end"));
        String readme = Files.readString(Path.of("../README.md"));
        for (String line : code.strip().split("\n")) {
            assertThat(readme).as("README quick start line").contains(line.strip());
        }
    }
}
