package dev.latchkey.auth.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Keeps one-time codes by hash. The newest code for a purpose and destination is the only one that can work.
 *
 * <p>Every method throws {@link dev.latchkey.auth.AuthException} with
 * {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when the store fails.
 */
public interface OtpCodeStore {
    /** Adds a code and deletes every other unconsumed code for the same purpose and destination, atomically. */
    void replace(StoredCode code);

    /** The newest unconsumed code for this purpose and destination, expired or not. */
    Optional<StoredCode> findLatest(String purpose, String destination);

    /**
     * Atomically counts one check of the code, if it is unconsumed and has been checked fewer than
     * {@code maxAttempts} times. Across any number of concurrent callers, at most {@code maxAttempts} calls ever
     * return true for one code.
     */
    boolean tryAttempt(String codeId, int maxAttempts);

    /** Atomically marks an unconsumed code used; exactly one concurrent caller gets true. */
    boolean consume(String codeId, Instant at);

    /** Deletes a code (for example when its delivery failed); false if it was not there. */
    boolean delete(String codeId);

    /** Deletes codes that expired, or were consumed, before {@code cutOff}; returns how many. */
    int purgeExpired(Instant cutOff);
}
