package dev.latchkey.auth.store;

import java.util.List;
import java.util.Optional;

/**
 * Keeps accounts. Emails and phones arrive normalised; each identifying one ({@link StoredUser#email()},
 * {@link StoredUser#phone()}) is unique across accounts, pending ones are not.
 *
 * <p>Every method throws {@link dev.latchkey.auth.AuthException} with
 * {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when the store fails.
 */
public interface UserStore {
    /**
     * Adds a new account.
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#ACCOUNT_EXISTS} when its
     *                                         identifying email or phone already belongs to an account
     */
    void insert(StoredUser user);

    /** The account with this id. */
    Optional<StoredUser> findById(String id);

    /** The account this normalised email identifies (never one where it is only pending). */
    Optional<StoredUser> findByEmail(String email);

    /** The account this E.164 phone identifies (never one where it is only pending). */
    Optional<StoredUser> findByPhone(String phone);

    /**
     * The newest account in {@link dev.latchkey.auth.AccountStatus#PENDING_VERIFICATION} that claims this email as
     * its pending email: the registration a new sign-up for the same email replaces.
     */
    Optional<StoredUser> findPendingRegistrationByEmail(String email);

    /** As {@link #findPendingRegistrationByEmail} for a pending phone. */
    Optional<StoredUser> findPendingRegistrationByPhone(String phone);

    /**
     * The account this normalised email identifies or, when none does, the newest pending registration claiming it:
     * {@link #findByEmail}, then {@link #findPendingRegistrationByEmail} when that found nothing. Which of the two
     * it is shows in the result: only the identifying account has this email as its {@code email}. A store may
     * answer both in one read.
     */
    default Optional<StoredUser> findByEmailOrPendingRegistration(String email) {
        Optional<StoredUser> found = findByEmail(email);
        return found.isPresent() ? found : findPendingRegistrationByEmail(email);
    }

    /** As {@link #findByEmailOrPendingRegistration} for a phone. */
    default Optional<StoredUser> findByPhoneOrPendingRegistration(String phone) {
        Optional<StoredUser> found = findByPhone(phone);
        return found.isPresent() ? found : findPendingRegistrationByPhone(phone);
    }

    /**
     * Replaces the account if its stored version is still {@code next.version() - 1}.
     *
     * @return false when another writer changed (or deleted) it first; nothing was written then
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#ACCOUNT_EXISTS} when the new
     *                                         identifying email or phone belongs to another account
     */
    boolean update(StoredUser next);

    /**
     * Deletes the account and everything the stores keep for it (sessions, refresh tokens, credentials, challenges);
     * false if it was not there.
     */
    boolean delete(String id);

    /** A page of accounts, oldest first. */
    List<StoredUser> list(int offset, int limit);
}
