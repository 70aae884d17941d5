package dev.latchkey.auth.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps sessions and their refresh tokens (by hash only).
 *
 * <p>Every method throws {@link dev.latchkey.auth.AuthException} with
 * {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when the store fails.
 */
public interface RefreshTokenStore {
    /** A token found by its hash, with its session. */
    record Lookup(StoredRefreshToken token, StoredSession session) {
    }

    /** Starts a session with its first refresh token, in one transaction. */
    void createSession(StoredSession session, StoredRefreshToken firstToken);

    /** The token with this hash and its session, used or not. */
    Optional<Lookup> findToken(String tokenHash);

    /**
     * Atomically marks an unused token used and adds its successor to the same session.
     *
     * <p>Exactly one of any number of concurrent calls with the same {@code usedTokenHash} returns true, across every
     * process sharing the store; the others return false and write nothing.
     */
    boolean rotate(String usedTokenHash, Instant usedAt, StoredRefreshToken successor);

    /**
     * Records that the user authenticated again in a live session (step-up), in one transaction: the session's
     * {@code amr} and {@code authTime} become these, every unused refresh token of it is marked used at
     * {@code authTime}, and {@code successor} is added. False, writing nothing, when the session is revoked or past its
     * absolute expiry at {@code authTime}.
     */
    boolean reauthenticate(String sessionId, String amr, Instant authTime, StoredRefreshToken successor);

    /** The session with this id. */
    Optional<StoredSession> findSession(String sessionId);

    /** Revokes one session; false if it was unknown or already revoked. */
    boolean revokeSession(String sessionId, Instant at);

    /** Revokes every active session of a user except {@code keepSessionId} (null keeps none); returns how many. */
    int revokeAllSessions(String userId, String keepSessionId, Instant at);

    /** A user's sessions that are neither revoked nor past their absolute expiry at {@code now}, newest first. */
    List<StoredSession> listActiveSessions(String userId, Instant now);

    /**
     * Deletes sessions (and their tokens) that ended before {@code cutOff}: past their absolute expiry, revoked, or
     * whose every token passed its idle expiry. Returns how many sessions were deleted.
     */
    int purgeExpired(Instant cutOff);
}
