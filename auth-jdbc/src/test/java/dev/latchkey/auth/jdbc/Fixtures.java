package dev.latchkey.auth.jdbc;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.store.StoredCode;
import dev.latchkey.auth.store.StoredRefreshToken;
import dev.latchkey.auth.store.StoredSession;
import dev.latchkey.auth.store.StoredUser;

/** Test records with fresh random ids, emails and hashes, at a fixed instant so that tests never read the clock. */
final class Fixtures {
    /** The fixed "now" of the tests, whole milliseconds as the stores keep them. */
    static final Instant NOW = Instant.parse("2030-06-01T12:00:00.123Z");

    private static final SecureRandom RANDOM = new SecureRandom();

    private Fixtures() {
    }

    /** A random id. */
    static String id() {
        return UUID.randomUUID().toString();
    }

    /** A random base64url string of 43 chars, shaped like a SHA-256 hash. */
    static String hash() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A random normalised email. */
    static String email() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    /** A random E.164 phone. */
    static String phone() {
        return "+1415" + (1_000_000 + RANDOM.nextInt(8_999_999));
    }

    /** An active account with an email, no phone, at version 1. */
    static StoredUser user() {
        return new StoredUser(id(), email(), true, null, false, null, null, AccountStatus.ACTIVE,
                Set.of("user"), Map.of("name", "Ada"), NOW, NOW, null, 1);
    }

    /** An account with both an email and a phone. */
    static StoredUser userWithPhone() {
        return new StoredUser(id(), email(), true, phone(), true, null, null, AccountStatus.ACTIVE, Set.of(), Map.of(), NOW,
                NOW, null, 1);
    }

    /** A session of {@code userId} created at {@link #NOW}, valid for 90 days. */
    static StoredSession session(String userId) {
        return session(userId, NOW, NOW.plus(Duration.ofDays(90)));
    }

    /** A session of {@code userId} created at {@code createdAt}, valid until {@code absoluteExpiresAt}. */
    static StoredSession session(String userId, Instant createdAt, Instant absoluteExpiresAt) {
        return new StoredSession(id(), userId, createdAt, createdAt, absoluteExpiresAt, null, "203.0.113.7",
                "JUnit/6");
    }

    /** An unused token of {@code sessionId} issued at {@code issuedAt}, idle-valid for 30 days. */
    static StoredRefreshToken token(String sessionId, Instant issuedAt) {
        return new StoredRefreshToken(hash(), sessionId, issuedAt, issuedAt.plus(Duration.ofDays(30)), null);
    }

    /** An unused code for {@code purpose} and {@code destination}, issued at {@code createdAt}, valid 5 minutes. */
    static StoredCode code(String purpose, String destination, Instant createdAt) {
        return new StoredCode(id(), purpose, destination, hash(), null, createdAt,
                createdAt.plus(Duration.ofMinutes(5)), 0, null);
    }
}
