package dev.latchkey.auth.store;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One credential of an account, as a {@link CredentialStore} keeps it: a password hash, and (from the factor modules)
 * a TOTP secret, a recovery code or a passkey. The factor that owns a {@code type} decides what the fields hold.
 *
 * @param id         random identifier of this row
 * @param userId     the account it belongs to
 * @param type       the factor's credential type, 1-32 of {@code a-z 0-9 _ -} ({@code password}, {@code totp}, ...)
 * @param externalId an identifier the outside world knows it by (a passkey's credential id), unique per type, or
 *                   null
 * @param label      a name the user gave it, or null
 * @param secret     what must stay secret: a hash, or a value encrypted under the key-encryption key; or null
 * @param data       public data of the factor (a hash format, a COSE key, flags), or null
 * @param counter    a number the factor advances atomically (the last accepted TOTP step, a sign count)
 * @param createdAt  when it was added
 * @param lastUsedAt when it last authenticated someone, or null
 */
public record StoredCredential(String id, String userId, String type, String externalId, String label, String secret,
                               String data, long counter, Instant createdAt, Instant lastUsedAt) {
    /** What a credential type may be called. */
    public static final Pattern TYPE = Pattern.compile("^[a-z0-9_-]{1,32}$");

    /** Checks the required fields. */
    public StoredCredential {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("credential type must be 1-32 of a-z 0-9 _ -");
        }
    }

    /** A copy with another secret. */
    public StoredCredential withSecret(String newSecret) {
        return new StoredCredential(id, userId, type, externalId, label, newSecret, data, counter, createdAt,
                lastUsedAt);
    }

    /** Leaves the secret and the data out. */
    @Override
    public String toString() {
        return "StoredCredential[id=" + id + ", userId=" + userId + ", type=" + type + ", createdAt=" + createdAt
                + ", lastUsedAt=" + lastUsedAt + "]";
    }
}
