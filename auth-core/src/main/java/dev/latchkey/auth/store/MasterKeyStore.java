package dev.latchkey.auth.store;

import java.time.Instant;
import java.util.List;

/**
 * The registry of master-key ids a database relies on, so that an instance started with a master key the others do
 * not share (or without one the data still needs) fails at start-up instead of answering every login
 * {@code invalid_credentials}. It keeps ids only, never a key.
 *
 * <p>Every method throws {@link dev.latchkey.auth.AuthException} with
 * {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when the store fails. Writes are committed at once,
 * outside any transaction of the caller.
 */
public interface MasterKeyStore {
    /** Every registered key, lowest generation first. */
    List<StoredMasterKey> findAll();

    /**
     * Registers {@code key} unless its id or its generation is taken. Of concurrent callers registering the same
     * generation, exactly one gets true: this is what keeps two instances with different keys from both becoming the
     * database's key.
     */
    boolean insertIfAbsent(StoredMasterKey key);

    /**
     * Sets when the key was retired and removed (either may be null), and clears its announcement (an announced key
     * is updated when it becomes current); false when no key has this id.
     */
    boolean update(String keyId, Instant retiredAt, Instant removedAt);

    /**
     * Withdraws an announcement: sets the key's retirement and removal to {@code at} and clears its announcement, only
     * while it is still announced and not removed (one compare-and-set, so an instance that made the key current
     * meanwhile keeps it); false otherwise.
     */
    boolean withdraw(String keyId, Instant at);
}
