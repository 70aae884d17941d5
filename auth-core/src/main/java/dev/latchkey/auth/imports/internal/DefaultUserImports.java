package dev.latchkey.auth.imports.internal;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.imports.ImportListener;
import dev.latchkey.auth.imports.ImportOptions;
import dev.latchkey.auth.imports.ImportOutcome;
import dev.latchkey.auth.imports.ImportOutcome.Status;
import dev.latchkey.auth.imports.ImportSummary;
import dev.latchkey.auth.imports.ImportedUser;
import dev.latchkey.auth.imports.UserImports;
import dev.latchkey.auth.internal.Core;
import dev.latchkey.auth.internal.Ids;
import dev.latchkey.auth.password.internal.PasswordCheck;
import dev.latchkey.auth.password.internal.PasswordHashes;
import dev.latchkey.auth.store.ImportStore;
import dev.latchkey.auth.store.StoredImport;
import dev.latchkey.auth.store.StoredUser;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The import over the core's stores: batches read from the iterator, checked ({@link ImportCandidate}), matched in one
 * read ({@link BatchMatcher}), and their new accounts written in one {@link ImportStore#insertAll}. When that batch
 * write meets a contact or external id taken meanwhile by another writer, the batch's new accounts are written one by
 * one instead, so only the record that lost the race is a conflict.
 */
public final class DefaultUserImports implements UserImports {
    private final Core core;
    private final PasswordCheck passwords;
    private final PasswordHashes hashes;

    /** The import over the core; {@code passwords} makes the legacy credentials. */
    public DefaultUserImports(Core core, PasswordCheck passwords, PasswordHashes hashes) {
        this.core = core;
        this.passwords = passwords;
        this.hashes = hashes;
    }

    @Override
    public ImportSummary importUsers(Iterator<ImportedUser> records, ImportOptions options, ImportListener listener) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        ImportStore store = store();
        long[] counts = new long[Status.values().length];
        long read = 0;
        List<ImportCandidate> batch = new ArrayList<>(options.batchSize());
        while (records.hasNext()) {
            ImportedUser user = Objects.requireNonNull(records.next(), "record");
            read++;
            batch.add(ImportCandidate.check(read, user, core, hashes));
            if (batch.size() == options.batchSize() || !records.hasNext()) {
                for (ImportOutcome outcome : importBatch(store, batch, options.dryRun())) {
                    counts[outcome.status().ordinal()]++;
                    listener.outcome(outcome);
                }
                batch.clear();
            }
        }
        return new ImportSummary(read, counts[Status.IMPORTED.ordinal()], counts[Status.ALREADY_PRESENT.ordinal()],
                counts[Status.CONFLICT.ordinal()], counts[Status.INVALID.ordinal()], options.dryRun());
    }

    private List<ImportOutcome> importBatch(ImportStore store, List<ImportCandidate> batch, boolean dryRun) {
        ImportOutcome[] outcomes = new ImportOutcome[batch.size()];
        List<ImportCandidate> valid = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            ImportCandidate c = batch.get(i);
            if (c.valid()) {
                valid.add(c);
            } else {
                outcomes[i] = new ImportOutcome(c.record(), Status.INVALID, null, c.field(), c.reason());
            }
        }
        BatchMatcher matcher = BatchMatcher.of(store, valid);
        long first = batch.get(0).record();
        List<StoredImport> fresh = new ArrayList<>();
        List<ImportCandidate> freshCandidates = new ArrayList<>();
        for (ImportCandidate c : valid) {
            ImportOutcome matched = matcher.match(c);
            if (matched != null) {
                outcomes[(int) (c.record() - first)] = matched;
                continue;
            }
            StoredImport account = toStored(c);
            matcher.claim(c, account.user().id());
            fresh.add(account);
            freshCandidates.add(c);
            outcomes[(int) (c.record() - first)] = new ImportOutcome(c.record(), Status.IMPORTED,
                    account.user().id(), null, null);
        }
        if (!dryRun && !fresh.isEmpty()) {
            write(store, fresh, freshCandidates, outcomes, first);
        }
        List<ImportOutcome> result = List.of(outcomes);
        if (!dryRun) {
            long imported = result.stream().filter(o -> o.status() == Status.IMPORTED).count();
            long rejected = result.stream().filter(ImportOutcome::rejected).count();
            core.events().emit(AuthEventType.USERS_IMPORTED, null, null, null, null, null, "records " + first + "-"
                    + (first + batch.size() - 1) + ": " + imported + " imported, " + rejected + " rejected");
        }
        return result;
    }

    /** Writes the batch's new accounts together, or one by one when another writer took one of their keys. */
    private void write(ImportStore store, List<StoredImport> fresh, List<ImportCandidate> candidates,
                       ImportOutcome[] outcomes, long first) {
        try {
            store.insertAll(fresh);
            return;
        } catch (AuthException e) {
            if (e.code() != AuthErrorCode.ACCOUNT_EXISTS) {
                throw e;
            }
        }
        for (int i = 0; i < fresh.size(); i++) {
            try {
                store.insertAll(List.of(fresh.get(i)));
            } catch (AuthException e) {
                if (e.code() != AuthErrorCode.ACCOUNT_EXISTS) {
                    throw e;
                }
                long record = candidates.get(i).record();
                outcomes[(int) (record - first)] = new ImportOutcome(record, Status.CONFLICT, null, "email",
                        "the email, phone or external id was taken by another account while importing");
            }
        }
    }

    private StoredImport toStored(ImportCandidate c) {
        String id = Ids.timeOrdered(core.now());
        StoredUser user = new StoredUser(id, c.email(), c.email() != null && c.emailVerified(), c.phone(),
                c.phone() != null && c.phoneVerified(), null, null, AccountStatus.ACTIVE, c.roles(), c.profile(),
                c.createdAt(), core.now(), null, 1);
        return new StoredImport(user, c.externalId(), c.hash() == null ? null
                : passwords.legacyCredential(id, c.hash(), c.hashFormat(), core.now()));
    }

    @Override
    public Optional<String> findUserId(String externalId) {
        Objects.requireNonNull(externalId, "externalId");
        return store().findUserIdByExternalId(externalId);
    }

    @Override
    public Map<String, Long> passwordHashFormats() {
        return core.stores().credentials().countByData(Core.PASSWORD);
    }

    @Override
    public long legacyPasswordHashes() {
        return passwordHashFormats().entrySet().stream()
                .filter(e -> !PasswordHashes.isOwn(e.getKey().isEmpty() ? null : e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private ImportStore store() {
        return core.stores().imports().orElseThrow(() -> new IllegalStateException(
                "these stores cannot import accounts: AuthStores.imports() is empty"));
    }
}
