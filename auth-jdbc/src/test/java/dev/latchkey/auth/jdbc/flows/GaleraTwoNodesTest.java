package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.jdbc.GaleraNodes;
import dev.latchkey.auth.session.SessionConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.assertCode;
import static dev.latchkey.auth.jdbc.flows.TwoInstancesTest.race;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on the two nodes of a multi-primary Galera cluster, instance A on node 1 and B on node 2: a race lost
 * to a certification conflict at commit is a lost race like any other ({@code invalid_token}, {@code invalid_code},
 * never {@code store_unavailable}), and limits counted on both nodes add up.
 */
class GaleraTwoNodesTest {

    @Test
    void fiftyConcurrentRefreshesOfOneToken_splitOverTheNodes_giveExactlyOneSuccess() throws Exception {
        try (AuthFixture fx = new AuthFixture(GaleraNodes::pool, b -> b)) {
            AuthService a = fx.auth;
            AuthService b = fx.secondInstance();
            fx.registerEmail("race@example.com");
            Session session = fx.loginEmail("race@example.com");

            List<Session> wins = race(i -> () -> (i % 2 == 0 ? a : b).sessions().refresh(session.refreshToken(), CLIENT),
                    AuthErrorCode.INVALID_TOKEN);

            assertThat(wins).hasSize(1);
        }
    }

    @Test
    void withAReuseGrace_fiftyConcurrentRefreshesSplitOverTheNodes_allGetOneSuccessorAndTheFamilyLives()
            throws Exception {
        try (AuthFixture fx = new AuthFixture(GaleraNodes::pool, c -> c.sessions(SessionConfig.newBuilder()
                .refreshReuseGrace(Duration.ofSeconds(10)).build()))) {
            TwoInstancesTest.assertAllConcurrentRefreshesGetOneSuccessor(fx);
        }
    }

    @Test
    void fiftyConcurrentCorrectCodeLogins_splitOverTheNodes_giveExactlyOneSession() throws Exception {
        try (AuthFixture fx = new AuthFixture(GaleraNodes::pool, c -> c.codes(CodeConfig.newBuilder()
                .failuresPerDestinationPerHour(100).failuresPerAddressPerHour(100).build()))) {
            AuthService a = fx.auth;
            AuthService b = fx.secondInstance();
            String phone = "+14155552671";
            a.accounts().register(Registration.newBuilder().phone(phone).password(PASSWORD).build());
            a.loginCodes().send(Contact.phone(phone), CLIENT);
            String code = fx.latestCode(phone);

            List<Session> wins = race(i -> () -> (i % 2 == 0 ? a : b).loginCodes().login(Contact.phone(phone), code,
                    CLIENT).sessionOrThrow(), AuthErrorCode.INVALID_CODE);

            assertThat(wins).hasSize(1);
            assertThat(b.sessions().list(wins.get(0).user().id())).hasSize(1);
        }
    }

    @Test
    void failedLoginsOnBothNodes_addUpToOneLimit() {
        try (AuthFixture fx = new AuthFixture(GaleraNodes::pool, b -> b)) {
            AuthService a = fx.auth;
            AuthService b = fx.secondInstance();
            fx.registerEmail("guess@example.com");
            for (int i = 0; i < 10; i++) {
                AuthService on = i % 2 == 0 ? a : b;
                assertCode(() -> on.passwords().login(Contact.email("guess@example.com"), "not the password", CLIENT),
                        AuthErrorCode.INVALID_CREDENTIALS);
            }
            assertCode(() -> b.passwords().login(Contact.email("guess@example.com"), "not the password", CLIENT),
                    AuthErrorCode.INVALID_CREDENTIALS);
            assertCode(() -> a.passwords().login(Contact.email("guess@example.com"), "not the password", CLIENT),
                    AuthErrorCode.TOO_MANY_ATTEMPTS);
        }
    }

    @Test
    void wrongCodesOnBothNodes_spendOneDestinationBudget() {
        try (AuthFixture fx = new AuthFixture(GaleraNodes::pool, c -> c.codes(CodeConfig.newBuilder()
                .failuresPerDestinationPerHour(6).failuresPerAddressPerHour(100).build()))) {
            AuthService a = fx.auth;
            AuthService b = fx.secondInstance();
            String phone = "+14155552672";
            a.accounts().register(Registration.newBuilder().phone(phone).password(PASSWORD).build());
            a.loginCodes().send(Contact.phone(phone), CLIENT);
            String right = fx.latestCode(phone);
            String wrong = right.equals("000000") ? "111111" : "000000";
            for (int i = 0; i < 6; i++) {
                AuthService on = i % 2 == 0 ? a : b;
                assertCode(() -> on.loginCodes().login(Contact.phone(phone), wrong, CLIENT), AuthErrorCode.INVALID_CODE);
            }
            assertCode(() -> b.loginCodes().login(Contact.phone(phone), right, CLIENT), AuthErrorCode.INVALID_CODE);
        }
    }
}
