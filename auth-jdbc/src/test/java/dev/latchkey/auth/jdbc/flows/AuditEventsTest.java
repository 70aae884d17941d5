package dev.latchkey.auth.jdbc.flows;

import java.util.HashSet;
import dev.latchkey.auth.password.LoginLimits;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.TestHooks;
import dev.latchkey.auth.imports.ImportedUser;
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
                b -> b.codes(CodeConfig.newBuilder().loginCreatesAccounts(true).build())
                        .loginLimits(LoginLimits.newBuilder().failuresBeforeDelay(3).failuresBeforeLockout(10).build()))) {
            List<AuthEvent> events = new CopyOnWriteArrayList<>();
            AuthService auth = TestHooks.upgradeInline(AuthService.newBuilder(fx.configBuilder().build(), fx.stores))
                    .otpProvider(fx.outbox).eventListener(events::add).build();
            String email = "audit.me@example.com";
            String phone = "+14155552671";

            auth.registrations().start(Registration.newBuilder().email(email).password(PASSWORD).build(), CLIENT);
            attempt(() -> auth.registrations().complete(Contact.email(email), fx.wrongCode(email), CLIENT).sessionOrThrow());
            Session s = auth.registrations().complete(Contact.email(email), fx.latestCode(email), CLIENT).sessionOrThrow();
            User user = s.user();
            Session s2 = auth.sessions().refresh(s.refreshToken(), CLIENT);
            attempt(() -> auth.sessions().refresh(s.refreshToken(), CLIENT));
            Session s3 = auth.passwords().login(Contact.email(email), PASSWORD, CLIENT).sessionOrThrow();
            auth.sessions().logout(s3.refreshToken(), ClientInfo.unknown());
            Session s4 = auth.passwords().login(Contact.email(email), PASSWORD, CLIENT).sessionOrThrow();
            auth.sessions().revoke(user.id(), s4.sessionId());
            VerifiedAccessToken caller = auth.tokens().verify(auth.passwords().login(Contact.email(email), PASSWORD, CLIENT).sessionOrThrow().accessToken());
            auth.stepUp().reauthenticate(caller, PASSWORD, CLIENT);
            auth.passwords().change(caller, PASSWORD, "a second passphrase here");
            auth.accounts().setRoles(user.id(), Set.of("user", "auditor"));
            auth.contacts().startChange(caller, Contact.phone(phone), ClientInfo.unknown());
            auth.contacts().confirmChange(caller, Contact.phone(phone), fx.latestCode(phone), ClientInfo.unknown());
            auth.sessions().logoutEverywhere(user.id());
            auth.accounts().setEnabled(user.id(), false);
            auth.accounts().setEnabled(user.id(), true);
            for (int i = 0; i < 14; i++) {
                attempt(() -> auth.passwords().login(Contact.email(email), "wrong wrong wrong", CLIENT).sessionOrThrow());
                fx.clock.advance(Duration.ofMinutes(16));
            }
            fx.clock.advance(Duration.ofMinutes(1));
            auth.passwords().requestReset(Contact.email(email), CLIENT);
            auth.passwords().requestReset(Contact.email("nobody.here@example.com"), CLIENT);
            auth.passwords().reset(Contact.email(email), fx.latestCode(email), "a third passphrase here", ClientInfo.unknown());
            fx.clock.advance(Duration.ofMinutes(1));
            fx.outbox.failNextDeliveries(1);
            attempt(() -> auth.loginCodes().send(Contact.phone(phone), CLIENT));
            fx.clock.advance(Duration.ofSeconds(31));
            auth.loginCodes().send(Contact.phone(phone), CLIENT);
            for (int i = 0; i < 12; i++) {
                attempt(() -> auth.loginCodes().login(Contact.phone(phone), "999999", CLIENT).sessionOrThrow());
            }
            for (int i = 0; i < 14; i++) {
                attempt(() -> auth.passwords().login(Contact.email(email), "wrong wrong wrong", CLIENT).sessionOrThrow());
            }
            // bcryptjs 3.0.3: bcrypt.hashSync('correct horse battery staple', 5), imported, then a first login.
            auth.imports().importUsers(List.of(ImportedUser.newBuilder().email("imported@example.com", true)
                    .passwordHash("$2b$05$u/wJ2/xBbzttaLWGmGAgluPPvlZYrPCJgGcTZhSRCxgfa91WTgPqS").build()), o -> { });
            auth.passwords().login(Contact.email("imported@example.com"), "correct horse battery staple", CLIENT)
                    .sessionOrThrow();
            auth.accounts().delete(user.id());

            Set<AuthEventType> seen = new HashSet<>();
            events.forEach(e -> seen.add(e.type()));
            assertThat(seen).containsAll(AuthEventType.builtIn().stream()
                    .filter(t -> !t.name().startsWith("SECOND_FACTOR")).toList());

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
            auth.accounts().register(Registration.newBuilder().email("l@example.com").password(PASSWORD).build());
            assertThat(auth.passwords().login(Contact.email("l@example.com"), PASSWORD, ClientInfo.unknown()).sessionOrThrow()).isNotNull();
        }
    }
}
