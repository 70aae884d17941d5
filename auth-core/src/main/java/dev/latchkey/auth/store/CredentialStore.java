package dev.latchkey.auth.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the credentials of every factor, apart from the accounts: password hashes now, TOTP secrets, recovery codes
 * and passkeys from their modules. Deleting an account deletes its credentials.
 *
 * <p>Every method throws {@link dev.latchkey.auth.AuthException} with
 * {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when the store fails. The conditional writes are atomic
 * across every process sharing the store.
 */
public interface CredentialStore {
    /**
     * Adds a credential.
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#ACCOUNT_EXISTS} when another
     *                                         credential of the same type has the same {@code externalId}
     */
    void insert(StoredCredential credential);

    /**
     * Replaces every credential of {@code type} of the user with {@code replacements} (which may be empty), in one
     * transaction: setting a password, regenerating recovery codes.
     */
    void replaceAll(String userId, String type, List<StoredCredential> replacements);

    /** The user's credentials of this type, oldest first. */
    List<StoredCredential> findByUser(String userId, String type);

    /** Every credential of the user, of every type, oldest first. */
    List<StoredCredential> findByUser(String userId);

    /** The credential of this type known by this external id. */
    Optional<StoredCredential> findByExternalId(String type, String externalId);

    /**
     * Replaces the secret if it is still {@code expectedSecret} (compare-and-set): rehashing a password on login must
     * not overwrite a password changed meanwhile. True when it was replaced.
     */
    boolean replaceSecret(String id, String expectedSecret, String newSecret);

    /**
     * Replaces the secret and the data together if the secret is still {@code expectedSecret} (compare-and-set, one
     * atomic write): an imported password hash becomes Latchkey's own, with the format its data names, and never
     * overwrites a password changed meanwhile. True when it was replaced.
     */
    boolean replaceSecret(String id, String expectedSecret, String newSecret, String newData);

    /**
     * How many credentials of {@code type} there are for each value of their data (a null data is the key
     * {@code ""}), in one read: how many password hashes of each format remain.
     */
    Map<String, Long> countByData(String type);

    /**
     * Sets the counter to {@code next} and the last use to {@code usedAt} if the stored counter is below {@code next}.
     * Of concurrent callers with the same {@code next}, exactly one gets true: a TOTP step or a sign count is accepted
     * once.
     */
    boolean advanceCounter(String id, long next, Instant usedAt);

    /**
     * Sets the counter to {@code next}, the last use to {@code usedAt} and the data to {@code newData} in one atomic
     * write if the stored counter is still {@code expectedCounter} (compare-and-set): a passkey's sign count and the
     * flags its assertion showed. Of concurrent callers with the same {@code expectedCounter}, exactly one gets true.
     */
    boolean recordUse(String id, long expectedCounter, long next, Instant usedAt, String newData);

    /** Sets the last use if the credential was never used; exactly one concurrent caller gets true (single use). */
    boolean markUsedOnce(String id, Instant usedAt);

    /** Records a use without any condition. */
    void touch(String id, Instant usedAt);

    /** Renames a credential of this user; false if the user has no such credential. */
    boolean relabel(String userId, String id, String label);

    /** Deletes a credential of this user; false if the user has no such credential. */
    boolean delete(String userId, String id);

    /**
     * Up to {@code limit} credentials of {@code type} whose id comes after {@code afterId} (null: from the first), in
     * the order of their ids: walks every credential of a type in bounded batches (rewriting secrets under a new
     * master key).
     */
    List<StoredCredential> findByType(String type, String afterId, int limit);

    /**
     * How many credentials of {@code type} there are for each master-key id their secret is tagged with, and within
     * it for each value of their data (a null data is {@code ""}), in one read: the id is the 12 characters after a
     * leading {@code @} when the 14th character is {@code :} ({@code @<id>:<value>}); untagged secrets, and
     * credentials without one, count under {@code ""}. For types whose data takes few values (hash formats, TOTP
     * shapes).
     */
    Map<String, Map<String, Long>> countByKeyId(String type);

    /**
     * How many credentials of every type there are for each master-key id their secret is tagged with (as in
     * {@link #countByKeyId}) and whether they were used, in one read (one {@code GROUP BY} of type, key id and used):
     * master-key rotation counts what refers to a key whatever the factors of the counting instance declare.
     */
    List<CredentialKeyCount> countAllByKeyId();
}
