package dev.latchkey.auth.store;

import java.util.List;
import java.util.Optional;

/**
 * Keeps accounts. Emails and phones arrive normalised; each is unique across accounts.
 *
 * <p>Every method throws {@link dev.latchkey.auth.AuthException} with
 * {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when the store fails.
 */
public interface UserStore {
    /**
     * Adds a new account.
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#ACCOUNT_EXISTS} when its email
     *                                         or phone already belongs to an account
     */
    void insert(StoredUser user);

    /** The account with this id. */
    Optional<StoredUser> findById(String id);

    /** The account with this normalised email. */
    Optional<StoredUser> findByEmail(String email);

    /** The account with this E.164 phone. */
    Optional<StoredUser> findByPhone(String phone);

    /**
     * Replaces the account if its stored version is still {@code next.version() - 1}.
     *
     * @return false when another writer changed (or deleted) it first; nothing was written then
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#ACCOUNT_EXISTS} when the new
     *                                         email or phone belongs to another account
     */
    boolean update(StoredUser next);

    /** Deletes the account and everything the store keeps for it (sessions, tokens); false if it was not there. */
    boolean delete(String id);

    /** A page of accounts, oldest first. */
    List<StoredUser> list(int offset, int limit);
}
