package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.User;
import dev.latchkey.auth.store.StoredUser;
import dev.latchkey.auth.testkit.webauthn.Credential;
import dev.latchkey.auth.testkit.webauthn.SoftwareAuthenticator;
import dev.latchkey.auth.factor.SecondFactorPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static dev.latchkey.auth.webauthn.PasskeyFixture.CLIENT;
import static dev.latchkey.auth.webauthn.PasskeyFixture.ORIGIN;
import static dev.latchkey.auth.webauthn.PasskeyFixture.RP_ID;
import static dev.latchkey.auth.webauthn.PasskeyFixture.assertCode;
import static dev.latchkey.auth.webauthn.PasskeyFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The limits of the unauthenticated passkey routes (review finding 5: SECURITY.md 32), and a contact nobody proved
 * (finding 6: SECURITY.md 32).
 */
class PasskeyLimitsTest {
    private static final ClientInfo OTHER = ClientInfo.of("198.51.100.20", "JUnit");

    /** Options, usernameless or named, are counted per address; past the budget nothing is stored, until an hour on. */
    @ParameterizedTest
    @EnumSource(value = Stores.class, names = {"MEMORY", "H2"})
    void loginOptions_perAddress_areLimited_beforeAChallengeIsStored(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        for (int i = 0; i < PasskeyConfig.DEFAULT_LOGIN_OPTIONS_PER_ADDRESS_PER_HOUR; i++) {
            if (i % 2 == 0) {
                fx.passkeys.loginOptions(CLIENT);
            } else {
                fx.passkeys.loginOptions(Contact.email("n" + i + "@example.com"), CLIENT);
            }
        }
        assertThatThrownBy(() -> fx.passkeys.loginOptions(CLIENT)).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(e.retryAfter()).isPresent();
        });
        assertCode(() -> fx.passkeys.loginOptions(Contact.email("ann@example.com"), CLIENT),
                AuthErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(fx.passkeys.loginOptions(OTHER)).contains("challenge"); // another address has its own budget
        fx.advance(Duration.ofMinutes(76)); // an hour and a slice of the sliding window
        assertThat(fx.passkeys.loginOptions(CLIENT)).contains("challenge");
    }

    /**
     * Refused logins spend the address's budget; past it even a good assertion is refused with the time to retry
     * (before it is checked, so its challenge stays usable), and successes spend nothing.
     */
    @ParameterizedTest
    @EnumSource(value = Stores.class, names = {"MEMORY", "H2"})
    void refusedLogins_perAddress_areLimited_andSuccessesSpendNothing(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        Session cy = new Session(fx);
        for (int i = 0; i < PasskeyConfig.DEFAULT_LOGIN_FAILURES_PER_ADDRESS_PER_HOUR + 5; i++) {
            assertThat(fx.login(cy.credential)).isInstanceOf(LoginResult.Authenticated.class);
        }
        for (int i = 0; i < PasskeyConfig.DEFAULT_LOGIN_FAILURES_PER_ADDRESS_PER_HOUR; i++) {
            String bad = cy.credential.assertion(RP_ID, ORIGIN, fx.loginChallenge()).withFlippedSignatureBit().json();
            assertCode(() -> fx.passkeys.login(bad, CLIENT), AuthErrorCode.INVALID_CREDENTIALS);
        }
        String good = cy.credential.assertion(RP_ID, ORIGIN, json(fx.passkeys.loginOptions(OTHER))
                .path("challenge").asString()).json();
        assertThatThrownBy(() -> fx.passkeys.login(good, CLIENT)).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(e.retryAfter()).isPresent();
        });
        assertThat(fx.passkeys.login(good, OTHER)).isInstanceOf(LoginResult.Authenticated.class);
        fx.advance(Duration.ofMinutes(76)); // an hour and a slice of the sliding window
        assertThat(fx.login(cy.credential)).isInstanceOf(LoginResult.Authenticated.class);
    }

    /** The limits a host set take effect in place of the defaults: the options after 3, the refusals after 2. */
    @ParameterizedTest
    @EnumSource(value = Stores.class, names = {"MEMORY", "H2"})
    void configuredLimits_takeEffect(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get(), PasskeyConfig.newBuilder(RP_ID, "Acme")
                .origins(List.of(ORIGIN)).loginOptionsPerAddressPerHour(3).loginFailuresPerAddressPerHour(2).build(),
                SecondFactorPolicy.optional());
        Session cy = new Session(fx);
        for (int i = 0; i < 2; i++) {
            String bad = cy.credential.assertion(RP_ID, ORIGIN, fx.loginChallenge()).withFlippedSignatureBit().json();
            assertCode(() -> fx.passkeys.login(bad, CLIENT), AuthErrorCode.INVALID_CREDENTIALS);
        }
        String good = cy.credential.assertion(RP_ID, ORIGIN, fx.loginChallenge()).json(); // the third options
        assertCode(() -> fx.passkeys.login(good, CLIENT), AuthErrorCode.TOO_MANY_ATTEMPTS);
        assertCode(() -> fx.passkeys.loginOptions(CLIENT), AuthErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(fx.passkeys.login(good, OTHER)).isInstanceOf(LoginResult.Authenticated.class);
    }

    /**
     * An account whose phone was proved and whose email never was: its email identifies it nowhere, so named options
     * for the email list a made-up credential and no answer to them signs in; its phone's options list its passkey.
     */
    @ParameterizedTest
    @EnumSource(value = Stores.class, names = {"MEMORY", "H2"})
    void aContactNobodyProved_doesNotIdentifyTheAccount(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        User ann = fx.register("ann@example.com");
        Credential anns = fx.enrol(SoftwareAuthenticator.es256(), fx.signIn("ann@example.com"));
        StoredUser stored = fx.stores.users().findById(ann.id()).orElseThrow();
        assertThat(fx.stores.users().update(stored.withPhone("+14155550123", true, fx.clock.instant())
                .withVersion(stored.version() + 1))).isTrue();

        var byEmail = json(fx.passkeys.loginOptions(Contact.email("ann@example.com"), CLIENT));
        assertThat(byEmail.path("allowCredentials")).hasSize(1);
        assertThat(byEmail.path("allowCredentials").get(0).path("id").asString()).isNotEqualTo(anns.id());
        String forEmail = byEmail.path("challenge").asString();
        assertCode(() -> fx.passkeys.login(anns.assertion(RP_ID, ORIGIN, forEmail).json(), CLIENT),
                AuthErrorCode.INVALID_CREDENTIALS);

        var byPhone = json(fx.passkeys.loginOptions(Contact.phone("+14155550123"), CLIENT));
        assertThat(byPhone.path("allowCredentials").get(0).path("id").asString()).isEqualTo(anns.id());
        assertThat(fx.passkeys.login(anns.assertion(RP_ID, ORIGIN, byPhone.path("challenge").asString()).json(),
                CLIENT)).isInstanceOf(LoginResult.Authenticated.class);
    }

    /** A passkey-only account with one passkey with user verification. */
    private static final class Session {
        final Credential credential;

        Session(PasskeyFixture fx) {
            credential = fx.enrol(SoftwareAuthenticator.es256(), fx.token(fx.codeAccount("cy@example.com")));
        }
    }
}
