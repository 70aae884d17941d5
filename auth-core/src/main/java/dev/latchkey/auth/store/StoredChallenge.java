package dev.latchkey.auth.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A short-lived, single-use challenge as a {@link ChallengeStore} keeps it: the second step of a login, or a factor's
 * ceremony (a WebAuthn challenge). Known to the store by the SHA-256 of the opaque value only.
 *
 * @param hash       base64url SHA-256 of the opaque challenge handed to the client
 * @param purpose    what it is for, 1-32 of {@code a-z 0-9 _ -} ({@code second_factor}, ...)
 * @param userId     the account it is bound to, or null (a usernameless ceremony)
 * @param data       what the issuer needs to continue (the factors already passed), or null
 * @param createdAt  when it was issued
 * @param expiresAt  when it stops working
 * @param attempts   how many answers were checked against it
 * @param consumedAt when it was used, or null
 */
public record StoredChallenge(String hash, String purpose, String userId, String data, Instant createdAt,
                              Instant expiresAt, int attempts, Instant consumedAt) {
    /** Checks the required fields. */
    public StoredChallenge {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!StoredCredential.TYPE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("challenge purpose must be 1-32 of a-z 0-9 _ -");
        }
    }

    /** Leaves the hash and the data out. */
    @Override
    public String toString() {
        return "StoredChallenge[purpose=" + purpose + ", userId=" + userId + ", expiresAt=" + expiresAt
                + ", attempts=" + attempts + ", consumedAt=" + consumedAt + "]";
    }
}
