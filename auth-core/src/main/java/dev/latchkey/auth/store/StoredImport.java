package dev.latchkey.auth.store;

import java.util.Objects;

/**
 * One account to add by {@link ImportStore#insertAll}.
 *
 * @param user       the account
 * @param externalId its external id (1-255 characters), or null
 * @param password   its password credential (of {@code user}, type {@code password}), or null
 */
public record StoredImport(StoredUser user, String externalId, StoredCredential password) {
    /** The longest external id. */
    public static final int MAX_EXTERNAL_ID = 255;

    /** Checks that the credential belongs to the account and the external id fits. */
    public StoredImport {
        Objects.requireNonNull(user, "user");
        if (externalId != null && (externalId.isEmpty() || externalId.length() > MAX_EXTERNAL_ID)) {
            throw new IllegalArgumentException("an external id is 1 to " + MAX_EXTERNAL_ID + " characters");
        }
        if (password != null && (!password.userId().equals(user.id()) || !password.type().equals("password"))) {
            throw new IllegalArgumentException("the password credential must be the account's, of type password");
        }
    }

    /** Leaves the account's contacts and the hash out. */
    @Override
    public String toString() {
        return "StoredImport[user=" + user.id() + ", password=" + (password != null) + "]";
    }
}
