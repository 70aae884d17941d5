package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.jdbc.TestDatabase;
import dev.latchkey.auth.store.StoredCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Budgets of wrong codes (hardening item 6): a destination's budget is spent only on a live code, a client address has
 * its own, and a code delivered to the owner stays usable however its destination was guessed at before.
 */
class CodeBudgetsTest {
    private static final String PHONE = "+14155552671";
    private static final String UNKNOWN = "+14155552699";

    private static int guesser;

    /** A different address for every guess, as a botnet would have. */
    private static ClientInfo anyAddress() {
        guesser++;
        return ClientInfo.of("198.51." + (guesser / 250) + "." + (guesser % 250), "bot");
    }

    private static AuthErrorCode guessLogin(AuthService auth, String phone, ClientInfo client) {
        return codeOf(() -> auth.loginCodes().login(Contact.phone(phone), "000000", client).sessionOrThrow());
    }

    private static AuthErrorCode codeOf(Runnable call) {
        try {
            call.run();
            return null;
        } catch (AuthException e) {
            return e.code();
        }
    }

    @Test
    void tenWrongLoginCodesWithNoCodeSent_doNotBlockTheOwnersLoginOrResetCode() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            fx.auth.accounts().register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
            for (int i = 0; i < 12; i++) {
                assertThat(guessLogin(fx.auth, PHONE, anyAddress())).isEqualTo(AuthErrorCode.INVALID_CODE);
                assertCode(() -> fx.auth.passwords().reset(Contact.phone(PHONE), "000000", "an attackers passphrase",
                        anyAddress()), AuthErrorCode.INVALID_CODE);
            }

