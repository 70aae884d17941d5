package dev.latchkey.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * One active session of a user, for a "where am I logged in" page.
 *
 * @param id            the session id
 * @param createdAt     the login time
 * @param lastUsedAt    the last refresh, or the login
 * @param expiresAt     the absolute expiry
 * @param clientAddress the client's address at login, when the host passed one
 * @param userAgent     the client's user agent at login, when the host passed one
 */
public record SessionInfo(String id, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
                          Optional<String> clientAddress, Optional<String> userAgent) {
}
