package dev.latchkey.auth.store;

import dev.latchkey.auth.AccountStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * What the online access-token check needs of a session and its account, read together
 * ({@link AuthStores#sessionStanding}).
 *
 * @param userId            the session's account
 * @param status            the account's status
 * @param tokensValidFrom   the account's cut-off for tokens issued before it, or null
 * @param revokedAt         when the session was revoked, or null
 * @param absoluteExpiresAt when the session ends however often refreshed
 */
public record SessionStanding(String userId, AccountStatus status, Instant tokensValidFrom, Instant revokedAt,
                              Instant absoluteExpiresAt) {
    /** Checks the required fields. */
    public SessionStanding {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(absoluteExpiresAt, "absoluteExpiresAt");
    }
}
