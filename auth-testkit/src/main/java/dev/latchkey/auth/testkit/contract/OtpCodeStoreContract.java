package dev.latchkey.auth.testkit.contract;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.latchkey.auth.store.OtpCodeStore;
import dev.latchkey.auth.store.StoredCode;
import org.junit.jupiter.api.Test;

/**
 * The {@link OtpCodeStore} contract: a new code replaces the unconsumed one for its purpose and destination, only
 * unconsumed codes are found, checks are counted up to a maximum, a code is consumed once, and the purge deletes the
 * expired and consumed ones. The races are in {@link ConcurrencyContract}.
 */
public abstract class OtpCodeStoreContract extends StoreContract {
    private static final String LOGIN = "LOGIN";
    private static final String RESET = "RESET_PASSWORD";

    private OtpCodeStore codes() {
        return stores().otpCodes();
    }

    @Test
    void replace_thenFindLatest_returnsTheCode() {
        StoredCode code = new StoredCode(StoreFixtures.id(), LOGIN, StoreFixtures.email(), StoreFixtures.hash(),
                StoreFixtures.id(), NOW, NOW.plusSeconds(300), 0, null);

        codes().replace(code);

        assertThat(codes().findLatest(LOGIN, code.destination())).contains(code);
    }

    @Test
    void replace_deletesTheEarlierUnconsumedCodeForTheSameDestination() {
        String destination = StoreFixtures.email();
        StoredCode first = StoreFixtures.code(LOGIN, destination, NOW);
        StoredCode second = StoreFixtures.code(LOGIN, destination, NOW.plusSeconds(1));
        codes().replace(first);

        codes().replace(second);

        assertThat(codes().findLatest(LOGIN, destination)).contains(second);
        assertThat(codes().delete(first.id())).isFalse();
    }

    @Test
    void replace_keepsTheCodeOfAnotherPurpose() {
        String destination = StoreFixtures.email();
        StoredCode reset = StoreFixtures.code(RESET, destination, NOW);
        codes().replace(reset);

        codes().replace(StoreFixtures.code(LOGIN, destination, NOW.plusSeconds(1)));

        assertThat(codes().findLatest(RESET, destination)).contains(reset);
    }

    @Test
    void findLatestAndAttempt_countsACheckOnlyOnALiveCodeOfTheSubjectBelowTheMaximum() {
        String destination = StoreFixtures.email();
        StoredCode code = new StoredCode(StoreFixtures.id(), LOGIN, destination, StoreFixtures.hash(), "subject-1",
                NOW, NOW.plusSeconds(300), 0, null);
        codes().replace(code);

        assertThat(codes().findLatestAndAttempt(LOGIN, destination, "subject-2", NOW, 2))
                .contains(new OtpCodeStore.Attempt(code, false));
        assertThat(codes().findLatestAndAttempt(LOGIN, destination, "subject-1", NOW.plusSeconds(300), 2))
                .as("expired").map(OtpCodeStore.Attempt::attempted).contains(false);
        assertThat(codes().findLatestAndAttempt(LOGIN, destination, null, NOW, 0)).as("read only")
                .map(OtpCodeStore.Attempt::attempted).contains(false);
        assertThat(codes().findLatestAndAttempt(LOGIN, destination, "subject-1", NOW, 2))
                .contains(new OtpCodeStore.Attempt(code, true));
        assertThat(codes().findLatestAndAttempt(LOGIN, destination, null, NOW, 2)).as("any subject")
                .map(a -> a.attempted() && a.code().attempts() == 1).contains(true);
        assertThat(codes().findLatestAndAttempt(LOGIN, destination, null, NOW, 2)).as("the maximum reached")
                .map(OtpCodeStore.Attempt::attempted).contains(false);
        assertThat(codes().tryAttempt(code.id(), 2)).isFalse();
        assertThat(codes().findLatestAndAttempt(LOGIN, StoreFixtures.email(), null, NOW, 2)).isEmpty();
    }

    /** Of 50 concurrent reads of one code over two instances with a maximum of 5 checks, exactly 5 count one. */
    @Test
    void findLatestAndAttempt_fiftyConcurrentCallers_countExactlyTheMaximum() throws Exception {
        StoredCode code = StoreFixtures.code(LOGIN, StoreFixtures.email(), NOW);
        codes().replace(code);

        long counted = Concurrently.countTrue(50, call -> (call % 2 == 0 ? stores() : secondInstance()).otpCodes()
                .findLatestAndAttempt(LOGIN, code.destination(), null, NOW, 5).orElseThrow().attempted());

        assertThat(counted).isEqualTo(5);
    }

