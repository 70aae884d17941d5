package dev.latchkey.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.latchkey.auth.internal.SlidingWindows;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.RateLimitStore;
import dev.latchkey.auth.store.RateLimitStore.Acquisition;
import org.junit.jupiter.api.Test;

/**
 * The several-key methods of {@link RateLimitStore}: {@link RateLimitStore#tryAcquireAllWithin} counts each key as
 * {@link RateLimitStore#tryAcquireWithin} would (under a hold, {@link RateLimitStore#tryHoldThenAcquireAll}),
 * {@link RateLimitStore#countsAll} reads each key from its own window
 * start, {@link RateLimitStore#resetAndRelease} resets some keys and releases others, and none of them, run
 * concurrently over overlapping keys from two instances, overruns a limit or fails (a deadlock between two
 * several-row statements would).
 */
public abstract class RateLimitBatchContract extends StoreContract {
    private static final Instant WINDOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final Instant BEFORE = WINDOW.minus(Duration.ofMinutes(15));
    private static final Instant WINDOW_END = WINDOW.plus(Duration.ofHours(1));

    private RateLimitStore limits() {
        return stores().rateLimits();
    }

    private AuthStores instance(int call) {
        return call % 2 == 0 ? stores() : secondInstance();
    }

    private static String key(String kind) {
        return kind + ":" + StoreFixtures.email();
    }

    @Test
    void tryAcquireAllWithin_countsEachKeyAgainstItsOwnLimitAndOtherWindows() {
        String full = key("otp-fail");
        String open = key("otp-fail-addr");
        String zero = key("login-addr");
        limits().tryAcquire(full, BEFORE, WINDOW_END, 5);
        limits().tryAcquire(full, WINDOW, WINDOW_END, 5);

        List<Boolean> counted = limits().tryAcquireAllWithin(List.of(
                new Acquisition(full, WINDOW, BEFORE, WINDOW_END, 2),
                new Acquisition(open, WINDOW, BEFORE, WINDOW_END, 2),
                new Acquisition(zero, WINDOW, BEFORE, WINDOW_END, 0)));

        assertThat(counted).containsExactly(false, true, false);
        assertThat(limits().counts(full, BEFORE)).containsExactly(entry(BEFORE, 1), entry(WINDOW, 1));
        assertThat(limits().counts(open, BEFORE)).containsExactly(entry(WINDOW, 1));
        assertThat(limits().counts(zero, BEFORE)).isEmpty();
        assertThat(limits().tryAcquireAllWithin(List.of(new Acquisition(full, WINDOW, WINDOW, WINDOW_END, 2))))
                .as("the earlier window left out").containsExactly(true);
    }

    @Test
    void countsAll_readsEachKeyFromItsOwnStartAndNamesEveryKey() {
        String early = key("otp-send");
        String late = key("otp-send-addr");
        String none = key("otp-change-acct");
        limits().tryAcquire(early, BEFORE, WINDOW_END, 5);
        limits().tryAcquire(late, BEFORE, WINDOW_END, 5);
        limits().tryAcquire(late, WINDOW, WINDOW_END, 5);
        Map<String, Instant> froms = new LinkedHashMap<>();
        froms.put(early, BEFORE);
        froms.put(late, WINDOW);
        froms.put(none, BEFORE);

        Map<String, ? extends Map<Instant, Integer>> all = limits().countsAll(froms);

        assertThat(all).containsOnlyKeys(early, late, none);
        assertThat(all.get(early)).containsExactly(entry(BEFORE, 1));
        assertThat(all.get(late)).containsExactly(entry(WINDOW, 1));
        assertThat(all.get(none)).isEmpty();
    }

    @Test
    void resetAndRelease_resetsTheFirstKeysEverywhereAndTakesOneFromTheOthersWindowOnly() {
        String reset = key("login-fail");
        String gate = key("login-gate");
        String release = key("login-addr");
        limits().tryAcquire(reset, BEFORE, WINDOW_END, 5);
        limits().tryAcquire(reset, WINDOW, WINDOW_END, 5);
        assertThat(limits().tryHold(gate, WINDOW, WINDOW_END)).isTrue();
        limits().tryAcquire(release, BEFORE, WINDOW_END, 5);
        limits().tryAcquire(release, WINDOW, WINDOW_END, 5);
        limits().tryAcquire(release, WINDOW, WINDOW_END, 5);

        limits().resetAndRelease(List.of(reset, gate), List.of(release), WINDOW);
        limits().resetAndRelease(List.of(), List.of(release), WINDOW);
        limits().resetAndRelease(List.of(), List.of(release), WINDOW);

        assertThat(limits().counts(reset, Instant.EPOCH)).isEmpty();
        assertThat(limits().count(reset, WINDOW)).isZero();
        assertThat(limits().tryHold(gate, WINDOW, WINDOW_END)).as("the hold was freed").isTrue();
        assertThat(limits().counts(release, Instant.EPOCH)).as("never below zero, other windows kept")
                .containsExactly(entry(BEFORE, 1));
        assertThat(limits().tryAcquire(reset, WINDOW, WINDOW_END, 1)).as("counts again from zero").isTrue();
    }

