package dev.latchkey.auth.flows;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.OtpPurpose;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.latchkey.auth.flows.MemoryFixture.CLIENT;
import static dev.latchkey.auth.flows.MemoryFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contact nobody has proved never identifies an account, receives its codes or unlocks it, and never blocks its
 * owner (security bar item 32): the takeover and squatting paths the hardening issue found, each as a test.
 */
class PendingContactsTest {
    private static final String VICTIM = "vic@example.com";
    private static final String ATTACKER_PHONE = "+14155550100";
    private static final String VICTIM_PHONE = "+14155550199";
    private static final ClientInfo ATTACKER = ClientInfo.of("198.51.100.9", "curl");

    private final MemoryFixture fx = new MemoryFixture();
    private final AuthService auth = fx.auth;

    private void register(String email, String phone, String password, ClientInfo client) {
        Registration.Builder b = Registration.newBuilder().password(password);
        if (email != null) {
            b.email(email);
        }
        if (phone != null) {
            b.phone(phone);
        }
        auth.registrations().start(b.build(), client);
    }

    @Test
    void pendingRegistrationTakeover_attackersPhoneStaysPendingAndCannotReset() {
        register(VICTIM, null, "victim's own passphrase", CLIENT);
        fx.clock.advance(Duration.ofSeconds(31));
        register(VICTIM, ATTACKER_PHONE, "attacker's passphrase!", ATTACKER);
        Session victim = auth.registrations().complete(Contact.email(VICTIM), fx.latestCode(VICTIM), CLIENT)
                .sessionOrThrow();

        User account = victim.user();
        assertThat(account.email()).contains(VICTIM);
        assertThat(account.phone()).isEmpty();
        assertThat(account.pendingPhone()).contains(ATTACKER_PHONE);
        assertThat(account.hasPassword()).isFalse(); // two passwords were registered before anyone proved the email
        fx.clock.advance(Duration.ofMinutes(1));
        auth.passwords().requestReset(Contact.phone(ATTACKER_PHONE), ATTACKER);
        assertThat(fx.outbox.messages(ATTACKER_PHONE)).isEmpty();
        assertThat(auth.accounts().findByContact(Contact.phone(ATTACKER_PHONE))).isEmpty();
        assertCode(() -> auth.passwords().login(Contact.email(VICTIM), "attacker's passphrase!", ATTACKER),
                AuthErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void reRegistrationRefusedByTheCooldown_changesNothing() {
        register(VICTIM, null, "victim's own passphrase", CLIENT);
        assertCode(() -> register(VICTIM, ATTACKER_PHONE, "attacker's passphrase!", ATTACKER),
                AuthErrorCode.TOO_MANY_ATTEMPTS);
        Session victim = auth.registrations().complete(Contact.email(VICTIM), fx.latestCode(VICTIM), CLIENT)
                .sessionOrThrow();
        assertThat(victim.user().pendingPhone()).isEmpty();
        assertThat(victim.user().hasPassword()).isTrue();
        assertThat(auth.passwords().login(Contact.email(VICTIM), "victim's own passphrase", CLIENT))
                .isNotNull();
    }

    @Test
    void phoneSquatting_theOwnerRegistersTheirPhoneAndResetsIntoTheirOwnAccount() {
        register("squatter@example.com", VICTIM_PHONE, "a borrowed number, mine now", ATTACKER);
        Session squatter = auth.registrations().complete(Contact.email("squatter@example.com"),
                fx.latestCode("squatter@example.com"), ATTACKER).sessionOrThrow();
        assertThat(squatter.user().pendingPhone()).contains(VICTIM_PHONE);

        register(null, VICTIM_PHONE, "the phone owner's passphrase", CLIENT);
        Session owner = auth.registrations().complete(Contact.phone(VICTIM_PHONE), fx.latestCode(VICTIM_PHONE), CLIENT)
                .sessionOrThrow();
        assertThat(owner.user().id()).isNotEqualTo(squatter.user().id());
        assertThat(owner.user().phone()).contains(VICTIM_PHONE);
        fx.clock.advance(Duration.ofMinutes(1));
        auth.passwords().requestReset(Contact.phone(VICTIM_PHONE), CLIENT);
        auth.passwords().reset(Contact.phone(VICTIM_PHONE), fx.latestCode(VICTIM_PHONE), "a brand new passphrase",
                CLIENT);
        Session again = auth.passwords().login(Contact.phone(VICTIM_PHONE), "a brand new passphrase", CLIENT)
                .sessionOrThrow();
        assertThat(again.user().id()).isEqualTo(owner.user().id());
    }

    @Test
    void squattersPendingPhone_cannotBeProvedOnceItsOwnerHasIt() {
        register("squatter@example.com", VICTIM_PHONE, "a borrowed number, mine now", ATTACKER);
        Session squatter = auth.registrations().complete(Contact.email("squatter@example.com"),
                fx.latestCode("squatter@example.com"), ATTACKER).sessionOrThrow();
        register(null, VICTIM_PHONE, "the phone owner's passphrase", CLIENT);
        auth.registrations().complete(Contact.phone(VICTIM_PHONE), fx.latestCode(VICTIM_PHONE), CLIENT);
        fx.clock.advance(Duration.ofMinutes(1));
        auth.contacts().sendVerificationCode(squatter.user().id(), Contact.Kind.PHONE, ATTACKER);
        String code = fx.latestCode(VICTIM_PHONE); // only the phone's owner sees it; even with it, it is taken
        assertCode(() -> auth.contacts().verify(squatter.user().id(), Contact.Kind.PHONE, code),
                AuthErrorCode.ACCOUNT_EXISTS);
    }

    @Test
    void registeringATakenEmail_sendsTheNoticeOnlyToThatEmail() {
        fx.registerEmail(VICTIM);
        register(VICTIM, ATTACKER_PHONE, "attacker's passphrase!", ATTACKER);
        assertThat(fx.outbox.messages(ATTACKER_PHONE)).isEmpty();
        assertThat(fx.outbox.messages(VICTIM)).extracting(m -> m.purpose()).containsExactly(OtpPurpose.ACCOUNT_EXISTS_NOTICE);
    }

    @Test
    void aPendingContact_identifiesNothing_forLoginCodesOrReset() {
        register(null, VICTIM_PHONE, "the phone owner's passphrase", CLIENT);
        fx.outbox.clear();
        fx.clock.advance(Duration.ofMinutes(1));
        auth.passwords().requestReset(Contact.phone(VICTIM_PHONE), CLIENT);
        fx.clock.advance(Duration.ofMinutes(1));
        auth.loginCodes().send(Contact.phone(VICTIM_PHONE), CLIENT);
        assertThat(fx.outbox.messages(VICTIM_PHONE)).isEmpty();
        assertCode(() -> auth.passwords().login(Contact.phone(VICTIM_PHONE), "the phone owner's passphrase", CLIENT),
                AuthErrorCode.VERIFICATION_REQUIRED); // its registrant is told to verify; no session comes of it
    }
}
