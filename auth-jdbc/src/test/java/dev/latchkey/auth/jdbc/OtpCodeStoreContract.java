package dev.latchkey.auth.jdbc;

import static dev.latchkey.auth.jdbc.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.latchkey.auth.store.OtpCodeStore;
import dev.latchkey.auth.store.StoredCode;
import org.junit.jupiter.api.Test;

/** The {@link OtpCodeStore} contract, run on every {@link TestDatabase}. */
abstract class OtpCodeStoreContract extends ContractBase {
    private static final String LOGIN = "LOGIN";
    private static final String RESET = "RESET_PASSWORD";

    private OtpCodeStore codes() {
        return stores().otpCodes();
    }

    @Test
    void replace_thenFindLatest_returnsTheCode() {
        StoredCode code = new StoredCode(Fixtures.id(), LOGIN, Fixtures.email(), Fixtures.hash(), Fixtures.id(), NOW,
                NOW.plusSeconds(300), 0, null);

        codes().replace(code);

        assertThat(codes().findLatest(LOGIN, code.destination())).contains(code);
    }

    @Test
    void replace_deletesTheEarlierUnconsumedCodeForTheSameDestination() {
        String destination = Fixtures.email();
        StoredCode first = Fixtures.code(LOGIN, destination, NOW);
        StoredCode second = Fixtures.code(LOGIN, destination, NOW.plusSeconds(1));
        codes().replace(first);

        codes().replace(second);

        assertThat(codes().findLatest(LOGIN, destination)).contains(second);
        assertThat(codes().delete(first.id())).isFalse();
    }

    @Test
    void replace_keepsTheCodeOfAnotherPurpose() {
        String destination = Fixtures.email();
        StoredCode reset = Fixtures.code(RESET, destination, NOW);
        codes().replace(reset);

        codes().replace(Fixtures.code(LOGIN, destination, NOW.plusSeconds(1)));

        assertThat(codes().findLatest(RESET, destination)).contains(reset);
    }

    @Test
    void findLatest_forOtherDestination_isEmpty() {
        codes().replace(Fixtures.code(LOGIN, Fixtures.email(), NOW));

        assertThat(codes().findLatest(LOGIN, Fixtures.email())).isEmpty();
    }

    @Test
    void findLatest_leavesOutConsumedCodes() {
        StoredCode code = Fixtures.code(LOGIN, Fixtures.email(), NOW);
        codes().replace(code);
        codes().consume(code.id(), NOW.plusSeconds(1));

        assertThat(codes().findLatest(LOGIN, code.destination())).isEmpty();
    }

    @Test
    void findLatest_returnsExpiredCodesToo() {
        StoredCode code = Fixtures.code(LOGIN, Fixtures.email(), NOW.minus(Duration.ofHours(1)));
        codes().replace(code);

        assertThat(codes().findLatest(LOGIN, code.destination())).contains(code);
    }

    @Test
    void tryAttempt_countsUpToTheMaximumThenRefuses() {
        StoredCode code = Fixtures.code(LOGIN, Fixtures.email(), NOW);
        codes().replace(code);

        assertThat(codes().tryAttempt(code.id(), 2)).isTrue();
        assertThat(codes().tryAttempt(code.id(), 2)).isTrue();
        assertThat(codes().tryAttempt(code.id(), 2)).isFalse();
        assertThat(codes().findLatest(LOGIN, code.destination()))
                .hasValueSatisfying(found -> assertThat(found.attempts()).isEqualTo(2));
    }

    @Test
    void tryAttempt_onConsumedCode_returnsFalse() {
        StoredCode code = Fixtures.code(LOGIN, Fixtures.email(), NOW);
        codes().replace(code);
        codes().consume(code.id(), NOW);

        assertThat(codes().tryAttempt(code.id(), 5)).isFalse();
    }

    @Test
    void tryAttempt_onUnknownCode_returnsFalse() {
        assertThat(codes().tryAttempt(Fixtures.id(), 5)).isFalse();
    }

    @Test
    void consume_ofUnconsumedCode_returnsTrueOnceOnly() {
        StoredCode code = Fixtures.code(LOGIN, Fixtures.email(), NOW);
        codes().replace(code);

        assertThat(codes().consume(code.id(), NOW.plusSeconds(1))).isTrue();
        assertThat(codes().consume(code.id(), NOW.plusSeconds(2))).isFalse();
    }

    @Test
    void delete_ofExistingCode_returnsTrueAndRemovesIt() {
        StoredCode code = Fixtures.code(LOGIN, Fixtures.email(), NOW);
        codes().replace(code);

        assertThat(codes().delete(code.id())).isTrue();
        assertThat(codes().findLatest(LOGIN, code.destination())).isEmpty();
    }

    @Test
    void delete_ofUnknownCode_returnsFalse() {
        assertThat(codes().delete(Fixtures.id())).isFalse();
    }

    @Test
    void purgeExpired_deletesExpiredAndConsumedCodesAndKeepsLiveOnes() {
        OtpCodeStore fresh = freshStores().otpCodes();
        StoredCode expired = Fixtures.code(LOGIN, Fixtures.email(), NOW.minus(Duration.ofHours(1)));
        StoredCode consumed = Fixtures.code(LOGIN, Fixtures.email(), NOW.minusSeconds(10));
        StoredCode live = Fixtures.code(LOGIN, Fixtures.email(), NOW.minusSeconds(10));
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
