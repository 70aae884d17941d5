package dev.latchkey.auth.store;

import java.util.Objects;

/**
 * An existing account as the import matches records against it.
 *
 * @param userId     the account
 * @param externalId its external id, or null
 * @param email      its identifying email, or null
 * @param phone      its identifying phone, or null
 */
public record ImportMatch(String userId, String externalId, String email, String phone) {
    /** Checks the id. */
    public ImportMatch {
        Objects.requireNonNull(userId, "userId");
    }

    /** Leaves the contacts out. */
    @Override
    public String toString() {
        return "ImportMatch[userId=" + userId + "]";
    }
}
