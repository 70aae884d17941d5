package dev.latchkey.auth.testkit.contract;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.latchkey.auth.store.RateLimitStore;
import org.junit.jupiter.api.Test;

/**
 * The {@link RateLimitStore} contract: counters per key and window that stop at their limit, releases that never go
 * below zero, the counters of a key from a window on in one read, holds that refuse while they last, resets per key,
 * and a purge of what expired. The races are in
 * {@link ConcurrencyContract}. To run it on a rate-limit store alone, return it from
 * {@code InMemoryAuthStores.create(yourStore)} in {@link #newStores()}.
 */
public abstract class RateLimitStoreContract extends StoreContract {
    private static final Instant WINDOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final Instant WINDOW_END = WINDOW.plus(Duration.ofHours(1));

    private RateLimitStore limits() {
        return stores().rateLimits();
    }

    private static String key() {
        return "otp-send:" + StoreFixtures.email();
    }

    @Test
    void tryAcquire_upToTheLimit_succeedsThenRefuses() {
        String key = key();

        assertThat(limits().tryAcquire(key, WINDOW, WINDOW_END, 2)).isTrue();
        assertThat(limits().tryAcquire(key, WINDOW, WINDOW_END, 2)).isTrue();
        assertThat(limits().tryAcquire(key, WINDOW, WINDOW_END, 2)).isFalse();
        assertThat(limits().count(key, WINDOW)).isEqualTo(2);
    }

    @Test
    void tryAcquire_withZeroLimit_refusesAndCountsNothing() {
        String key = key();

        assertThat(limits().tryAcquire(key, WINDOW, WINDOW_END, 0)).isFalse();
        assertThat(limits().count(key, WINDOW)).isZero();
    }

    @Test
    void tryAcquire_inAnotherWindow_countsSeparately() {
        String key = key();
        limits().tryAcquire(key, WINDOW, WINDOW_END, 1);
        Instant nextWindow = WINDOW_END;

        assertThat(limits().tryAcquire(key, nextWindow, nextWindow.plus(Duration.ofHours(1)), 1)).isTrue();
    }

    @Test
    void tryAcquire_onLongKeysSharingTheirFirst200Chars_countsThemSeparately() {
        String common = "login-fail:" + "x".repeat(250);
        limits().tryAcquire(common + "a", WINDOW, WINDOW_END, 1);

        assertThat(limits().tryAcquire(common + "b", WINDOW, WINDOW_END, 1)).isTrue();
        assertThat(limits().count(common + "a", WINDOW)).isEqualTo(1);
    }

    @Test
    void tryAcquireWithin_countsTheOtherWindowsFromTheGivenStartTowardsTheLimit() {
        String key = key();
        Instant before = WINDOW.minus(Duration.ofMinutes(15));
        Instant later = WINDOW.plus(Duration.ofMinutes(15));
        limits().tryAcquire(key, before, WINDOW_END, 5);
        limits().tryAcquire(key, later, WINDOW_END, 5);

        assertThat(limits().tryAcquireWithin(key, WINDOW, before, WINDOW_END, 4)).isTrue();
        assertThat(limits().tryAcquireWithin(key, WINDOW, before, WINDOW_END, 4)).isTrue();
        assertThat(limits().tryAcquireWithin(key, WINDOW, before, WINDOW_END, 4)).isFalse();
        assertThat(limits().tryAcquireWithin(key, WINDOW, WINDOW, WINDOW_END, 4)).as("before left out").isTrue();
        assertThat(limits().count(key, WINDOW)).isEqualTo(3);
    }

    @Test
    void tryAcquireWithin_withNoRoomLeftByTheOthers_createsNothing() {
        String key = key();
        Instant before = WINDOW.minus(Duration.ofMinutes(15));
        limits().tryAcquire(key, before, WINDOW_END, 5);
        limits().tryAcquire(key, before, WINDOW_END, 5);

        assertThat(limits().tryAcquireWithin(key, WINDOW, before, WINDOW_END, 2)).isFalse();
        assertThat(limits().counts(key, before)).containsExactly(entry(before, 2));
    }

    @Test
    void tryAcquireWithin_withZeroLimit_refusesAndCountsNothing() {
        String key = key();

        assertThat(limits().tryAcquireWithin(key, WINDOW, WINDOW, WINDOW_END, 0)).isFalse();
        assertThat(limits().count(key, WINDOW)).isZero();
    }

