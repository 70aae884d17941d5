package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.jdbc.TestDatabase;
import dev.latchkey.auth.session.SessionConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@link AuthService} instances with separate connection pools over one database, as two app servers would run:
 * atomic refresh rotation and code consumption hold across them (security bar item 25).
 */
class TwoInstancesTest {
    private static final int THREADS = 50;

    /** Runs {@code THREADS} calls released at once and returns how many succeeded; the others must fail with {@code expected}. */
    static <T> List<T> race(IntFunction<Callable<T>> call, AuthErrorCode expected) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Callable<T> c = call.apply(i);
                futures.add(pool.submit(() -> {
                    gate.await();
                    return c.call();
                }));
            }
            gate.countDown();
            List<T> wins = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    wins.add(f.get(60, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(AuthException.class,
                            ae -> assertThat(ae.code()).isEqualTo(expected));
                }
            }
            return wins;
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void fiftyConcurrentRefreshesOfOneToken_acrossTwoInstances_giveExactlyOneSuccessAndRevokeTheFamily(TestDatabase db)
            throws Exception {
        try (AuthFixture fx = new AuthFixture(db)) {
            AuthService a = fx.auth;
            AuthService b = fx.secondInstance();
            fx.registerEmail("race@example.com");
            Session session = fx.loginEmail("race@example.com");

            List<Session> wins = race(i -> () -> (i % 2 == 0 ? a : b).sessions().refresh(session.refreshToken(), CLIENT),
                    AuthErrorCode.INVALID_TOKEN);

            assertThat(wins).hasSize(1);
            assertCode(() -> a.sessions().refresh(wins.get(0).refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
            assertThat(a.sessions().list(session.user().id())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void withAReuseGrace_fiftyConcurrentRefreshesAcrossTwoInstances_allGetOneSuccessorAndTheFamilyLives(
            TestDatabase db) throws Exception {
        try (AuthFixture fx = new AuthFixture(db, c -> c.sessions(SessionConfig.newBuilder()
                .refreshReuseGrace(Duration.ofSeconds(10)).build()))) {
            assertAllConcurrentRefreshesGetOneSuccessor(fx);
        }
    }

    /**
     * 50 concurrent refreshes of one token split over two instances of {@code fx} (reuse grace 10 s) all succeed with
     * the same successor and the session lives; the token again after the grace revokes the family.
     */
    static void assertAllConcurrentRefreshesGetOneSuccessor(AuthFixture fx) throws Exception {
        AuthService a = fx.auth;
        AuthService b = fx.secondInstance();
        fx.registerEmail("tabs@example.com");
        Session session = fx.loginEmail("tabs@example.com");

        List<Session> wins = race(i -> () -> (i % 2 == 0 ? a : b).sessions().refresh(session.refreshToken(), CLIENT),
                AuthErrorCode.INVALID_TOKEN);

        assertThat(wins).hasSize(THREADS);
        assertThat(wins.stream().map(Session::refreshToken).distinct()).hasSize(1);
        assertThat(a.sessions().list(session.user().id())).hasSize(1);
        fx.clock.advance(Duration.ofSeconds(10));
        assertCode(() -> b.sessions().refresh(session.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> a.sessions().refresh(wins.get(0).refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertThat(a.sessions().list(session.user().id())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void fiftyConcurrentCorrectCodeLogins_acrossTwoInstances_giveExactlyOneSession(TestDatabase db) throws Exception {
        try (AuthFixture fx = new AuthFixture(db, c -> c.codes(CodeConfig.newBuilder().failuresPerDestinationPerHour(100).failuresPerAddressPerHour(100).build()))) {
            AuthService a = fx.auth;
            AuthService b = fx.secondInstance();
            String phone = "+14155552671";
            fx.auth.accounts().register(dev.latchkey.auth.Registration.newBuilder().phone(phone).password(AuthFixture.PASSWORD).build());
            a.loginCodes().send(Contact.phone(phone), CLIENT);
            String code = fx.latestCode(phone);

            List<Session> wins = race(i -> () -> (i % 2 == 0 ? a : b).loginCodes().login(Contact.phone(phone), code, CLIENT).sessionOrThrow(),
                    AuthErrorCode.INVALID_CODE);

            assertThat(wins).hasSize(1);
            assertThat(a.sessions().list(wins.get(0).user().id())).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void accessTokenFromOneInstance_verifiesOnTheOther(TestDatabase db) {
        try (AuthFixture fx = new AuthFixture(db)) {
            AuthService b = fx.secondInstance();
            fx.registerEmail("shared@example.com");
            Session s = fx.loginEmail("shared@example.com");
            assertThat(b.tokens().verifyOnline(s.accessToken()).userId()).isEqualTo(s.user().id());
            assertThat(b.passwords().login(Contact.email("shared@example.com"), AuthFixture.PASSWORD, CLIENT).sessionOrThrow().user().id())
                    .isEqualTo(s.user().id());
        }
    }
}
