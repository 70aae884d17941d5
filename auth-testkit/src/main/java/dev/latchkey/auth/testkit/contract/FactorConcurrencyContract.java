package dev.latchkey.auth.testkit.contract;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.StoredChallenge;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The atomic operations of the credential and challenge stores under contention, alternating between
 * {@link #stores()} and {@link #secondInstance() a second instance} over the same data: a TOTP step or a
 * sign count is accepted once, a recovery code and a challenge are used once, a rehash never overwrites a concurrent
 * one, and no more than the limit of answers is counted (security bar item 33).
 */
public abstract class FactorConcurrencyContract extends StoreContract {
    private AuthStores instance(int call) {
        return call % 2 == 0 ? stores() : secondInstance();
    }

    /** Makes both instances before the race, so that no caller pays for their start. */
    @BeforeEach
    final void startBothInstances() {
        secondInstance();
    }

    private StoredCredential newCredential(String type) {
        StoredUser user = StoreFixtures.user();
        stores().users().insert(user);
        StoredCredential credential = StoreFixtures.credential(user.id(), type);
        stores().credentials().insert(credential);
        return credential;
    }

    private StoredChallenge newChallenge() {
        StoredUser user = StoreFixtures.user();
        stores().users().insert(user);
        StoredChallenge challenge = StoreFixtures.challenge(user.id());
        stores().challenges().insert(challenge);
        return challenge;
    }

    @Test
    void advanceCounter_fiftyConcurrentCallsToTheSameStep_exactlyOneWins() throws Exception {
        StoredCredential totp = newCredential("totp");

        long wins = Concurrently.countTrue(50,
                call -> instance(call).credentials().advanceCounter(totp.id(), 57_000_001L, NOW));

        assertThat(wins).isEqualTo(1);
    }

    @Test
    void advanceCounter_fiftyConcurrentCallsToRisingSteps_neverLowerTheCounter() throws Exception {
        StoredCredential passkey = newCredential("passkey");

        Concurrently.countTrue(50, call -> instance(call).credentials().advanceCounter(passkey.id(), call + 1L, NOW));

        assertThat(stores().credentials().findByUser(passkey.userId(), "passkey"))
                .singleElement()
                .satisfies(found -> assertThat(found.counter()).isEqualTo(50));
    }

    @Test
    void markUsedOnce_fiftyConcurrentCalls_exactlyOneWins() throws Exception {
        StoredCredential recovery = newCredential("recovery");

        long wins = Concurrently.countTrue(50,
                call -> instance(call).credentials().markUsedOnce(recovery.id(), NOW.plusMillis(call)));

        assertThat(wins).isEqualTo(1);
    }

    @Test
    void replaceSecret_fiftyConcurrentRehashesOfOneSecret_exactlyOneWins() throws Exception {
        StoredCredential password = newCredential("password");

        long wins = Concurrently.countTrue(50, call -> instance(call).credentials()
                .replaceSecret(password.id(), password.secret(), "$2a$12$rehash" + call));

        assertThat(wins).isEqualTo(1);
    }

    @Test
    void consumeChallenge_fiftyConcurrentCalls_exactlyOneWins() throws Exception {
        StoredChallenge challenge = newChallenge();

        long wins = Concurrently.countTrue(50, call -> instance(call).challenges().consume(challenge.hash(), NOW));

        assertThat(wins).isEqualTo(1);
    }

    @Test
    void tryAttemptChallenge_twoHundredConcurrentCallsWithMaximumFive_exactlyFiveSucceed() throws Exception {
        StoredChallenge challenge = newChallenge();

        long wins = Concurrently.countTrue(200, call -> instance(call).challenges().tryAttempt(challenge.hash(), 5));

        assertThat(wins).isEqualTo(5);
        assertThat(stores().challenges().find(challenge.hash()))
                .hasValueSatisfying(found -> assertThat(found.attempts()).isEqualTo(5));
    }
}
