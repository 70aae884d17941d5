package dev.latchkey.auth.store;

import java.util.Objects;

/**
 * One row of {@link CredentialStore#countAllByKeyId}: how many credentials of one type have their secret tagged with
 * one master-key id, used or not.
 *
 * @param type  the credential type
 * @param keyId the master-key id the secret is tagged with ({@code @<id>:...}), or {@code ""} for an untagged secret
 *              or none
 * @param used  whether these credentials have a recorded last use ({@code lastUsedAt} set, e.g. by
 *              {@link CredentialStore#markUsedOnce})
 * @param count how many (at least 1)
 */
public record CredentialKeyCount(String type, String keyId, boolean used, long count) {
    /** Checks the fields. */
    public CredentialKeyCount {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(keyId, "keyId");
    }
}
