package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.User;
import dev.latchkey.auth.jdbc.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login or reset code asked for a destination that gets none leaves an audit event ({@code CODE_NOT_SENT}, the
 * destination masked), while the caller's answer stays the one a sent code gets.
 */
class CodeNotSentEventsTest {
    private static final String PHONE = "+14155552671";

    private final List<AuthEvent> events = new CopyOnWriteArrayList<>();
    private final AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b, b -> b.eventListener(events::add));

    @AfterEach
    void close() {
        fx.close();
    }

    private AuthEvent onlyNotSent() {
        List<AuthEvent> notSent = events.stream().filter(e -> e.type() == AuthEventType.CODE_NOT_SENT).toList();
        assertThat(notSent).hasSize(1);
        return notSent.get(0);
    }

    @Test
    void loginCodeForAPhoneWithoutAccount_emitsCodeNotSent_withTheDestinationMasked() {
        fx.auth.loginCodes().send(Contact.phone(PHONE), CLIENT);

        AuthEvent event = onlyNotSent();
        assertThat(event.detail()).isEqualTo("LOGIN no account");
        assertThat(event.userId()).isNull();
        assertThat(event.destination()).isEqualTo(Contact.mask(Contact.Kind.PHONE, PHONE)).doesNotContain(PHONE);
        assertThat(event.clientAddress()).isEqualTo(CLIENT.originalAddress().orElseThrow());
        assertThat(fx.outbox.messages(PHONE)).isEmpty();
    }

    @Test
    void loginCodeForADisabledAccount_emitsCodeNotSentNamingTheAccount() {
        User user = fx.auth.accounts().register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
        fx.auth.accounts().setEnabled(user.id(), false);

        fx.auth.loginCodes().send(Contact.phone(PHONE), CLIENT);

        AuthEvent event = onlyNotSent();
        assertThat(event.detail()).isEqualTo("LOGIN account disabled");
        assertThat(event.userId()).isEqualTo(user.id());
    }

    @Test
    void loginCodeThatIsSent_emitsNoCodeNotSent() {
        fx.auth.accounts().register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());

        fx.auth.loginCodes().send(Contact.phone(PHONE), CLIENT);

        assertThat(events).extracting(AuthEvent::type).contains(AuthEventType.CODE_SENT)
                .doesNotContain(AuthEventType.CODE_NOT_SENT);
    }

    @Test
    void passwordResetForAnUnknownEmail_emitsCodeNotSent_withTheDestinationMasked() {
        fx.auth.passwords().requestReset(Contact.email("nobody@example.com"), CLIENT);

        AuthEvent event = onlyNotSent();
        assertThat(event.detail()).isEqualTo("RESET_PASSWORD no account");
        assertThat(event.destination()).isEqualTo("n***@example.com");
        assertThat(fx.outbox.messages("nobody@example.com")).isEmpty();
    }

    @Test
    void passwordResetForADisabledAccount_emitsCodeNotSentNamingTheAccount() {
        User user = fx.registerEmail("off@example.com");
        fx.auth.accounts().setEnabled(user.id(), false);

        fx.auth.passwords().requestReset(Contact.email("off@example.com"), CLIENT);

        AuthEvent event = onlyNotSent();
        assertThat(event.detail()).isEqualTo("RESET_PASSWORD account disabled");
        assertThat(event.userId()).isEqualTo(user.id());
    }
}
