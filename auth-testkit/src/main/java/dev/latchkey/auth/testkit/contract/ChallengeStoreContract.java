package dev.latchkey.auth.testkit.contract;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.latchkey.auth.store.ChallengeStore;
import dev.latchkey.auth.store.StoredChallenge;
import dev.latchkey.auth.store.StoredUser;
import org.junit.jupiter.api.Test;

/**
 * The {@link ChallengeStore} contract: challenges round-trip by their exact hash, used or expired ones are still found,
 * answers are counted up to a maximum, a challenge is consumed once, and the purge deletes the expired and consumed
 * ones. Account deletion is in {@link FactorStoresContract}, the races in {@link FactorConcurrencyContract}.
 */
public abstract class ChallengeStoreContract extends StoreContract {

    private ChallengeStore challenges() {
        return stores().challenges();
    }

    private String newUser() {
        StoredUser user = StoreFixtures.user();
        stores().users().insert(user);
        return user.id();
    }

    @Test
    void insert_thenFind_returnsEveryField() {
        StoredChallenge challenge = new StoredChallenge(StoreFixtures.hash(), "webauthn_register", newUser(),
                "{\"factors\":[\"password\"],\"note\":\"Zoë's \\\"key\\\"\"}", NOW, NOW.plusSeconds(300), 0, null);

        challenges().insert(challenge);

        assertThat(challenges().find(challenge.hash())).contains(challenge);
    }

    @Test
    void insert_withoutUserOrData_keepsThemNull() {
        StoredChallenge challenge = StoreFixtures.challenge(null);

        challenges().insert(challenge);

        assertThat(challenges().find(challenge.hash())).contains(challenge);
    }

    @Test
    void find_ofUnknownHash_isEmpty() {
        assertThat(challenges().find(StoreFixtures.hash())).isEmpty();
    }

    @Test
    void find_withHashDifferingOnlyInCase_isEmpty() {
        StoredChallenge challenge = new StoredChallenge("abcDEF" + StoreFixtures.hash(), "second_factor", null, null,
                NOW, NOW.plusSeconds(60), 0, null);
        challenges().insert(challenge);

        assertThat(challenges().find("ABCdef" + challenge.hash().substring(6))).isEmpty();
    }

    @Test
    void find_returnsExpiredChallengesToo() {
        StoredChallenge expired = StoreFixtures.challenge(newUser(), NOW.minus(Duration.ofHours(1)));
        challenges().insert(expired);

        assertThat(challenges().find(expired.hash())).contains(expired);
    }

    @Test
    void find_afterConsume_returnsItWithTheTime() {
        StoredChallenge challenge = StoreFixtures.challenge(newUser());
        challenges().insert(challenge);

        challenges().consume(challenge.hash(), NOW.plusSeconds(3));

        assertThat(challenges().find(challenge.hash()))
                .hasValueSatisfying(found -> assertThat(found.consumedAt()).isEqualTo(NOW.plusSeconds(3)));
    }

    @Test
    void tryAttempt_countsUpToTheMaximumThenRefuses() {
        StoredChallenge challenge = StoreFixtures.challenge(newUser());
        challenges().insert(challenge);

        assertThat(challenges().tryAttempt(challenge.hash(), 2)).isTrue();
        assertThat(challenges().tryAttempt(challenge.hash(), 2)).isTrue();
        assertThat(challenges().tryAttempt(challenge.hash(), 2)).isFalse();
        assertThat(challenges().find(challenge.hash()))
                .hasValueSatisfying(found -> assertThat(found.attempts()).isEqualTo(2));
    }

    @Test
    void tryAttempt_onConsumedChallenge_returnsFalse() {
        StoredChallenge challenge = StoreFixtures.challenge(newUser());
        challenges().insert(challenge);
        challenges().consume(challenge.hash(), NOW);

        assertThat(challenges().tryAttempt(challenge.hash(), 5)).isFalse();
    }

    @Test
    void tryAttempt_onUnknownChallenge_returnsFalse() {
        assertThat(challenges().tryAttempt(StoreFixtures.hash(), 5)).isFalse();
    }

    @Test
    void consume_ofUnconsumedChallenge_returnsTrueOnceOnlyAndKeepsTheFirstTime() {
        StoredChallenge challenge = StoreFixtures.challenge(newUser());
        challenges().insert(challenge);

        assertThat(challenges().consume(challenge.hash(), NOW.plusSeconds(1))).isTrue();
        assertThat(challenges().consume(challenge.hash(), NOW.plusSeconds(2))).isFalse();
        assertThat(challenges().find(challenge.hash()))
                .hasValueSatisfying(found -> assertThat(found.consumedAt()).isEqualTo(NOW.plusSeconds(1)));
    }

    @Test
    void consume_ofUnknownChallenge_returnsFalse() {
        assertThat(challenges().consume(StoreFixtures.hash(), NOW)).isFalse();
    }

    @Test
    void purgeExpired_deletesExpiredAndConsumedChallengesAndKeepsLiveOnes() {
        ChallengeStore fresh = freshStores().challenges();
        StoredChallenge expired = StoreFixtures.challenge(null, NOW.minus(Duration.ofHours(1)));
        StoredChallenge consumed = StoreFixtures.challenge(null, NOW.minusSeconds(10));
        StoredChallenge consumedLater = StoreFixtures.challenge(null, NOW.minusSeconds(10));
        StoredChallenge live = StoreFixtures.challenge(null, NOW.minusSeconds(10));
        fresh.insert(expired);
        fresh.insert(consumed);
        fresh.insert(consumedLater);
        fresh.insert(live);
        fresh.consume(consumed.hash(), NOW.minusSeconds(5));
        fresh.consume(consumedLater.hash(), NOW.plusSeconds(5));

        int purged = fresh.purgeExpired(NOW);

        assertThat(purged).isEqualTo(2);
        assertThat(fresh.find(live.hash())).contains(live);
        assertThat(fresh.find(consumedLater.hash())).isPresent();
        assertThat(fresh.find(expired.hash())).isEmpty();
        assertThat(fresh.find(consumed.hash())).isEmpty();
    }
}
