package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.ClientInfo;
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
    private final AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.codes(CodeConfig.newBuilder().loginCreatesAccounts(true).build()));
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

        auth.registrations().start(Registration.newBuilder().email(email).password(password).build(), CLIENT);
        Session s1 = auth.registrations().complete(Contact.email(email), remember(fx.latestCode(email)), CLIENT).sessionOrThrow();
        remember(s1.accessToken());
        remember(s1.refreshToken());
        attempt(() -> auth.passwords().login(Contact.email(email), wrongPassword, CLIENT).sessionOrThrow());
        Session s2 = auth.passwords().login(Contact.email(email), password, CLIENT).sessionOrThrow();
        remember(s2.accessToken());
        remember(s2.refreshToken());
        remember(Secrets.sha256(s2.refreshToken()));
        String deviceToken = remember(s2.deviceToken().orElseThrow());
        remember(Secrets.sha256(deviceToken));
        attempt(() -> auth.passwords().login(Contact.email(email), wrongPassword, CLIENT.withDeviceToken(deviceToken))
                .sessionOrThrow());
        String forgedDeviceToken = remember(deviceToken.substring(1) + "A");
        attempt(() -> auth.passwords().login(Contact.email(email), wrongPassword,
                CLIENT.withDeviceToken(forgedDeviceToken)).sessionOrThrow());
        Session trusted = auth.passwords().login(Contact.email(email), password, CLIENT.withDeviceToken(deviceToken))
                .sessionOrThrow();
        remember(trusted.accessToken());
        remember(trusted.refreshToken());
        remember(trusted.deviceToken().orElseThrow());
        Session s3 = auth.sessions().refresh(s2.refreshToken(), CLIENT);
        remember(s3.refreshToken());
        attempt(() -> auth.sessions().refresh(s2.refreshToken(), CLIENT));
        attempt(() -> auth.tokens().verify(s1.accessToken() + "x"));
        VerifiedAccessToken caller = auth.tokens().verify(s1.accessToken());
        auth.passwords().change(caller, password, newPassword);
        fx.clock.advance(Duration.ofMinutes(1));
        auth.passwords().requestReset(Contact.email(email), CLIENT);
        String resetCode = remember(fx.latestCode(email));
        attempt(() -> auth.passwords().reset(Contact.email(email), fx.wrongCode(email), resetPassword, ClientInfo.unknown()));
        auth.passwords().reset(Contact.email(email), resetCode, resetPassword, ClientInfo.unknown());
        String phone = "+14155552671";
        auth.loginCodes().send(Contact.phone(phone), CLIENT);
        Session s4 = auth.loginCodes().login(Contact.phone(phone), remember(fx.latestCode(phone)), CLIENT).sessionOrThrow();
        remember(s4.accessToken());
        remember(s4.refreshToken());
        auth.sessions().logout(s4.refreshToken(), ClientInfo.unknown());
        fx.outbox.failNextDeliveries(1);
        fx.clock.advance(Duration.ofMinutes(1));
        attempt(() -> auth.loginCodes().send(Contact.phone(phone), CLIENT));
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
