package dev.latchkey.auth.testkit.contract;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.store.StoredChallenge;
import dev.latchkey.auth.store.StoredCode;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredRefreshToken;
import dev.latchkey.auth.store.StoredSession;
import dev.latchkey.auth.store.StoredUser;

/**
 * Records for store tests, each with fresh random ids, contacts and hashes so that tests sharing one store never
 * collide, at a fixed instant so that no test reads the clock.
 */
public final class StoreFixtures {
    /** The fixed "now" of the contracts, in whole milliseconds, which is what SQL stores keep. */
    public static final Instant NOW = Instant.parse("2030-06-01T12:00:00.123Z");

    private static final SecureRandom RANDOM = new SecureRandom();

    private StoreFixtures() {
    }

    /** A random UUID string. */
    public static String id() {
        return UUID.randomUUID().toString();
    }

    /** A random base64url string of 43 characters, shaped like a SHA-256 hash. */
    public static String hash() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A random normalised email. */
    public static String email() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    /** A random E.164 phone number. */
    public static String phone() {
        return "+1415" + (1_000_000 + RANDOM.nextInt(8_999_999));
    }

    /** An active account with a verified email, no phone, no pending contact, at version 1. */
    public static StoredUser user() {
        return new StoredUser(id(), email(), true, null, false, null, null, AccountStatus.ACTIVE, Set.of("user"),
                Map.of("name", "Ada"), NOW, NOW, null, 1);
    }

    /** An active account with both a verified email and a verified phone. */
    public static StoredUser userWithPhone() {
        return new StoredUser(id(), email(), true, phone(), true, null, null, AccountStatus.ACTIVE, Set.of(),
                Map.of(), NOW, NOW, null, 1);
    }

    /** A registration waiting for its code: only a pending email, in PENDING_VERIFICATION, created at {@code at}. */
    public static StoredUser pendingRegistration(String pendingEmail, Instant at) {
        return new StoredUser(id(), null, false, null, false, pendingEmail, null, AccountStatus.PENDING_VERIFICATION,
                Set.of(), Map.of(), at, at, null, 1);
    }

    /** A session of {@code userId} created at {@link #NOW}, valid for 90 days. */
    public static StoredSession session(String userId) {
        return session(userId, NOW, NOW.plus(Duration.ofDays(90)));
    }

    /** A session of {@code userId} created at {@code createdAt}, valid until {@code absoluteExpiresAt}. */
    public static StoredSession session(String userId, Instant createdAt, Instant absoluteExpiresAt) {
        return new StoredSession(id(), userId, createdAt, createdAt, absoluteExpiresAt, null, "203.0.113.7",
                "JUnit/6", "pwd", createdAt);
    }

    /** An unused token of {@code sessionId} issued at {@code issuedAt}, idle-valid for 30 days. */
    public static StoredRefreshToken token(String sessionId, Instant issuedAt) {
        return new StoredRefreshToken(hash(), sessionId, issuedAt, issuedAt.plus(Duration.ofDays(30)), null);
    }

    /** An unused code for {@code purpose} and {@code destination}, issued at {@code createdAt}, valid 5 minutes. */
    public static StoredCode code(String purpose, String destination, Instant createdAt) {
        return new StoredCode(id(), purpose, destination, hash(), null, createdAt,
                createdAt.plus(Duration.ofMinutes(5)), 0, null);
    }

    /** A never-used credential of {@code type} for {@code userId}, with a secret and no external id, added at NOW. */
    public static StoredCredential credential(String userId, String type) {
        return credential(userId, type, NOW);
    }

    /** {@link #credential(String, String)} added at {@code createdAt}. */
    public static StoredCredential credential(String userId, String type, Instant createdAt) {
        return new StoredCredential(id(), userId, type, null, null, "$2a$11$" + hash(), null, 0, createdAt, null);
    }

    /** An unused second-factor challenge bound to {@code userId} (or to nobody when null), valid 5 minutes from NOW. */
    public static StoredChallenge challenge(String userId) {
        return challenge(userId, NOW);
    }

    /** {@link #challenge(String)} issued at {@code createdAt}. */
    public static StoredChallenge challenge(String userId, Instant createdAt) {
        return new StoredChallenge(hash(), "second_factor", userId, null, createdAt,
                createdAt.plus(Duration.ofMinutes(5)), 0, null);
    }
}