    @Test
    void findLatest_forOtherDestination_isEmpty() {
        codes().replace(StoreFixtures.code(LOGIN, StoreFixtures.email(), NOW));

        assertThat(codes().findLatest(LOGIN, StoreFixtures.email())).isEmpty();
    }

    @Test
    void findLatest_leavesOutConsumedCodes() {
        StoredCode code = StoreFixtures.code(LOGIN, StoreFixtures.email(), NOW);
        codes().replace(code);
        codes().consume(code.id(), NOW.plusSeconds(1));

        assertThat(codes().findLatest(LOGIN, code.destination())).isEmpty();
    }

    @Test
    void findLatest_returnsExpiredCodesToo() {
        StoredCode code = StoreFixtures.code(LOGIN, StoreFixtures.email(), NOW.minus(Duration.ofHours(1)));
        codes().replace(code);

        assertThat(codes().findLatest(LOGIN, code.destination())).contains(code);
    }

    @Test
    void tryAttempt_countsUpToTheMaximumThenRefuses() {
        StoredCode code = StoreFixtures.code(LOGIN, StoreFixtures.email(), NOW);
        codes().replace(code);

        assertThat(codes().tryAttempt(code.id(), 2)).isTrue();
        assertThat(codes().tryAttempt(code.id(), 2)).isTrue();
        assertThat(codes().tryAttempt(code.id(), 2)).isFalse();
        assertThat(codes().findLatest(LOGIN, code.destination()))
                .hasValueSatisfying(found -> assertThat(found.attempts()).isEqualTo(2));
    }

    @Test
    void tryAttempt_onConsumedCode_returnsFalse() {
        StoredCode code = StoreFixtures.code(LOGIN, StoreFixtures.email(), NOW);
        codes().replace(code);
        codes().consume(code.id(), NOW);

        assertThat(codes().tryAttempt(code.id(), 5)).isFalse();
    }

    @Test
    void tryAttempt_onUnknownCode_returnsFalse() {
        assertThat(codes().tryAttempt(StoreFixtures.id(), 5)).isFalse();
    }

    @Test
    void consume_ofUnconsumedCode_returnsTrueOnceOnly() {
        StoredCode code = StoreFixtures.code(LOGIN, StoreFixtures.email(), NOW);
        codes().replace(code);

        assertThat(codes().consume(code.id(), NOW.plusSeconds(1))).isTrue();
        assertThat(codes().consume(code.id(), NOW.plusSeconds(2))).isFalse();
    }

    @Test
    void delete_ofExistingCode_returnsTrueAndRemovesIt() {
        StoredCode code = StoreFixtures.code(LOGIN, StoreFixtures.email(), NOW);
        codes().replace(code);

        assertThat(codes().delete(code.id())).isTrue();
        assertThat(codes().findLatest(LOGIN, code.destination())).isEmpty();
    }

    @Test
    void delete_ofUnknownCode_returnsFalse() {
        assertThat(codes().delete(StoreFixtures.id())).isFalse();
    }

    @Test
    void purgeExpired_deletesExpiredAndConsumedCodesAndKeepsLiveOnes() {
        OtpCodeStore fresh = freshStores().otpCodes();
        StoredCode expired = StoreFixtures.code(LOGIN, StoreFixtures.email(), NOW.minus(Duration.ofHours(1)));
        StoredCode consumed = StoreFixtures.code(LOGIN, StoreFixtures.email(), NOW.minusSeconds(10));
        StoredCode live = StoreFixtures.code(LOGIN, StoreFixtures.email(), NOW.minusSeconds(10));
        fresh.replace(expired);
        fresh.replace(consumed);
        fresh.replace(live);
        fresh.consume(consumed.id(), NOW.minusSeconds(5));

        int purged = fresh.purgeExpired(NOW);

        assertThat(purged).isEqualTo(2);
        assertThat(fresh.findLatest(LOGIN, live.destination())).contains(live);
        assertThat(fresh.delete(expired.id())).isFalse();
        assertThat(fresh.delete(consumed.id())).isFalse();
    }
}
