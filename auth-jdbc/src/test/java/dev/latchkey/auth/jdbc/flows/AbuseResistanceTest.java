package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.password.LoginLimits;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.TestHooks;
import dev.latchkey.auth.jdbc.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Brute-force limits, lockout and enumeration resistance of password login (security bar items 26-28). */
class AbuseResistanceTest {
    private static final String EMAIL = "target@example.com";

    private static AuthException wrongLogin(AuthService auth, ClientInfo client) {
        try {
            auth.passwords().login(Contact.email(EMAIL), "not the password!", client).sessionOrThrow();
        } catch (AuthException e) {
            return e;
        }
        throw new AssertionError("a wrong password logged in");
    }

    @Test
    void tenFailuresInFifteenMinutes_startGrowingDelaysThatSayWhenToRetry() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            fx.registerEmail(EMAIL);
            for (int i = 0; i < 10; i++) {
                assertThat(wrongLogin(fx.auth, CLIENT).code()).isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
            }
            assertThat(wrongLogin(fx.auth, CLIENT).code()).as("11th: one check through the gate").isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
            AuthException delayed = wrongLogin(fx.auth, CLIENT);
            assertThat(delayed.code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
            Instant first = delayed.retryAfter().orElseThrow();
            Duration firstWait = Duration.between(fx.clock.instant(), first);
            assertThat(firstWait).isPositive();
            assertThatThrownBy(() -> fx.loginEmail(EMAIL)).as("even the right password waits")
                    .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS));
            fx.clock.advance(Duration.between(fx.clock.instant(), first));
            assertThat(wrongLogin(fx.auth, CLIENT).code()).isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
            Instant second = wrongLogin(fx.auth, CLIENT).retryAfter().orElseThrow();
            assertThat(Duration.between(fx.clock.instant(), second)).as("the delay grows").isGreaterThan(firstWait);
        }
    }

    @Test
    void inMemoryCounters_throttleASingleInstanceTheSameWay() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2);
             com.zaxxer.hikari.HikariDataSource pool = TestDatabase.H2.newDataSource()) {
            dev.latchkey.auth.jdbc.JdbcAuthStores stores = dev.latchkey.auth.jdbc.JdbcAuthStores
                    .newBuilder(pool).tablePrefix(fx.prefix)
                    .rateLimits(new dev.latchkey.auth.store.InMemoryRateLimitStore()).build();
            AuthService auth = AuthService.newBuilder(fx.configBuilder().build(), stores).build();
            auth.accounts().register(dev.latchkey.auth.Registration.newBuilder().email(EMAIL).password(PASSWORD).build());
            for (int i = 0; i < 11; i++) {
                assertThat(wrongLogin(auth, CLIENT).code()).isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
            }
            assertThat(wrongLogin(auth, CLIENT).code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(stores.rateLimits()).isInstanceOf(dev.latchkey.auth.store.InMemoryRateLimitStore.class);
            assertThat(wrongLogin(fx.auth, CLIENT).code()).as("the SQL counters of another instance saw nothing")
                    .isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
        }
    }

    @Test
    void currentPasswordGuessesWithAStolenToken_areThrottledLikeLogins() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            fx.registerEmail(EMAIL);
            dev.latchkey.auth.VerifiedAccessToken stolen = fx.auth.tokens().verify(fx.loginEmail(EMAIL).accessToken());
            List<AuthErrorCode> answers = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                answers.add(codeOf(() -> fx.auth.passwords().change(stolen, "guess number one", "a new passphrase here")));
            }
            assertThat(answers.subList(0, 10)).containsOnly(AuthErrorCode.INVALID_CREDENTIALS);
            assertThat(answers).contains(AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(codeOf(() -> fx.auth.accounts().deleteOwn(stolen, "guess number two"))).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
        }
    }

    @Test
    void success_clearsTheAccountsCounter() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            fx.registerEmail(EMAIL);
            for (int i = 0; i < 9; i++) {
                wrongLogin(fx.auth, CLIENT);
            }
            fx.loginEmail(EMAIL);
            for (int i = 0; i < 10; i++) {
                assertThat(wrongLogin(fx.auth, CLIENT).code()).isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
            }
        }
    }

    @Test
    void hundredConsecutiveFailures_lockTheAccountUntilAPasswordReset() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            String id = fx.registerEmail(EMAIL).id();
            int failures = 0;
            while (failures < 100) {
                AuthException e = wrongLogin(fx.auth, ClientInfo.of("198.51.100." + (failures % 200), "x"));
                if (e.code() == AuthErrorCode.TOO_MANY_ATTEMPTS) {
                    fx.clock.advance(Duration.between(fx.clock.instant(), e.retryAfter().orElseThrow()));
                } else {
                    failures++;
                }
            }
            assertThat(fx.auth.accounts().get(id).status()).isEqualTo(AccountStatus.LOCKED);
            fx.clock.advance(Duration.ofHours(2));
            assertCode(() -> fx.loginEmail(EMAIL), AuthErrorCode.INVALID_CREDENTIALS);
            fx.auth.passwords().requestReset(Contact.email(EMAIL), CLIENT);
            fx.auth.passwords().reset(Contact.email(EMAIL), fx.latestCode(EMAIL), "a completely new passphrase", ClientInfo.unknown());
            assertThat(fx.auth.accounts().get(id).status()).isEqualTo(AccountStatus.ACTIVE);
            assertThat(fx.auth.passwords().login(Contact.email(EMAIL), "a completely new passphrase", CLIENT).sessionOrThrow()).isNotNull();
        }
    }

    @Test
    void unknownAccounts_areThrottledExactlyLikeKnownOnes() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            fx.registerEmail("known@example.com");
            List<AuthErrorCode> known = new ArrayList<>();
            List<AuthErrorCode> unknown = new ArrayList<>();
            for (int i = 0; i < 13; i++) {
                known.add(codeOf(() -> fx.auth.passwords().login(Contact.email("known@example.com"), "wrong wrong wrong", CLIENT).sessionOrThrow()));
                unknown.add(codeOf(() -> fx.auth.passwords().login(Contact.email("ghost@example.com"), "wrong wrong wrong", CLIENT).sessionOrThrow()));
            }
            assertThat(unknown).isEqualTo(known);
            assertThat(known).contains(AuthErrorCode.TOO_MANY_ATTEMPTS);
        }
    }

    @Test
    void oneAddressFailingAcrossManyAccounts_hitsTheAddressLimit() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.loginLimits(LoginLimits.newBuilder().failuresPerAddress(20).build()))) {
            ClientInfo attacker = ClientInfo.of("192.0.2.66", "bot");
            for (int i = 0; i < 20; i++) {
                int n = i;
                assertThat(codeOf(() -> fx.auth.passwords().login(Contact.email("victim" + n + "@example.com"), "guess guess 1", attacker).sessionOrThrow()))
                        .isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
            }
            assertThat(codeOf(() -> fx.auth.passwords().login(Contact.email("victim99@example.com"), "guess guess 1", attacker).sessionOrThrow()))
                    .isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(codeOf(() -> fx.auth.passwords().login(Contact.email("victim99@example.com"), "guess guess 1", CLIENT).sessionOrThrow()))
                    .as("other addresses are unaffected").isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
        }
    }

    @Test
    void oneAddressAskingCodesForManyPhones_hitsTheAddressSendCap() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.codes(CodeConfig.newBuilder().loginCreatesAccounts(true).sendsPerAddressPerHour(5).build()))) {
            ClientInfo fraud = ClientInfo.of("192.0.2.99", "bot");
            for (int i = 0; i < 5; i++) {
                fx.auth.loginCodes().send(Contact.phone("+1415555" + (4000 + i)), fraud);
            }
            assertCode(() -> fx.auth.loginCodes().send(Contact.phone("+14155554999"), fraud), AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(fx.outbox.all()).hasSize(5);
        }
    }

    @Test
    void unknownAccountAndWrongPassword_doTheSamePasswordHashingWork() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            fx.registerEmail(EMAIL);
            AuthConfig config = fx.configBuilder().build();
            AuthService.Builder builder = AuthService.newBuilder(config, fx.stores);
            TestHooks.CountingHasher counter = TestHooks.countHashing(builder, config);
            AuthService auth = builder.build();

            codeOf(() -> auth.passwords().login(Contact.email("ghost@example.com"), "wrong wrong wrong", CLIENT).sessionOrThrow());
            int unknownWork = counter.verifications();
            codeOf(() -> auth.passwords().login(Contact.email(EMAIL), "wrong wrong wrong", CLIENT).sessionOrThrow());
            int wrongWork = counter.verifications() - unknownWork;

            assertThat(unknownWork).isEqualTo(1);
            assertThat(wrongWork).isEqualTo(unknownWork);
            assertThat(counter.dummyVerifies.get()).isEqualTo(1);
        }
    }

    @Test
    void registration_costsOneHashAndOneCheckForANewAPendingAndATakenEmail() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            fx.registerEmail(EMAIL);
            AuthConfig config = fx.configBuilder().build();
            AuthService.Builder builder = AuthService.newBuilder(config, fx.stores).otpProvider(fx.outbox);
            TestHooks.CountingHasher counter = TestHooks.countHashing(builder, config);
            AuthService auth = builder.build();
            java.util.function.Consumer<String> register = email -> auth.registrations().start(
                    dev.latchkey.auth.Registration.newBuilder().email(email).password("a registrant's passphrase")
                            .build(), CLIENT);
            List<Integer> work = new java.util.ArrayList<>();
            for (String email : List.of("new@example.com", "new@example.com", EMAIL)) {
                int before = counter.hashes.get() + counter.verifications();
                register.accept(email);
                work.add(counter.hashes.get() + counter.verifications() - before);
                fx.clock.advance(java.time.Duration.ofMinutes(1));
            }
            assertThat(work).as("new, pending, taken").containsExactly(2, 2, 2);
        }
    }

    @Test
    void twoHundredConcurrentWrongPasswords_neverRunBcryptPastTheLimit() throws Exception {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            fx.registerEmail(EMAIL);
            AuthConfig config = fx.configBuilder().build();
            AuthService.Builder builder = AuthService.newBuilder(config, fx.stores);
            TestHooks.CountingHasher counter = TestHooks.countHashing(builder, config);
            AuthService auth = builder.build();

            Map<AuthErrorCode, Integer> outcomes = hammer(200, i -> auth, i -> ClientInfo.of("10.0." + (i / 50) + "." + i, "x"));

            assertThat(outcomes.get(AuthErrorCode.INVALID_CREDENTIALS)).isBetween(10, 11);
            assertThat(counter.verifications()).as("bcrypt runs").isEqualTo(outcomes.get(AuthErrorCode.INVALID_CREDENTIALS));
            assertThat(outcomes.get(AuthErrorCode.TOO_MANY_ATTEMPTS)).isEqualTo(200 - outcomes.get(AuthErrorCode.INVALID_CREDENTIALS));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void failuresSpreadAcrossTwoInstances_addUpToTheSameLimitAsOnOne(TestDatabase db) throws Exception {
        try (AuthFixture fx = new AuthFixture(db)) {
            fx.registerEmail(EMAIL);
            AuthService second = fx.secondInstance();
            for (int i = 0; i < 10; i++) {
                assertThat(wrongLogin(i % 2 == 0 ? fx.auth : second, CLIENT).code()).isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
            }
            assertThat(wrongLogin(second, CLIENT).code()).isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
            assertThat(wrongLogin(fx.auth, CLIENT).code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(wrongLogin(second, CLIENT).code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
        }
    }

    static Map<AuthErrorCode, Integer> hammer(int calls, java.util.function.IntFunction<AuthService> service,
                                              java.util.function.IntFunction<ClientInfo> client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(40);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<AuthErrorCode>> futures = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                gate.await();
                return codeOf(() -> service.apply(n).passwords().login(Contact.email(EMAIL), "not the password!", client.apply(n)).sessionOrThrow());
            }));
        }
        gate.countDown();
        Map<AuthErrorCode, Integer> outcomes = new EnumMap<>(AuthErrorCode.class);
        for (Future<AuthErrorCode> f : futures) {
            outcomes.merge(f.get(60, TimeUnit.SECONDS), 1, Integer::sum);
        }
        pool.shutdownNow();
        return outcomes;
    }

    static AuthErrorCode codeOf(Runnable call) {
        try {
            call.run();
            throw new AssertionError("expected an AuthException");
        } catch (AuthException e) {
            return e.code();
        }
    }
}
