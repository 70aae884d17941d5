package dev.latchkey.auth.webauthn.internal;

import dev.latchkey.auth.factor.FactorContext;
import dev.latchkey.auth.store.StoredChallenge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The challenges of the ceremonies: 32 bytes from {@link SecureRandom}, handed out as base64url, kept in the
 * service's {@link dev.latchkey.auth.store.ChallengeStore} by their SHA-256 only, bound to a purpose (and a user,
 * where one is known), five minutes long, and used up once.
 */
public final class CeremonyChallenges {
    /** The purpose of a registration's challenge. */
    public static final String REGISTER = "passkey_register";
    /** The purpose of an authentication's challenge. */
    public static final String LOGIN = "passkey_login";
    /** How long a challenge lives. */
    public static final Duration TTL = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final FactorContext context;

    /** Challenges kept in the context's store. */
    public CeremonyChallenges(FactorContext context) {
        this.context = context;
    }

    /**
     * What {@link #account} answers for a challenge of named options whose contact names no account: no account id
     * (a UUID) is this, so every answer to such a challenge fails as an answer for another account does.
     */
    public static final String NOBODY = "passkey:nobody";

    /** A new challenge of this purpose, for {@code userId} (or any account, when null), already stored. */
    public String issue(String purpose, String userId) {
        return issue(purpose, userId, null);
    }

    /** A new challenge of this purpose for no account at all ({@link #NOBODY}), already stored. */
    public String issueForNobody(String purpose) {
        return issue(purpose, null, NOBODY);
    }

    /** The account a challenge is for: its user, {@link #NOBODY}, or null for any account. */
    public static String account(StoredChallenge challenge) {
        return NOBODY.equals(challenge.data()) ? NOBODY : challenge.userId();
    }

    private String issue(String purpose, String userId, String data) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String challenge = Base64Url.encode(bytes);
        Instant now = context.clock().instant();
        context.challenges().insert(new StoredChallenge(hash(challenge), purpose, userId, data, now, now.plus(TTL), 0,
                null));
        return challenge;
    }

    /** The stored, unused, unexpired challenge of this purpose that {@code challenge} is. */
    public Optional<StoredChallenge> live(String challenge, String purpose) {
        Instant now = context.clock().instant();
        return context.challenges().find(hash(challenge))
                .filter(c -> purpose.equals(c.purpose()) && c.consumedAt() == null && now.isBefore(c.expiresAt()));
    }

    /** Uses the challenge up; true for exactly one caller. */
    public boolean consume(StoredChallenge challenge) {
        return context.challenges().consume(challenge.hash(), context.clock().instant());
    }

    /** The base64url SHA-256 of the challenge's UTF-8 form, as the store knows it. */
    public static String hash(String challenge) {
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256")
                    .digest(challenge.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
