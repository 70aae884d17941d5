package dev.latchkey.auth.jdbc;

import static dev.latchkey.auth.jdbc.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.ChallengeStore;
import dev.latchkey.auth.store.StoredChallenge;
import dev.latchkey.auth.store.StoredCredential;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link ChallengeStore} contract, run on every {@link TestDatabase}; attempts and consumption also under
 * contention from two instances with separate pools.
 */
abstract class ChallengeStoreContract extends ContractBase {
    private JdbcAuthStores second;
    private JdbcAuthStores closed;

    @BeforeAll
    final void startSecondAndClosedInstances() {
        second = JdbcAuthStores.newBuilder(newDataSource()).tablePrefix(stores().tablePrefix()).build();
        HikariDataSource closedPool = newDataSource();
        closed = JdbcAuthStores.newBuilder(closedPool).tablePrefix(stores().tablePrefix()).build();
        closedPool.close();
    }

    private ChallengeStore challenges() {
        return stores().challenges();
    }

    private ChallengeStore instance(int call) {
        return call % 2 == 0 ? stores().challenges() : second.challenges();
    }

    private static StoredChallenge challenge(Instant createdAt) {
        return new StoredChallenge(Fixtures.hash(), "second_factor", Fixtures.id(), "{\"passed\":[\"password\"]}",
                createdAt, createdAt.plus(Duration.ofMinutes(5)), 0, null);
    }

    @Test
    void insert_thenFind_returnsEveryField() {
        StoredChallenge full = new StoredChallenge(Fixtures.hash(), "webauthn", Fixtures.id(), "{\"rp\":\"Zoë\"}", NOW,
                NOW.plusSeconds(300), 2, NOW.plusSeconds(10));

        challenges().insert(full);

        assertThat(challenges().find(full.hash())).contains(full);
    }

    @Test
    void insert_withoutUserOrData_keepsThemNull() {
        StoredChallenge usernameless = new StoredChallenge(Fixtures.hash(), "webauthn", null, null, NOW,
                NOW.plusSeconds(300), 0, null);

        challenges().insert(usernameless);

        assertThat(challenges().find(usernameless.hash())).contains(usernameless);
    }

    @Test
    void find_ofUnknownHash_isEmpty() {
        assertThat(challenges().find(Fixtures.hash())).isEmpty();
    }

    @Test
    void tryAttempt_countsUpToTheLimitThenRefuses() {
        StoredChallenge c = challenge(NOW);
        challenges().insert(c);

        for (int i = 0; i < 3; i++) {
            assertThat(challenges().tryAttempt(c.hash(), 3)).isTrue();
        }
        assertThat(challenges().tryAttempt(c.hash(), 3)).isFalse();
        assertThat(challenges().find(c.hash()).orElseThrow().attempts()).isEqualTo(3);
    }

    @Test
    void tryAttempt_onAConsumedChallenge_refuses() {
        StoredChallenge c = challenge(NOW);
        challenges().insert(c);
        challenges().consume(c.hash(), NOW);

        assertThat(challenges().tryAttempt(c.hash(), 5)).isFalse();
    }

    @Test
    void consume_succeedsOnceAndRecordsTheTime() {
        StoredChallenge c = challenge(NOW);
        challenges().insert(c);

        assertThat(challenges().consume(c.hash(), NOW.plusSeconds(1))).isTrue();
        assertThat(challenges().consume(c.hash(), NOW.plusSeconds(2))).isFalse();
        assertThat(challenges().find(c.hash()).orElseThrow().consumedAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void purgeExpired_deletesExpiredAndConsumedChallengesOnly() {
        ChallengeStore fresh = freshStores().challenges();
        StoredChallenge expired = challenge(NOW.minus(Duration.ofHours(1)));
        StoredChallenge consumed = challenge(NOW);
        StoredChallenge live = challenge(NOW);
        fresh.insert(expired);
        fresh.insert(consumed);
        fresh.insert(live);
        fresh.consume(consumed.hash(), NOW.minusSeconds(1));

        int purged = fresh.purgeExpired(NOW);

        assertThat(purged).isEqualTo(2);
        assertThat(fresh.find(live.hash())).contains(live);
        assertThat(fresh.find(expired.hash())).isEmpty();
    }

    @Test
    void purgeExpired_ofTheStores_includesChallengesButNoCredential() {
        JdbcAuthStores fresh = freshStores();
        fresh.challenges().insert(challenge(NOW.minus(Duration.ofHours(1))));
        var password = new StoredCredential(Fixtures.id(), Fixtures.id(), "password", null,
                null, "$2a$04$x", null, 0, NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(300)));
        fresh.credentials().insert(password);

        int purged = fresh.purgeExpired(NOW);

        assertThat(purged).isEqualTo(1);
        assertThat(fresh.credentials().findByUser(password.userId())).containsExactly(password);
    }

    @Test
    void toString_ofAStoredChallenge_leavesTheHashAndDataOut() {
        StoredChallenge c = challenge(NOW);
        challenges().insert(c);

        assertThat(challenges().find(c.hash()).orElseThrow().toString()).doesNotContain(c.hash())
                .doesNotContain("passed");
    }

    @Test
    void consume_fiftyConcurrentCallsAcrossTwoInstances_exactlyOneWins() throws Exception {
        StoredChallenge c = challenge(NOW);
        challenges().insert(c);

        long wins = Concurrently.countTrue(50, call -> instance(call).consume(c.hash(), NOW));

        assertThat(wins).isEqualTo(1);
    }

    @Test
    void tryAttempt_fiftyConcurrentCallsAcrossTwoInstances_atMostTheLimitSucceed() throws Exception {
        StoredChallenge c = challenge(NOW);
        challenges().insert(c);

        long counted = Concurrently.countTrue(50, call -> instance(call).tryAttempt(c.hash(), 5));

        assertThat(counted).isEqualTo(5);
        assertThat(challenges().find(c.hash()).orElseThrow().attempts()).isEqualTo(5);
    }

    Stream<Named<Consumer<ChallengeStore>>> everyOperation() {
        StoredChallenge c = challenge(NOW);
        return Stream.of(
                Named.of("insert", s -> s.insert(c)),
                Named.of("find", s -> s.find(c.hash())),
                Named.of("tryAttempt", s -> s.tryAttempt(c.hash(), 5)),
                Named.of("consume", s -> s.consume(c.hash(), NOW)),
                Named.of("purgeExpired", s -> s.purgeExpired(NOW)));
    }

    @ParameterizedTest
    @MethodSource("everyOperation")
    void operation_onClosedPool_throwsStoreUnavailableWithTheCause(Consumer<ChallengeStore> operation) {
        assertThatThrownBy(() -> operation.accept(closed.challenges()))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(AuthErrorCode.STORE_UNAVAILABLE);
                    assertThat(e.getCause()).isNotNull().isNotInstanceOf(AuthException.class);
                });
    }
}
