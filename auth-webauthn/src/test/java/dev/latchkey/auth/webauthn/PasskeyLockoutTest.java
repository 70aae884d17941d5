package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.testkit.webauthn.Credential;
import dev.latchkey.auth.testkit.webauthn.SoftwareAuthenticator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A reviewer's attack: locking a passkey-only account out of its passkey with password guesses it has no password for. */
class PasskeyLockoutTest {

    /**
     * A passkey-only account has no password to guess; a stranger's wrong passwords for its email must not lock its
     * owner out of the passkey (and of code logins: the passkey then is all the owner has).
     */
    @ParameterizedTest
    @EnumSource(value = Stores.class, names = {"MEMORY", "H2"})
    void wrongPasswordsForAPasskeyOnlyAccount_doNotLockItsPasskeyOut(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        Session cy = fx.codeAccount("cy@example.com");
        Credential passkey = fx.enrol(SoftwareAuthenticator.es256(), fx.token(cy));
        ClientInfo stranger = ClientInfo.of("198.51.100.9", "curl");
        boolean locked = false;
        for (int i = 0; i < 60; i++) {
            try {
                fx.auth.passwords().login(Contact.email("cy@example.com"), "guess number " + i, stranger);
            } catch (AuthException e) {
                if (e.code() == AuthErrorCode.TOO_MANY_ATTEMPTS) {
                    fx.advance(Duration.ofHours(1));
                }
            }
            locked = fx.events.stream().anyMatch(e -> e.type().name().equals("ACCOUNT_LOCKED"));
            if (locked) {
                break;
            }
        }
        assertThat(locked).as("a passkey-only account was locked by password guesses").isFalse();
        assertThat(fx.login(passkey)).isInstanceOf(LoginResult.Authenticated.class);
    }
}
