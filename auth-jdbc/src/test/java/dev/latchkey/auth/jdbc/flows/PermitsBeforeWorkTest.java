package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.TestHooks;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.jdbc.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route that sends a message or runs bcrypt takes its permits first (security bar item 32): a request a limit
 * refuses costs no bcrypt run and sends nothing.
 */
class PermitsBeforeWorkTest {
    /** A service over the fixture's stores whose hashing is counted. */
    private record Counted(AuthService auth, TestHooks.CountingHasher hasher) {
        int work() {
            return hasher.hashes.get() + hasher.verifications();
        }
    }

    private static Counted counted(AuthFixture fx) {
        AuthConfig config = fx.configBuilder().build();
        AuthService.Builder builder = AuthService.newBuilder(config, fx.stores).otpProvider(fx.outbox);
        TestHooks.CountingHasher hasher = TestHooks.countHashing(builder, config);
        return new Counted(builder.build(), hasher);
    }

    private static Registration registration(String email) {
        return Registration.newBuilder().email(email).password("a registrant's passphrase").build();
    }

    @Test
    void registrationRefusedByTheSendCooldown_runsNoBcryptAndSendsNothing() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            Counted c = counted(fx);
            c.auth().registrations().start(registration("new@example.com"), CLIENT);
            int work = c.work();
            int sent = fx.outbox.all().size();

            assertCode(() -> c.auth().registrations().start(registration("new@example.com"), CLIENT),
                    AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(c.work()).as("bcrypt runs of the refused registration").isEqualTo(work);
            assertThat(fx.outbox.all()).hasSize(sent);
        }
    }

    @Test
    void registrationRefusedByTheAddressSendCap_runsNoBcrypt_forANewAndATakenEmailAlike() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.codes(CodeConfig.newBuilder()
                .sendsPerAddressPerHour(1).build()))) {
            fx.registerEmail("taken@example.com");
            Counted c = counted(fx);
            ClientInfo bot = ClientInfo.of("192.0.2.44", "bot");
            c.auth().registrations().start(registration("first@example.com"), bot);
            int work = c.work();

            assertCode(() -> c.auth().registrations().start(registration("second@example.com"), bot),
                    AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertCode(() -> c.auth().registrations().start(registration("taken@example.com"), bot),
                    AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(c.work()).isEqualTo(work);
            assertThat(fx.stores.users().findPendingRegistrationByEmail("second@example.com")).isEmpty();
        }
    }

    @Test
    void resetWithAWrongCode_orFromAnAddressOverItsBudget_runsNoBcrypt() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.codes(CodeConfig.newBuilder()
                .failuresPerAddressPerHour(2).build()))) {
            fx.registerEmail("owner@example.com");
            Counted c = counted(fx);
            c.auth().passwords().requestReset(Contact.email("owner@example.com"), CLIENT);
            String wrong = fx.wrongCode("owner@example.com");
            ClientInfo bot = ClientInfo.of("192.0.2.45", "bot");
            UnaryOperator<String> reset = code -> {
                c.auth().passwords().reset(Contact.email("owner@example.com"), code, "a brand new passphrase", bot);
                return code;
            };

            for (int i = 0; i < 2; i++) {
                assertCode(() -> reset.apply(wrong), AuthErrorCode.INVALID_CODE);
            }
            assertCode(() -> reset.apply(fx.latestCode("owner@example.com")), AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(c.work()).isZero();
        }
    }

    @Test
    void contactChangeRefusedByTheAccountCap_sendsNothing() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.codes(CodeConfig.newBuilder()
                .changeSendsPerAccountPerHour(1).build()))) {
            fx.registerEmail("owner@example.com");
            VerifiedAccessToken caller = fx.auth.tokens().verify(fx.loginEmail("owner@example.com").accessToken());
            fx.auth.contacts().startChange(caller, Contact.phone("+14155558001"), CLIENT);

            assertCode(() -> fx.auth.contacts().startChange(caller, Contact.phone("+14155558002"), CLIENT),
                    AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(fx.outbox.messages("+14155558002")).isEmpty();
            assertThat(fx.stores.otpCodes().findLatest("CHANGE_PHONE", "+14155558002")).isEmpty();
        }
    }
}
