package dev.latchkey.auth.testkit.contract;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.internal.SlidingWindows;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.StoredCode;
import dev.latchkey.auth.store.StoredRefreshToken;
import dev.latchkey.auth.store.StoredSession;
import dev.latchkey.auth.store.StoredUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The atomic operations of the account, session, code and rate-limit stores under contention: of 50 (or 200)
 * concurrent callers, alternating between {@link #stores()} and {@link #secondInstance() a second instance}
 * over the same data as two service instances would, exactly one rotates a token, consumes a code, takes a cooldown or
 * registers an email, and never more than the limit count an attempt or take a permit (security bar item 25). The
 * races of the factor stores are in {@link FactorConcurrencyContract}.
 */
public abstract class ConcurrencyContract extends StoreContract {
    /** The stores for call number {@code call}: even calls on {@link #stores()}, odd ones on the other instance. */
    protected final AuthStores instance(int call) {
        return call % 2 == 0 ? stores() : secondInstance();
    }

    /** Makes both instances before the race, so that no caller pays for their start. */
    @BeforeEach
    final void startBothInstances() {
        secondInstance();
    }

    @Test
    void rotate_fiftyConcurrentCallsAcrossTwoInstances_exactlyOneWins() throws Exception {
        assertFiftyConcurrentRotationsHaveOneWinner(List.of(instance(0), instance(1)));
    }

    /**
     * 50 concurrent rotations of one token, alternating between {@code instances} (over the data of
     * {@link #stores()}): exactly one returns true, exactly one successor is stored, and none throws. For subclasses
     * that race instances of their own making (pools at another isolation level, say).
     */
    protected final void assertFiftyConcurrentRotationsHaveOneWinner(List<AuthStores> instances) throws Exception {
        StoredUser user = StoreFixtures.user();
        stores().users().insert(user);
        StoredSession session = StoreFixtures.session(user.id());
        StoredRefreshToken token = StoreFixtures.token(session.id(), NOW);
        stores().refreshTokens().createSession(session, token);
        List<StoredRefreshToken> successors = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            successors.add(StoreFixtures.token(session.id(), NOW.plusSeconds(1)));
        }

        long wins = Concurrently.countTrue(50, call -> instances.get(call % instances.size()).refreshTokens()
                .rotate(token.tokenHash(), NOW.plusSeconds(1), successors.get(call)));

        assertThat(wins).isEqualTo(1);
        assertThat(successors).filteredOn(s -> stores().refreshTokens().findToken(s.tokenHash()).isPresent())
                .hasSize(1);
    }

    @Test
    void consume_fiftyConcurrentCallsAcrossTwoInstances_exactlyOneWins() throws Exception {
        StoredCode code = StoreFixtures.code("LOGIN", StoreFixtures.email(), NOW);
        stores().otpCodes().replace(code);

        long wins = Concurrently.countTrue(50, call -> instance(call).otpCodes().consume(code.id(), NOW));

        assertThat(wins).isEqualTo(1);
    }

    @Test
    void tryAttempt_twoHundredConcurrentCallsWithMaximumFive_exactlyFiveSucceed() throws Exception {
        StoredCode code = StoreFixtures.code("LOGIN", StoreFixtures.email(), NOW);
        stores().otpCodes().replace(code);

        long wins = Concurrently.countTrue(200, call -> instance(call).otpCodes().tryAttempt(code.id(), 5));

        assertThat(wins).isEqualTo(5);
        assertThat(stores().otpCodes().findLatest("LOGIN", code.destination()))
                .hasValueSatisfying(found -> assertThat(found.attempts()).isEqualTo(5));
    }

    @Test
    void tryAcquire_twoHundredConcurrentCallsOnANewCounterWithLimitTen_exactlyTenSucceed() throws Exception {
        String key = "login-fail:" + StoreFixtures.email();
        Instant window = Instant.parse("2030-06-01T12:00:00Z");
        Instant windowEnd = window.plus(Duration.ofMinutes(15));

        long wins = Concurrently.countTrue(200,
                call -> instance(call).rateLimits().tryAcquire(key, window, windowEnd, 10));

        assertThat(wins).isEqualTo(10);
        assertThat(stores().rateLimits().count(key, window)).isEqualTo(10);
    }

    @Test
    void increment_hundredConcurrentCallsAcrossTwoInstances_giveEachValueFromOneToAHundredOnce() throws Exception {
        String key = "login-consecutive:" + StoreFixtures.email();
        Instant window = Instant.EPOCH;
        Instant expiresAt = Instant.parse("2030-09-01T12:00:00Z");
        Set<Integer> values = ConcurrentHashMap.newKeySet();

        long distinct = Concurrently.countTrue(100,
                call -> values.add(instance(call).rateLimits().increment(key, window, expiresAt)));

        assertThat(distinct).isEqualTo(100);
        assertThat(values).allSatisfy(v -> assertThat(v).isBetween(1, 100));
        assertThat(stores().rateLimits().count(key, window)).isEqualTo(100);
    }

    @Test
    void tryAcquireWithin_twoHundredConcurrentCallsWithFourCountedElsewhere_exactlySixOfTenSucceed() throws Exception {
        String key = "otp-fail:" + StoreFixtures.email();
        Instant from = Instant.parse("2030-06-01T11:45:00Z");
        Instant window = Instant.parse("2030-06-01T12:00:00Z");
        Instant windowEnd = window.plus(Duration.ofHours(1));
        for (int i = 0; i < 4; i++) {
            stores().rateLimits().tryAcquire(key, from, windowEnd, 10);
        }

        long wins = Concurrently.countTrue(200,
                call -> instance(call).rateLimits().tryAcquireWithin(key, window, from, windowEnd, 10));

        assertThat(wins).isEqualTo(6);
        assertThat(stores().rateLimits().count(key, window)).isEqualTo(6);
    }

    /**
     * Sliding windows over this store stay exact under contention, even for callers in two slices at once (a thread
     * that read the clock just before a slice ended, or an instance whose clock lags): of 200 concurrent
     * acquisitions with limit 10, half one millisecond before a slice edge and half on it, never more than 10 count,
     * and none that was refused stays counted, so exactly 10 count once the race is over.
     */
    @Test
    void slidingWindow_twoHundredConcurrentCallersAcrossASliceEdge_neverCountMoreThanTheLimit() throws Exception {
        String key = "otp-fail:" + StoreFixtures.email();
        Duration hour = Duration.ofHours(1);
        Instant edge = Instant.parse("2030-06-01T12:15:00Z");

        long wins = Concurrently.countTrue(200, call -> new SlidingWindows(instance(call).rateLimits())
                .tryAcquire(key, 10, hour, call % 4 < 2 ? edge.minusMillis(1) : edge));

        assertThat(wins).isBetween(1L, 10L);
        SlidingWindows windows = new SlidingWindows(stores().rateLimits());
        assertThat(sum(stores().rateLimits().counts(key, edge.minus(hour)))).as("counted").isEqualTo((int) wins);
        int more = 0;
        while (windows.tryAcquire(key, 10, hour, edge)) {
            more++;
        }
        assertThat(wins + more).isEqualTo(10);
    }

    private static int sum(Map<Instant, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void tryHold_fiftyConcurrentCallsOnAFreeKey_exactlyOneSucceeds() throws Exception {
        String key = "otp-cooldown:" + StoreFixtures.email();

        long wins = Concurrently.countTrue(50,
                call -> instance(call).rateLimits().tryHold(key, NOW, NOW.plusSeconds(30)));

        assertThat(wins).isEqualTo(1);
    }

    @Test
    void tryHold_fiftyConcurrentCallsOnAnEndedHold_exactlyOneSucceeds() throws Exception {
        String key = "otp-cooldown:" + StoreFixtures.email();
        stores().rateLimits().tryHold(key, NOW.minusSeconds(60), NOW.minusSeconds(30));

        long wins = Concurrently.countTrue(50,
                call -> instance(call).rateLimits().tryHold(key, NOW, NOW.plusSeconds(30)));

        assertThat(wins).isEqualTo(1);
    }

    @Test
    void insert_fiftyConcurrentRegistrationsOfOneEmail_exactlyOneSucceeds() throws Exception {
        String email = StoreFixtures.email();

        long wins = Concurrently.countTrue(50, call -> {
            StoredUser user = new StoredUser(StoreFixtures.id(), email, false, null, false, null, null,
                    AccountStatus.ACTIVE, Set.of(), Map.of(), NOW, NOW, null, 1);
            try {
                instance(call).users().insert(user);
                return true;
            } catch (AuthException e) {
                if (e.code() != AuthErrorCode.ACCOUNT_EXISTS) {
                    throw e;
                }
                return false;
            }
        });

        assertThat(wins).isEqualTo(1);
    }
}
