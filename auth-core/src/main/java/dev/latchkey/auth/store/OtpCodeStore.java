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

    /**
     * The newest unconsumed code of {@link #findLatest}, as it was read, and whether one check of it was counted.
     *
     * @param code      the code; its {@code attempts} as read, before this check
     * @param attempted whether {@link #tryAttempt} counted this check
     */
    record Attempt(StoredCode code, boolean attempted) {
    }

    /**
     * {@link #findLatest}, then {@link #tryAttempt} of the code found if it is live at {@code now} and its subject is
     * {@code subject} (any subject when null): one check counted on the code a caller is about to compare, as
     * atomically as {@link #tryAttempt}. Empty when there is no unconsumed code. A store may do both in one statement;
     * the default calls the two methods.
     *
     * @param maxAttempts as for {@link #tryAttempt}; 0 counts nothing and only reads
     */
    default Optional<Attempt> findLatestAndAttempt(String purpose, String destination, String subject, Instant now,
                                                   int maxAttempts) {
        return findLatest(purpose, destination).map(c -> new Attempt(c, maxAttempts > 0 && now.isBefore(c.expiresAt())
                && (subject == null || subject.equals(c.subject())) && tryAttempt(c.id(), maxAttempts)));
    }

    /** Atomically marks an unconsumed code used; exactly one concurrent caller gets true. */
    boolean consume(String codeId, Instant at);

    /** Deletes a code (for example when its delivery failed); false if it was not there. */
    boolean delete(String codeId);

    /** Deletes codes that expired, or were consumed, before {@code cutOff}; returns how many. */
    int purgeExpired(Instant cutOff);
}
