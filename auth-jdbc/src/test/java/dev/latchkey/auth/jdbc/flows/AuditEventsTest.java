package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.jdbc.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** Every audit event type, fired by real flows, with user, masked destination, address and time, and no secret. */
class AuditEventsTest {

    private static void attempt(Runnable r) {
        try {
            r.run();
        } catch (AuthException ignored) {
            // the event is what this test looks at
        }
    }

    @Test
    void fullFlow_firesEveryEventTypeWithoutSecrets() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2,
                b -> b.otpLoginCreatesAccounts(true).loginFailuresBeforeDelay(3).loginFailuresBeforeLockout(10))) {
            List<AuthEvent> events = new CopyOnWriteArrayList<>();
            AuthService auth = AuthService.newBuilder(fx.configBuilder().build(), fx.stores)
                    .otpProvider(fx.outbox).eventListener(events::add).build();
            String email = "audit.me@example.com";
            String phone = "+14155552671";

            auth.startRegistration(Registration.newBuilder().email(email).password(PASSWORD).build(), CLIENT);
            attempt(() -> auth.completeRegistration(Contact.email(email), fx.wrongCode(email), CLIENT));
            Session s = auth.completeRegistration(Contact.email(email), fx.latestCode(email), CLIENT);
            User user = s.user();
            Session s2 = auth.refresh(s.refreshToken(), CLIENT);
            attempt(() -> auth.refresh(s.refreshToken(), CLIENT));
            Session s3 = auth.login(Contact.email(email), PASSWORD, CLIENT);
            auth.logout(s3.refreshToken());
            Session s4 = auth.login(Contact.email(email), PASSWORD, CLIENT);
            auth.revokeSession(user.id(), s4.sessionId());
            VerifiedAccessToken caller = auth.verifyAccessToken(auth.login(Contact.email(email), PASSWORD, CLIENT).accessToken());
            auth.changePassword(caller, PASSWORD, "a second passphrase here");
            auth.setRoles(user.id(), Set.of("user", "auditor"));
            auth.startContactChange(caller, Contact.phone(phone));
            auth.confirmContactChange(caller, Contact.phone(phone), fx.latestCode(phone));
            auth.logoutEverywhere(user.id());
            auth.setEnabled(user.id(), false);
            auth.setEnabled(user.id(), true);
            for (int i = 0; i < 14; i++) {
                attempt(() -> auth.login(Contact.email(email), "wrong wrong wrong", CLIENT));
                fx.clock.advance(Duration.ofMinutes(16));
            }
            fx.clock.advance(Duration.ofMinutes(1));
            auth.requestPasswordReset(Contact.email(email), CLIENT);
            auth.resetPassword(Contact.email(email), fx.latestCode(email), "a third passphrase here");
            fx.clock.advance(Duration.ofMinutes(1));
            fx.outbox.failNextDeliveries(1);
            attempt(() -> auth.sendLoginCode(Contact.phone(phone), CLIENT));
            for (int i = 0; i < 12; i++) {
                attempt(() -> auth.loginWithCode(Contact.phone(phone), "999999", CLIENT));
            }
            for (int i = 0; i < 14; i++) {
                attempt(() -> auth.login(Contact.email(email), "wrong wrong wrong", CLIENT));
            }
            auth.deleteAccount(user.id());

            Set<AuthEventType> seen = EnumSet.noneOf(AuthEventType.class);
            events.forEach(e -> seen.add(e.type()));
            assertThat(seen).containsExactlyInAnyOrder(AuthEventType.values());

            AuthEvent login = events.stream().filter(e -> e.type() == AuthEventType.LOGIN_SUCCEEDED).findFirst().orElseThrow();
            assertThat(login.userId()).isEqualTo(user.id());
            assertThat(login.destination()).isEqualTo("a***@example.com");
            assertThat(login.clientAddress()).isEqualTo(CLIENT.address().orElseThrow());
            assertThat(login.time()).isNotNull();
            for (AuthEvent e : events) {
                assertThat(e.toString()).doesNotContain(PASSWORD, s.refreshToken(), s2.refreshToken(), s.accessToken(), email, phone);
            }
        }
    }

    @Test
    void failingListener_neverFailsTheFlow() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            AuthService auth = AuthService.newBuilder(fx.configBuilder().build(), fx.stores)
                    .eventListener(e -> {
                        throw new IllegalStateException("listener down");
                    }).build();
            auth.register(Registration.newBuilder().email("l@example.com").password(PASSWORD).build());
            assertThat(auth.login(Contact.email("l@example.com"), PASSWORD, ClientInfo.unknown())).isNotNull();
        }
    }
}