            fx.auth.loginCodes().send(Contact.phone(PHONE), CLIENT);
            assertThat(fx.auth.loginCodes().login(Contact.phone(PHONE), fx.latestCode(PHONE), CLIENT).sessionOrThrow())
                    .isNotNull();
            fx.clock.advance(Duration.ofSeconds(31));
            fx.auth.passwords().requestReset(Contact.phone(PHONE), CLIENT);
            fx.auth.passwords().reset(Contact.phone(PHONE), fx.latestCode(PHONE), "the owners new passphrase", CLIENT);
        }
    }

    @Test
    void oneWrongGuessAMinuteWithNoCodeSent_neverBlocksTheOwner() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            fx.auth.accounts().register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
            for (int minute = 0; minute < 120; minute++) {
                guessLogin(fx.auth, PHONE, anyAddress());
                fx.clock.advance(Duration.ofMinutes(1));
            }

            fx.auth.loginCodes().send(Contact.phone(PHONE), CLIENT);
            assertThat(fx.auth.loginCodes().login(Contact.phone(PHONE), fx.latestCode(PHONE), CLIENT).sessionOrThrow())
                    .isNotNull();
        }
    }

    @Test
    void wrongCodesWithNoLiveCode_spendNothingOfTheDestinationsBudget() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            fx.auth.accounts().register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
            fx.auth.loginCodes().send(Contact.phone(PHONE), CLIENT);
            fx.clock.advance(Duration.ofMinutes(6));
            for (int i = 0; i < 5; i++) {
                guessLogin(fx.auth, PHONE, anyAddress());
            }
            assertThat(destinationFailures(fx)).as("against an expired code").isZero();

            fx.auth.loginCodes().send(Contact.phone(PHONE), CLIENT);
            guessLogin(fx.auth, PHONE, anyAddress());
            assertThat(destinationFailures(fx)).as("against a live code").isEqualTo(1);
        }
    }

    @Test
    void codesAnAttackerHadSentAndGuessedAt_leaveTheOwnersFreshCodeUsable() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            fx.auth.accounts().register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
            ClientInfo attacker = ClientInfo.of("192.0.2.66", "bot");
            for (int round = 0; round < 2; round++) {
                fx.auth.loginCodes().send(Contact.phone(PHONE), attacker);
                for (int i = 0; i < 11; i++) {
                    assertThat(guessLogin(fx.auth, PHONE, anyAddress())).isEqualTo(AuthErrorCode.INVALID_CODE);
                }
                fx.clock.advance(Duration.ofSeconds(31));
            }
            assertThat(destinationFailures(fx)).as("the destination's budget is spent").isEqualTo(10);

            fx.auth.loginCodes().send(Contact.phone(PHONE), CLIENT);
            assertThat(fx.auth.loginCodes().login(Contact.phone(PHONE), fx.latestCode(PHONE), CLIENT).sessionOrThrow())
                    .isNotNull();
        }
    }

    @Test
    void spentDestinationBudget_answersLikeAWrongCode_forAnAccountAndAnUnknownNumberAlike() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.codes(CodeConfig.newBuilder()
                .failuresPerDestinationPerHour(3).build()))) {
            fx.auth.accounts().register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
            fx.auth.loginCodes().send(Contact.phone(PHONE), CLIENT);
            fx.auth.loginCodes().send(Contact.phone(UNKNOWN), CLIENT);
            List<AuthErrorCode> account = new ArrayList<>();
            List<AuthErrorCode> unknown = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                account.add(guessLogin(fx.auth, PHONE, anyAddress()));
                unknown.add(guessLogin(fx.auth, UNKNOWN, anyAddress()));
            }

            assertThat(account).isEqualTo(unknown).containsOnly(AuthErrorCode.INVALID_CODE);
            assertThat(fx.stores.otpCodes().findLatest("LOGIN", PHONE).orElseThrow().attempts())
                    .as("checks let past the budget of 3").isEqualTo(3);
        }
    }

    @Test
    void wrongCodesFromOneAddress_acrossManyDestinations_stopAtTheAddressBudget() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.codes(CodeConfig.newBuilder()
                .failuresPerAddressPerHour(5).build()))) {
            ClientInfo sprayer = ClientInfo.of("192.0.2.77", "bot");
            for (int i = 0; i < 5; i++) {
                assertThat(guessLogin(fx.auth, "+1415555" + (5000 + i), sprayer)).isEqualTo(AuthErrorCode.INVALID_CODE);
            }

            assertThatThrownBy(() -> fx.auth.loginCodes().login(Contact.phone("+14155555999"), "000000", sprayer))
                    .isInstanceOfSatisfying(AuthException.class, e -> {
                        assertThat(e.code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
                        assertThat(e.retryAfter()).hasValueSatisfying(t -> assertThat(t).isAfter(fx.clock.instant()));
                    });
            assertThat(guessLogin(fx.auth, "+14155555999", CLIENT)).as("other addresses are unaffected")
                    .isEqualTo(AuthErrorCode.INVALID_CODE);
        }
    }

    @Test
    void rightCodeFromAnAddress_givesItsPermitBack() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.codes(CodeConfig.newBuilder()
                .failuresPerAddressPerHour(2).loginCreatesAccounts(true).build()))) {
            for (int i = 0; i < 4; i++) {
                String phone = "+1415555" + (6000 + i);
                fx.auth.loginCodes().send(Contact.phone(phone), CLIENT);
                assertThat(fx.auth.loginCodes().login(Contact.phone(phone), fx.latestCode(phone), CLIENT)
                        .sessionOrThrow()).isNotNull();
            }
        }
    }

    /**
     * The brute-force bound the README states: with the defaults, an attacker who has codes sent as fast as the send
     * limits allow and guesses each from fresh addresses gets exactly 5 codes x 5 tries = 25 guesses checked against
     * live codes in an hour.
     */
    @Test
    void guessingWithEveryCodeTheLimitsAllow_checksAtMostSendsTimesAttemptsInAnHour() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            fx.auth.accounts().register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
            Instant start = fx.clock.instant();
            Set<String> seen = new HashSet<>();
            int checked = 0;
            while (fx.clock.instant().isBefore(start.plus(Duration.ofHours(1)))) {
                codeOf(() -> fx.auth.loginCodes().send(Contact.phone(PHONE), anyAddress()));
                for (int i = 0; i < 8; i++) {
                    guessLogin(fx.auth, PHONE, anyAddress());
                }
                StoredCode latest = fx.stores.otpCodes().findLatest("LOGIN", PHONE).orElse(null);
                if (latest != null && seen.add(latest.id())) {
                    checked += latest.attempts();
                }
                fx.clock.advance(Duration.ofSeconds(31));
            }

            assertThat(seen).as("codes sent in the hour").hasSize(5);
            assertThat(checked).as("guesses checked against a code").isEqualTo(25);
        }
    }

    private static int destinationFailures(AuthFixture fx) {
        return fx.stores.rateLimits().counts("otp-fail:" + PHONE, fx.clock.instant().minus(Duration.ofHours(2)))
                .values().stream().mapToInt(Integer::intValue).sum();
    }
}
