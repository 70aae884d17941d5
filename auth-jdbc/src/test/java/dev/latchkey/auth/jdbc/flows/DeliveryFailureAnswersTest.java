package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.jdbc.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A code the provider cannot deliver (a landline, a dead mailbox) answers like a delivered one wherever the answer
 * must not tell whether the destination has an account (hardening item 15): login code, reset request, registration.
 * The failure is audited and its send permits stay spent, as they do for a destination that gets no code. Where the
 * caller owns the destination, the failure is still reported.
 */
class DeliveryFailureAnswersTest {
    private static final String LANDLINE = "+14155552671";
    private static final String UNKNOWN = "+14155552699";

    private final List<AuthEvent> events = new CopyOnWriteArrayList<>();
    private final AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b, b -> b.eventListener(events::add));

    @AfterEach
    void close() {
        fx.close();
    }

    private void accountWithPhone(String phone) {
        fx.auth.accounts().register(Registration.newBuilder().phone(phone).password(PASSWORD).build());
    }

    private static AuthException failure(Runnable call) {
        try {
            call.run();
            return null;
        } catch (AuthException e) {
            return e;
        }
    }

    private long deliveryFailures() {
        return events.stream().filter(e -> e.type() == AuthEventType.CODE_DELIVERY_FAILED).count();
    }

    @Test
    void resetRequestForAnAccountsLandline_answersLikeANumberWithoutAccount_andIsAudited() {
        accountWithPhone(LANDLINE);
        fx.outbox.failNextDeliveries(1, "invalid_destination");

        assertThat(failure(() -> fx.auth.passwords().requestReset(Contact.phone(LANDLINE), CLIENT))).isNull();
        assertThat(failure(() -> fx.auth.passwords().requestReset(Contact.phone(UNKNOWN), CLIENT))).isNull();
        assertThat(deliveryFailures()).isEqualTo(1);
        assertThat(fx.stores.otpCodes().findLatest("RESET_PASSWORD", LANDLINE)).as("no usable code").isEmpty();

        AuthException landlineAgain = failure(() -> fx.auth.passwords().requestReset(Contact.phone(LANDLINE), CLIENT));
        AuthException unknownAgain = failure(() -> fx.auth.passwords().requestReset(Contact.phone(UNKNOWN), CLIENT));
        assertThat(landlineAgain.code()).as("the permits stay spent, as for a number without account")
                .isEqualTo(unknownAgain.code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(landlineAgain.getMessage()).isEqualTo(unknownAgain.getMessage());
    }

    @Test
    void loginCodeToAnAccountsLandline_answersLikeANumberWithoutAccount_andIsAudited() {
        accountWithPhone(LANDLINE);
        fx.outbox.failNextDeliveries(1, "invalid_destination");

        assertThat(failure(() -> fx.auth.loginCodes().send(Contact.phone(LANDLINE), CLIENT))).isNull();
        assertThat(failure(() -> fx.auth.loginCodes().send(Contact.phone(UNKNOWN), CLIENT))).isNull();
        assertThat(deliveryFailures()).isEqualTo(1);
        assertThat(fx.stores.otpCodes().findLatest("LOGIN", LANDLINE)).isEmpty();
        assertThat(failure(() -> fx.auth.loginCodes().send(Contact.phone(LANDLINE), CLIENT)).code())
                .isEqualTo(failure(() -> fx.auth.loginCodes().send(Contact.phone(UNKNOWN), CLIENT)).code())
                .isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
    }

    @Test
    void registrationWhoseCodeCannotBeDelivered_answersLikeATakenDestination_andKeepsNoRegistration() {
        fx.registerEmail("taken@example.com");
        fx.outbox.failNextDeliveries(2, "invalid_destination");

        assertThat(failure(() -> fx.auth.registrations().start(Registration.newBuilder().email("new@example.com")
                .password(PASSWORD).build(), CLIENT))).isNull();
        assertThat(failure(() -> fx.auth.registrations().start(Registration.newBuilder().email("taken@example.com")
                .password(PASSWORD).build(), CLIENT))).isNull();
        assertThat(deliveryFailures()).as("the code and the notice").isEqualTo(2);
        assertThat(fx.stores.users().findPendingRegistrationByEmail("new@example.com")).isEmpty();
        assertThat(fx.stores.otpCodes().findLatest("VERIFY_EMAIL", "new@example.com")).isEmpty();

        assertThat(failure(() -> fx.auth.registrations().start(Registration.newBuilder().email("new@example.com")
                .password(PASSWORD).build(), CLIENT)).code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
        fx.clock.advance(Duration.ofSeconds(31));
        fx.auth.registrations().start(Registration.newBuilder().email("new@example.com").password(PASSWORD).build(),
                CLIENT);
        assertThat(fx.auth.registrations().complete(Contact.email("new@example.com"),
                fx.latestCode("new@example.com"), CLIENT).sessionOrThrow()).isNotNull();
    }

    @Test
    void contactChangeCodeThatCannotBeDelivered_isReportedToTheCaller_andGivesThePermitsBack() {
        fx.registerEmail("owner@example.com");
        VerifiedAccessToken caller = fx.auth.tokens().verify(fx.loginEmail("owner@example.com").accessToken());
        fx.outbox.failNextDeliveries(1, "invalid_destination");

        assertCode(() -> fx.auth.contacts().startChange(caller, Contact.phone(LANDLINE), CLIENT),
                AuthErrorCode.DELIVERY_FAILED);
        assertThat(deliveryFailures()).isEqualTo(1);
        fx.auth.contacts().startChange(caller, Contact.phone(LANDLINE), CLIENT);
        assertThat(fx.outbox.messages(LANDLINE)).hasSize(1);
    }

    @Test
    void verificationCodeOfOnesOwnAccountThatCannotBeDelivered_isReported() {
        User user = fx.auth.accounts().register(Registration.newBuilder().phone(LANDLINE).password(PASSWORD).build());
        fx.outbox.failNextDeliveries(1, "invalid_destination");

        AuthException e = failure(() -> fx.auth.contacts().sendVerificationCode(user.id(), Contact.Kind.PHONE, CLIENT));
        assertThat(e.code()).isEqualTo(AuthErrorCode.DELIVERY_FAILED);
        assertThat(e.reason()).contains("invalid_destination");
    }
}
