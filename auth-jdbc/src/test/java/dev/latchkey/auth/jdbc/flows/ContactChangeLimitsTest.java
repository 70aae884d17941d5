package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.jdbc.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contact-change codes cannot be pumped (hardening item 7): an account gets at most
 * {@link CodeConfig#changeSendsPerAccountPerHour()} of them an hour, whatever numbers and addresses it uses, and they
 * count against the client address's send cap like every other code.
 */
class ContactChangeLimitsTest {
    private static VerifiedAccessToken signedIn(AuthFixture fx, String email) {
        fx.registerEmail(email);
        return fx.auth.tokens().verify(fx.loginEmail(email).accessToken());
    }

    private static String number(int i) {
        return "+1415555" + (8000 + i);
    }

    @Test
    void oneAccountAskingChangeCodesForNumberAfterNumber_isStoppedAtFivePerHour() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            VerifiedAccessToken pumper = signedIn(fx, "pumper@example.com");
            for (int i = 0; i < 5; i++) {
                fx.auth.contacts().startChange(pumper, Contact.phone(number(i)), ClientInfo.of("192.0.2." + i, "x"));
            }

            assertThatThrownBy(() -> fx.auth.contacts().startChange(pumper, Contact.phone(number(5)),
                    ClientInfo.of("192.0.2.50", "x"))).isInstanceOfSatisfying(AuthException.class, e -> {
                        assertThat(e.code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
                        assertThat(e.retryAfter()).hasValueSatisfying(t -> assertThat(t).isAfter(fx.clock.instant()));
                    });
            assertThat(fx.outbox.all()).hasSize(5);
            fx.clock.advance(Duration.ofMinutes(75));
            VerifiedAccessToken stepped = fx.auth.tokens().verify(
                    fx.auth.stepUp().reauthenticate(pumper, PASSWORD, CLIENT).accessToken());
            fx.auth.contacts().startChange(stepped, Contact.phone(number(5)), CLIENT);
            assertThat(fx.outbox.all()).hasSize(6);
        }
    }

    @Test
    void changeCodesFromOneAddress_countAgainstItsSendCap_acrossAccounts() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.codes(CodeConfig.newBuilder()
                .sendsPerAddressPerHour(3).build()))) {
            VerifiedAccessToken first = signedIn(fx, "first@example.com");
            VerifiedAccessToken second = signedIn(fx, "second@example.com");
            ClientInfo pump = ClientInfo.of("192.0.2.99", "bot");
            fx.auth.contacts().startChange(first, Contact.phone(number(0)), pump);
            fx.auth.contacts().startChange(first, Contact.phone(number(1)), pump);
            fx.auth.contacts().startChange(second, Contact.phone(number(2)), pump);

            assertCode(() -> fx.auth.contacts().startChange(second, Contact.phone(number(3)), pump),
                    AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(fx.outbox.all()).hasSize(3);
        }
    }

    @Test
    void changeRefusedByAnotherLimit_doesNotSpendTheAccountsCap() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.codes(CodeConfig.newBuilder()
                .changeSendsPerAccountPerHour(2).build()))) {
            VerifiedAccessToken caller = signedIn(fx, "caller@example.com");
            fx.auth.contacts().startChange(caller, Contact.phone(number(0)), CLIENT);
            assertCode(() -> fx.auth.contacts().startChange(caller, Contact.phone(number(0)), CLIENT),
                    AuthErrorCode.TOO_MANY_ATTEMPTS);

            fx.auth.contacts().startChange(caller, Contact.phone(number(1)), CLIENT);
            assertCode(() -> fx.auth.contacts().startChange(caller, Contact.phone(number(2)), CLIENT),
                    AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(fx.outbox.all()).hasSize(2);
        }
    }

    @Test
    void changeSendsPerAccountPerHour_outOfRange_isRefusedByTheConfig() {
        assertThatThrownBy(() -> CodeConfig.newBuilder().changeSendsPerAccountPerHour(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("changeSendsPerAccountPerHour");
        assertThatThrownBy(() -> CodeConfig.newBuilder().failuresPerAddressPerHour(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failuresPerAddressPerHour");
    }
}
