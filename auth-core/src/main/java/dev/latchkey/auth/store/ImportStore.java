package dev.latchkey.auth.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What importing accounts needs beyond the other stores: an external id per account (the id the application knew it
 * by before Latchkey, unique across accounts), looking many accounts up at once, and a batch write that lands whole or
 * not at all. Reached through {@link AuthStores#imports()}.
 *
 * <p>Every method throws {@link dev.latchkey.auth.AuthException} with
 * {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when the store fails. Deleting an account forgets its
 * external id.
 */
public interface ImportStore {
    /**
     * Every account whose external id is one of {@code externalIds}, or whose identifying email or phone is one of
     * {@code emails} or {@code phones} (never a pending one), each once, in one read. Each collection holds at most
     * 1000 values and may be empty.
     */
    List<ImportMatch> findMatches(Collection<String> externalIds, Collection<String> emails,
                                  Collection<String> phones);

    /** The account imported under this external id. */
    Optional<String> findUserIdByExternalId(String externalId);

    /**
     * Adds the accounts, each with its external id (or none) and password credential (or none), in one transaction:
     * all of them or none.
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#ACCOUNT_EXISTS} when an
     *                                         identifying email or phone, or an external id, is taken (by an existing
     *                                         account or by another of {@code accounts}); nothing was written then
     */
    void insertAll(List<StoredImport> accounts);
}
