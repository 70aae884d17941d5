package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.jdbc.TestDatabase;
import dev.latchkey.auth.password.LoginLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sliding limit holds exactly (hardening item 8): never more than its count in any interval of its length, also
 * across the edge of the windows it is counted in, and its {@code retryAfter} is a time from which it lets the next
 * event through. The fixture's clock starts at 10:00:00, on the edge of every window.
 */
class ExactWindowsTest {
    private static final String PHONE = "+14155552671";
    private static final String EMAIL = "edge@example.com";

    private static int guesser;

    private static ClientInfo anyAddress() {
        guesser++;
        return ClientInfo.of("198.51." + (guesser / 250) + "." + (guesser % 250), "bot");
    }

    private static AuthErrorCode codeOf(Runnable call) {
        try {
            call.run();
            return null;
        } catch (AuthException e) {
            return e.code();
        }
    }

    private static AuthException failure(Runnable call) {
        try {
            call.run();
        } catch (AuthException e) {
            return e;
        }
        throw new AssertionError("expected an AuthException");
    }

    private static void at(AuthFixture fx, String time) {
        fx.clock.advance(Duration.between(fx.clock.instant(), Instant.parse("2026-11-22T" + time + "Z")));
    }

    @Test
    void destinationFailureBudget_fourWrongCodesJustBeforeTheHour_allowNoMoreUntilAnHourHasPassed() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.codes(CodeConfig.newBuilder()
                .failuresPerDestinationPerHour(4).maxAttemptsPerCode(10).ttl(Duration.ofMinutes(60)).build()))) {
            fx.auth.accounts().register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
            at(fx, "10:55:00");
            fx.auth.passwords().requestReset(Contact.phone(PHONE), CLIENT);
            String right = fx.latestCode(PHONE);
            String wrong = fx.wrongCode(PHONE);
            at(fx, "10:59:00");
            for (int i = 0; i < 4; i++) {
                assertThat(codeOf(() -> fx.auth.passwords().reset(Contact.phone(PHONE), wrong, "the new passphrase one",
                        anyAddress()))).isEqualTo(AuthErrorCode.INVALID_CODE);
            }

            for (String time : List.of("11:00:00", "11:30:00", "11:54:59")) {
                at(fx, time);
                assertThat(codeOf(() -> fx.auth.passwords().reset(Contact.phone(PHONE), right, "the new passphrase two",
                        anyAddress()))).as("the right code at %s, within an hour of four wrong ones", time)
                        .isEqualTo(AuthErrorCode.INVALID_CODE);
            }
            assertThat(fx.stores.otpCodes().findLatest("RESET_PASSWORD", PHONE).orElseThrow().attempts())
                    .as("checks against the code").isEqualTo(4);
        }
    }

    @Test
    void addressFailureBudget_tenWrongCodesJustBeforeTheHour_refuseUntilRetryAfterAndNotAfterIt() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.codes(CodeConfig.newBuilder()
                .failuresPerAddressPerHour(10).build()))) {
            ClientInfo sprayer = ClientInfo.of("192.0.2.77", "bot");
            at(fx, "10:59:59");
            for (int i = 0; i < 10; i++) {
                String phone = "+1415555" + (7000 + i);
                assertThat(codeOf(() -> fx.auth.loginCodes().login(Contact.phone(phone), "000000", sprayer)))
                        .isEqualTo(AuthErrorCode.INVALID_CODE);
            }

            at(fx, "11:54:00");
            AuthException refused = failure(() -> fx.auth.loginCodes().login(Contact.phone(PHONE), "000000", sprayer));
            assertThat(refused.code()).as("a guess 54 minutes later").isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
            Instant retryAfter = refused.retryAfter().orElseThrow();
            assertThat(retryAfter).isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
            fx.clock.advance(Duration.between(fx.clock.instant(), retryAfter).minusMillis(1));
            assertThat(codeOf(() -> fx.auth.loginCodes().login(Contact.phone(PHONE), "000000", sprayer)))
                    .isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
            fx.clock.advance(Duration.ofMillis(1));
            assertThat(codeOf(() -> fx.auth.loginCodes().login(Contact.phone(PHONE), "000000", sprayer)))
                    .isEqualTo(AuthErrorCode.INVALID_CODE);
        }
    }

    @Test
    void loginFailureWindow_tenFailuresJustBeforeTheEdge_giveNoFreshSlotsUntilFifteenMinutesHavePassed() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            fx.registerEmail(EMAIL);
            at(fx, "10:14:59");
            for (int i = 0; i < 10; i++) {
                assertThat(wrongLogin(fx)).isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
            }

            at(fx, "10:28:30");
            assertThat(threeWrongLogins(fx)).as("one check through the delay gate, no slots")
                    .containsExactly(AuthErrorCode.INVALID_CREDENTIALS, AuthErrorCode.TOO_MANY_ATTEMPTS,
                            AuthErrorCode.TOO_MANY_ATTEMPTS);
            at(fx, "10:29:59");
            assertThat(threeWrongLogins(fx)).as("still no slots")
                    .containsExactly(AuthErrorCode.INVALID_CREDENTIALS, AuthErrorCode.TOO_MANY_ATTEMPTS,
                            AuthErrorCode.TOO_MANY_ATTEMPTS);
            at(fx, "10:30:00");
            assertThat(threeWrongLogins(fx)).as("the ten failures have left the window")
                    .containsOnly(AuthErrorCode.INVALID_CREDENTIALS);
        }
    }

    @Test
    void loginAddressLimit_retryAfter_isATimeFromWhichTheAddressIsLetThrough() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.loginLimits(LoginLimits.newBuilder()
                .failuresPerAddress(10).build()))) {
            ClientInfo sprayer = ClientInfo.of("192.0.2.88", "bot");
            at(fx, "10:14:59");
            for (int i = 0; i < 10; i++) {
                String email = "victim" + i + "@example.com";
                assertThat(codeOf(() -> fx.auth.passwords().login(Contact.email(email), "guess guess 1", sprayer)))
                        .isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
            }
            AuthException refused = failure(() -> fx.auth.passwords().login(Contact.email("victim99@example.com"),
                    "guess guess 1", sprayer));
            assertThat(refused.code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);

            fx.clock.advance(Duration.between(fx.clock.instant(), refused.retryAfter().orElseThrow()));
            assertThat(codeOf(() -> fx.auth.passwords().login(Contact.email("victim99@example.com"), "guess guess 1",
                    sprayer))).isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
        }
    }

    @Test
    void destinationSendCap_fiveCodesAtQuarterPastTen_allowNoSixthBeforeQuarterPastEleven() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.codes(CodeConfig.newBuilder()
                .loginCreatesAccounts(true).build()))) {
            at(fx, "10:14:00");
            for (int i = 0; i < 5; i++) {
                fx.auth.loginCodes().send(Contact.phone(PHONE), anyAddress());
                fx.clock.advance(Duration.ofSeconds(31));
            }
            at(fx, "11:13:59");
            AuthException refused = failure(() -> fx.auth.loginCodes().send(Contact.phone(PHONE), anyAddress()));
            assertThat(refused.code()).as("a sixth code within an hour of the first")
                    .isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
            Instant retryAfter = refused.retryAfter().orElseThrow();
            assertThat(retryAfter).isEqualTo(Instant.parse("2026-11-22T11:15:00Z"));

            fx.clock.advance(Duration.between(fx.clock.instant(), retryAfter).minusMillis(1));
            assertThat(codeOf(() -> fx.auth.loginCodes().send(Contact.phone(PHONE), anyAddress())))
                    .isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
            fx.clock.advance(Duration.ofMillis(1));
            fx.auth.loginCodes().send(Contact.phone(PHONE), anyAddress());
            assertThat(fx.outbox.messages(PHONE)).hasSize(6);
        }
    }

    private static AuthErrorCode wrongLogin(AuthFixture fx) {
        return codeOf(() -> fx.auth.passwords().login(Contact.email(EMAIL), "not the password!", CLIENT)
                .sessionOrThrow());
    }

    private static List<AuthErrorCode> threeWrongLogins(AuthFixture fx) {
        List<AuthErrorCode> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(wrongLogin(fx));
        }
        return answers;
    }
}
