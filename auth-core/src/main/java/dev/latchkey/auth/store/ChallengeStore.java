package dev.latchkey.auth.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Keeps single-use challenges by hash, shared by every instance: the second step of a login and the ceremonies of
 * factors. Deleting an account deletes its challenges.
 *
 * <p>Every method throws {@link dev.latchkey.auth.AuthException} with
 * {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when the store fails.
 */
public interface ChallengeStore {
    /** Adds a challenge. */
    void insert(StoredChallenge challenge);

    /** The challenge with this hash, used or not, expired or not. */
    Optional<StoredChallenge> find(String hash);

    /**
     * Atomically counts one answer checked against the challenge, if it is unconsumed and has been tried fewer than
     * {@code maxAttempts} times. Across any number of concurrent callers, at most {@code maxAttempts} calls ever
     * return true for one challenge.
     */
    boolean tryAttempt(String hash, int maxAttempts);

    /** Atomically marks an unconsumed challenge used; exactly one concurrent caller gets true. */
    boolean consume(String hash, Instant at);

    /** Deletes challenges that expired, or were consumed, before {@code cutOff}; returns how many. */
    int purgeExpired(Instant cutOff);
}
