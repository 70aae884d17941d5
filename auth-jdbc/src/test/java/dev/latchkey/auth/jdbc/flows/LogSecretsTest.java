package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.testkit.CapturedLogs;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.internal.Secrets;
import dev.latchkey.auth.jdbc.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

/** Security bar item 31: a full flow, every log line captured, and not one secret in any of them. */
class LogSecretsTest {
    private final AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.otpLoginCreatesAccounts(true));
    private final AuthService auth = fx.auth;
    private final List<String> secrets = new ArrayList<>();

    @BeforeEach
    void capture() {
        CapturedLogs.clear();
    }

    @AfterEach
    void close() {
        CapturedLogs.clear();
        fx.close();
    }

    private String remember(String secret) {
        secrets.add(secret);
        return secret;
    }

    private void attempt(Runnable r) {
        try {
            r.run();
        } catch (AuthException expected) {
            assertThat(expected.getMessage()).doesNotContain(secrets);
        }
    }

    @Test
    void fullFlow_logsNoPasswordCodeTokenHashOrKey() {
        String email = "secret.keeper@example.com";
        String password = remember("first Passphrase 4 logs");
        String wrongPassword = remember("wrong Passphrase 4 logs");
        String newPassword = remember("second Passphrase 4 logs");
        String resetPassword = remember("third Passphrase 4 logs");
        remember(Base64.getEncoder().encodeToString(AuthFixture.MASTER_KEY));
        remember(new String(AuthFixture.MASTER_KEY, java.nio.charset.StandardCharsets.US_ASCII));

        auth.startRegistration(Registration.newBuilder().email(email).password(password).build(), CLIENT);
        Session s1 = auth.completeRegistration(Contact.email(email), remember(fx.latestCode(email)), CLIENT);
        remember(s1.accessToken());
        remember(s1.refreshToken());
        attempt(() -> auth.login(Contact.email(email), wrongPassword, CLIENT));
        Session s2 = auth.login(Contact.email(email), password, CLIENT);
        remember(s2.accessToken());
        remember(s2.refreshToken());
        remember(Secrets.sha256(s2.refreshToken()));
        Session s3 = auth.refresh(s2.refreshToken(), CLIENT);
        remember(s3.refreshToken());
        attempt(() -> auth.refresh(s2.refreshToken(), CLIENT));
        attempt(() -> auth.verifyAccessToken(s1.accessToken() + "x"));
        VerifiedAccessToken caller = auth.verifyAccessToken(s1.accessToken());
        auth.changePassword(caller, password, newPassword);
        fx.clock.advance(Duration.ofMinutes(1));
        auth.requestPasswordReset(Contact.email(email), CLIENT);
        String resetCode = remember(fx.latestCode(email));
        attempt(() -> auth.resetPassword(Contact.email(email), fx.wrongCode(email), resetPassword));
        auth.resetPassword(Contact.email(email), resetCode, resetPassword);
        String phone = "+14155552671";
        auth.sendLoginCode(Contact.phone(phone), CLIENT);
        Session s4 = auth.loginWithCode(Contact.phone(phone), remember(fx.latestCode(phone)), CLIENT);
        remember(s4.accessToken());
        remember(s4.refreshToken());
        auth.logout(s4.refreshToken());
        fx.outbox.failNextDeliveries(1);
        fx.clock.advance(Duration.ofMinutes(1));
        attempt(() -> auth.sendLoginCode(Contact.phone(phone), CLIENT));
        fx.stores.users().findByEmail(email).ifPresent(u -> fx.stores.credentials().findByUser(u.id(), "password")
                .forEach(c -> remember(c.secret())));

        List<String> lines = CapturedLogs.lines().stream().map(Object::toString).toList();
        assertThat(lines).as("the capture works").anyMatch(l -> l.contains("LOGIN_SUCCEEDED"));
        assertThat(lines).anyMatch(l -> l.contains("REFRESH_REUSE_DETECTED"));
        for (String line : lines) {
            for (String secret : secrets) {
                assertThat(line).as("a log line").doesNotContain(secret);
            }
        }
        assertThat(String.join("\n", lines)).doesNotContain(email);
    }
}