    @Test
    void increment_countsWithoutALimitAndGivesTheNewValue() {
        String key = key();

        assertThat(limits().increment(key, WINDOW, WINDOW_END)).isEqualTo(1);
        assertThat(limits().increment(key, WINDOW, WINDOW_END)).isEqualTo(2);
        assertThat(limits().increment(key, WINDOW_END, WINDOW_END)).as("another window").isEqualTo(1);
        assertThat(limits().count(key, WINDOW)).isEqualTo(2);
    }

    @Test
    void releaseAll_takesOneBackFromEachKeysCounterInThatWindowOnly() {
        String first = key();
        String second = key();
        String untouched = key();
        for (String key : List.of(first, second, untouched)) {
            limits().tryAcquire(key, WINDOW, WINDOW_END, 5);
            limits().tryAcquire(key, WINDOW_END, WINDOW_END, 5);
        }

        limits().releaseAll(List.of(first, second, "absent:" + key()), WINDOW);
        limits().releaseAll(List.of(first), WINDOW);

        assertThat(limits().count(first, WINDOW)).isZero();
        assertThat(limits().count(second, WINDOW)).isZero();
        assertThat(limits().count(untouched, WINDOW)).isEqualTo(1);
        assertThat(limits().count(first, WINDOW_END)).isEqualTo(1);
    }

    @Test
    void resetAll_removesEveryCounterAndHoldOfEachKeyOnly() {
        String first = key();
        String second = key();
        String untouched = key();
        for (String key : List.of(first, second, untouched)) {
            limits().tryAcquire(key, WINDOW, WINDOW_END, 5);
            limits().tryHold(key, NOW, NOW.plusSeconds(30));
        }

        limits().resetAll(List.of(first, second));

        assertThat(limits().counts(first, Instant.EPOCH)).isEmpty();
        assertThat(limits().tryHold(second, NOW, NOW.plusSeconds(30))).as("hold gone").isTrue();
        assertThat(limits().count(untouched, WINDOW)).isEqualTo(1);
        assertThat(limits().tryHold(untouched, NOW, NOW.plusSeconds(30))).as("still held").isFalse();
    }

    @Test
    void count_ofUnknownKey_isZero() {
        assertThat(limits().count(key(), WINDOW)).isZero();
    }

    @Test
    void release_takesOneBack() {
        String key = key();
        limits().tryAcquire(key, WINDOW, WINDOW_END, 5);
        limits().tryAcquire(key, WINDOW, WINDOW_END, 5);

        limits().release(key, WINDOW);

        assertThat(limits().count(key, WINDOW)).isEqualTo(1);
    }

    @Test
    void release_neverGoesBelowZero() {
        String key = key();
        limits().tryAcquire(key, WINDOW, WINDOW_END, 5);

        limits().release(key, WINDOW);
        limits().release(key, WINDOW);

        assertThat(limits().count(key, WINDOW)).isZero();
    }

    @Test
    void release_ofFullCounter_letsOneMoreAcquire() {
        String key = key();
        limits().tryAcquire(key, WINDOW, WINDOW_END, 1);

        limits().release(key, WINDOW);

        assertThat(limits().tryAcquire(key, WINDOW, WINDOW_END, 1)).isTrue();
    }

    @Test
    void counts_fromAWindowStart_givesThatWindowAndEveryLaterOneByStart() {
        String key = key();
        Instant second = WINDOW.plus(Duration.ofMinutes(15));
        Instant third = WINDOW.plus(Duration.ofMinutes(30));
        limits().tryAcquire(key, WINDOW, WINDOW_END, 5);
        limits().tryAcquire(key, third, WINDOW_END, 5);
        limits().tryAcquire(key, second, WINDOW_END, 5);
        limits().tryAcquire(key, second, WINDOW_END, 5);

        assertThat(limits().counts(key, second)).containsExactly(entry(second, 2), entry(third, 1));
        assertThat(limits().counts(key, WINDOW)).containsOnlyKeys(WINDOW, second, third);
    }

    @Test
    void counts_ofUnknownKey_isEmpty() {
        assertThat(limits().counts(key(), WINDOW)).isEmpty();
    }

