package dev.latchkey.auth.imports;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Imports accounts with the password hashes they already have, and reports how many of those hashes remain.
 *
 * <p>Records are read from an iterator in batches ({@link ImportOptions#batchSize()}), so memory is bounded whatever
 * the input's size; each batch is checked, matched against the stores in one read, and its new accounts written in one
 * transaction. Importing is idempotent: a record whose external id (else email or phone) already identifies an account
 * is {@link ImportOutcome.Status#ALREADY_PRESENT} and changes nothing. A record whose contacts or external id belong
 * to a different account is a {@link ImportOutcome.Status#CONFLICT}, never merged. A bad field is
 * {@link ImportOutcome.Status#INVALID}, naming the field and the reason. Either way nothing of that record is written,
 * and the good records of the same batch still land. Accounts are active; contacts identify them, proved as the
 * record says.
 *
 * <p>A password hash is kept in its original format, recognised by its shape ({@link
 * dev.latchkey.auth.password.PasswordHashFormat}); an unknown or malformed one refuses the record. Until its owner's
 * first login replaces it by Latchkey's own form, it lacks the pepper: a stolen database exposes it to offline
 * guessing as it did before the import. Importing computes no hash.
 *
 * <p>Needs stores with {@link dev.latchkey.auth.store.AuthStores#imports()} ({@code auth-jdbc} and the in-memory stores
 * have it); without, the import methods throw {@link IllegalStateException}. Null arguments throw
 * {@link NullPointerException}, a null record too.
 */
public interface UserImports {
    /**
     * Imports every record the iterator gives, telling {@code listener} each outcome.
     *
     * @throws dev.latchkey.auth.AuthException {@code STORE_UNAVAILABLE} when the store fails; the batches before the
     *                                         failing one stay imported, and importing again resumes
     */
    ImportSummary importUsers(Iterator<ImportedUser> records, ImportOptions options, ImportListener listener);

    /** {@link #importUsers(Iterator, ImportOptions, ImportListener)} with the default options. */
    default ImportSummary importUsers(Iterable<ImportedUser> records, ImportListener listener) {
        return importUsers(records.iterator(), ImportOptions.defaults(), listener);
    }

    /** The id of the account imported under this external id. */
    Optional<String> findUserId(String externalId);

    /**
     * How many password hashes of each format are stored, by format: Latchkey's own ({@code bcrypt-hmac-sha384},
     * {@code argon2id-hmac-sha384}) and imported legacy ones ({@code bcrypt}, {@code pbkdf2-django}, ...).
     */
    Map<String, Long> passwordHashFormats();

    /** How many imported password hashes still wait for their owner's first login to be replaced. */
    long legacyPasswordHashes();
}