    @Test
    void tryHoldThenAcquireAll_countsOnlyUnderAHoldItTook() {
        String cooldown = key("otp-cooldown");
        String sends = key("otp-send");
        List<Acquisition> wanted = List.of(new Acquisition(sends, WINDOW, BEFORE, WINDOW_END, 5));

        assertThat(limits().tryHoldThenAcquireAll(cooldown, WINDOW, WINDOW.plusSeconds(60), wanted))
                .containsExactly(true);
        assertThat(limits().tryHoldThenAcquireAll(cooldown, WINDOW.plusSeconds(30), WINDOW.plusSeconds(90), wanted))
                .as("held until then").isNull();
        assertThat(limits().count(sends, WINDOW)).as("nothing counted under a refused hold").isEqualTo(1);
        assertThat(limits().tryHoldThenAcquireAll(cooldown, WINDOW.plusSeconds(60), WINDOW.plusSeconds(120),
                List.of())).as("a hold alone").isEmpty();
    }

    /** Of 200 concurrent callers over two instances, one takes the cooldown, and only its counter counts. */
    @Test
    void tryHoldThenAcquireAll_twoHundredConcurrentCallers_oneHoldsAndCountsOnce() throws Exception {
        String cooldown = key("otp-cooldown");
        String sends = key("otp-send");
        List<Acquisition> wanted = List.of(new Acquisition(sends, WINDOW, BEFORE, WINDOW_END, 100));

        long wins = Concurrently.countTrue(200, call -> instance(call).rateLimits()
                .tryHoldThenAcquireAll(cooldown, WINDOW, WINDOW.plusSeconds(60), wanted) != null);

        assertThat(wins).isEqualTo(1);
        assertThat(limits().count(sends, WINDOW)).isEqualTo(1);
    }

    /**
     * 200 concurrent two-key requests over two instances, each over one shared key (limit 10) and a key of its own:
     * exactly 10 count on the shared key, and every own key counts once.
     */
    @Test
    void acquireEach_twoHundredConcurrentRequestsSharingOneKey_countExactlyTheLimit() throws Exception {
        String shared = key("login-fail");
        String prefix = key("login-addr");
        Duration window = Duration.ofMinutes(15);

        long wins = Concurrently.countTrue(200, call -> !new SlidingWindows(instance(call).rateLimits()).acquireEach(
                List.of(new SlidingWindows.Limit(prefix + call, 10, window),
                        new SlidingWindows.Limit(shared, 10, window)), WINDOW).containsKey(shared));

        assertThat(wins).isEqualTo(10);
        assertThat(limits().count(shared, WINDOW)).isEqualTo(10);
        assertThat(limits().count(prefix + 7, WINDOW)).isEqualTo(1);
    }

    /**
     * Login-shaped traffic on one account from one address, 200 callers over two instances at once: counting both
     * keys (in either order), settling a success, resetting the account, releasing both. None fails: several-row
     * statements over overlapping keys take their locks in one order.
     */
    @Test
    void severalKeyStatements_overOverlappingKeysConcurrently_neverFail() throws Exception {
        String address = key("login-addr");
        String account = key("login-fail");
        String gate = key("login-gate");
        String consecutive = key("login-consecutive");
        for (int i = 0; i < 3; i++) {
            limits().tryAcquire(account, BEFORE, WINDOW_END, 100);
        }

        long done = Concurrently.countTrue(200, call -> {
            RateLimitStore store = instance(call).rateLimits();
            switch (call % 4) {
                case 0 -> store.tryAcquireAllWithin(List.of(new Acquisition(address, WINDOW, BEFORE, WINDOW_END, 1000),
                        new Acquisition(account, WINDOW, BEFORE, WINDOW_END, 1000)));
                case 1 -> store.tryAcquireAllWithin(List.of(new Acquisition(account, WINDOW, BEFORE, WINDOW_END, 1000),
                        new Acquisition(address, WINDOW, BEFORE, WINDOW_END, 1000)));
                case 2 -> store.resetAndRelease(List.of(consecutive, account, gate), List.of(address), WINDOW);
                default -> {
                    store.resetAll(List.of(gate, account, consecutive));
                    store.releaseAll(List.of(account, address), WINDOW);
                }
            }
            return true;
        });

        assertThat(done).isEqualTo(200);
        assertThat(limits().count(address, WINDOW)).isBetween(0, 100);
    }
}