    @Test
    void counts_leaveHoldsAndOtherKeysOut() {
        String key = key();
        limits().tryHold(key, NOW, NOW.plusSeconds(30));
        limits().tryAcquire(key, WINDOW, WINDOW_END, 5);
        limits().tryAcquire(key(), WINDOW, WINDOW_END, 5);

        assertThat(limits().counts(key, Instant.EPOCH)).containsExactly(entry(WINDOW, 1));
    }

    @Test
    void counts_afterReleaseAndReset_addUpToWhatIsLeft() {
        String key = key();
        limits().tryAcquire(key, WINDOW, WINDOW_END, 5);
        limits().tryAcquire(key, WINDOW_END, WINDOW_END.plus(Duration.ofHours(1)), 5);
        limits().release(key, WINDOW);

        assertThat(limits().counts(key, WINDOW).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
        limits().reset(key);
        assertThat(limits().counts(key, WINDOW).values().stream().mapToInt(Integer::intValue).sum()).isZero();
    }

    @Test
    void tryHold_onFreeKey_succeeds() {
        assertThat(limits().tryHold(key(), NOW, NOW.plusSeconds(30))).isTrue();
    }

    @Test
    void tryHold_whileHeld_refuses() {
        String key = key();
        limits().tryHold(key, NOW, NOW.plusSeconds(30));

        assertThat(limits().tryHold(key, NOW.plusSeconds(29), NOW.plusSeconds(59))).isFalse();
    }

    @Test
    void tryHold_afterTheHoldEnded_succeeds() {
        String key = key();
        limits().tryHold(key, NOW, NOW.plusSeconds(30));

        assertThat(limits().tryHold(key, NOW.plusSeconds(30), NOW.plusSeconds(60))).isTrue();
    }

    @Test
    void tryHold_afterARefusal_keepsTheFirstHoldsEnd() {
        String key = key();
        limits().tryHold(key, NOW, NOW.plusSeconds(30));
        limits().tryHold(key, NOW.plusSeconds(10), NOW.plusSeconds(40));

        assertThat(limits().tryHold(key, NOW.plusSeconds(30), NOW.plusSeconds(60))).isTrue();
    }

    @Test
    void tryHold_doesNotTouchTheKeysCounters() {
        String key = key();
        limits().tryAcquire(key, WINDOW, WINDOW_END, 5);

        limits().tryHold(key, NOW, NOW.plusSeconds(30));

        assertThat(limits().count(key, WINDOW)).isEqualTo(1);
    }

    @Test
    void reset_removesEveryCounterAndHoldOfTheKey() {
        String key = key();
        limits().tryAcquire(key, WINDOW, WINDOW_END, 1);
        limits().tryAcquire(key, WINDOW_END, WINDOW_END.plus(Duration.ofHours(1)), 1);
        limits().tryHold(key, NOW, NOW.plusSeconds(30));

        limits().reset(key);

        assertThat(limits().count(key, WINDOW)).isZero();
        assertThat(limits().count(key, WINDOW_END)).isZero();
        assertThat(limits().tryHold(key, NOW, NOW.plusSeconds(30))).isTrue();
    }

    @Test
    void reset_leavesOtherKeysAlone() {
        String key = key();
        String other = key();
        limits().tryAcquire(other, WINDOW, WINDOW_END, 5);

        limits().reset(key);

        assertThat(limits().count(other, WINDOW)).isEqualTo(1);
    }

    @Test
    void purgeExpired_deletesExpiredCountersAndHoldsAndKeepsLiveOnes() {
        RateLimitStore fresh = freshStores().rateLimits();
        String expiredCounter = key();
        String liveCounter = key();
        String expiredHold = key();
        fresh.tryAcquire(expiredCounter, WINDOW, WINDOW_END, 5);
        fresh.tryAcquire(liveCounter, WINDOW_END, WINDOW_END.plus(Duration.ofHours(1)), 5);
        fresh.tryHold(expiredHold, WINDOW, WINDOW.plusSeconds(30));

        int purged = fresh.purgeExpired(WINDOW_END.plusSeconds(1));

        assertThat(purged).isEqualTo(2);
        assertThat(fresh.count(expiredCounter, WINDOW)).isZero();
        assertThat(fresh.count(liveCounter, WINDOW_END)).isEqualTo(1);
    }
}
