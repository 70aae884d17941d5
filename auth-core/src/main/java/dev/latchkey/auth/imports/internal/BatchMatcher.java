package dev.latchkey.auth.imports.internal;

import dev.latchkey.auth.imports.ImportOutcome;
import dev.latchkey.auth.imports.ImportOutcome.Status;
import dev.latchkey.auth.store.ImportMatch;
import dev.latchkey.auth.store.ImportStore;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches the records of one batch against the accounts that already have their external ids, emails or phones (read
 * in one {@link ImportStore#findMatches}) and against the batch's earlier records, which {@link #claim} adds.
 *
 * <p>A record whose external id is known is that account, unless its email or phone belongs to another one. Without
 * a known external id, its email or phone finds the account, unless the two find different accounts or the account
 * found was imported under another external id. A record that finds nothing is new.
 */
final class BatchMatcher {
    private final Map<String, ImportMatch> byExternalId = new HashMap<>();
    private final Map<String, ImportMatch> byEmail = new HashMap<>();
    private final Map<String, ImportMatch> byPhone = new HashMap<>();

    private BatchMatcher() {
    }

    /** A matcher that knows every stored account sharing a key with one of {@code candidates}. */
    static BatchMatcher of(ImportStore store, List<ImportCandidate> candidates) {
        Set<String> externalIds = new LinkedHashSet<>();
        Set<String> emails = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        for (ImportCandidate c : candidates) {
            addIfPresent(externalIds, c.externalId());
            addIfPresent(emails, c.email());
            addIfPresent(phones, c.phone());
        }
        BatchMatcher matcher = new BatchMatcher();
        if (!candidates.isEmpty()) {
            store.findMatches(externalIds, emails, phones).forEach(matcher::add);
        }
        return matcher;
    }

    /** The outcome of a record that finds an account (present, or a conflict), or null for a new one. */
    ImportOutcome match(ImportCandidate c) {
        ImportMatch email = c.email() == null ? null : byEmail.get(c.email());
        ImportMatch phone = c.phone() == null ? null : byPhone.get(c.phone());
        ImportMatch known = c.externalId() == null ? null : byExternalId.get(c.externalId());
        if (known != null) {
            if (email != null && !email.userId().equals(known.userId())) {
                return conflict(c, "email", email, "the email belongs to another account than the external id");
            }
            if (phone != null && !phone.userId().equals(known.userId())) {
                return conflict(c, "phone", phone, "the phone belongs to another account than the external id");
            }
            return new ImportOutcome(c.record(), Status.ALREADY_PRESENT, known.userId(), null, null);
        }
        if (email == null && phone == null) {
            return null;
        }
        if (email != null && phone != null && !email.userId().equals(phone.userId())) {
            return conflict(c, "phone", phone, "the email and the phone belong to two different accounts");
        }
        ImportMatch found = email != null ? email : phone;
        if (c.externalId() != null && found.externalId() != null && !found.externalId().equals(c.externalId())) {
            return conflict(c, email != null ? "email" : "phone", found,
                    "the " + (email != null ? "email" : "phone") + " belongs to an account imported under another "
                            + "external id");
        }
        return new ImportOutcome(c.record(), Status.ALREADY_PRESENT, found.userId(), null, null);
    }

    /** Makes a new record's keys known, so a later record of the same batch finds its account. */
    void claim(ImportCandidate c, String userId) {
        add(new ImportMatch(userId, c.externalId(), c.email(), c.phone()));
    }

    private void add(ImportMatch m) {
        if (m.externalId() != null) {
            byExternalId.putIfAbsent(m.externalId(), m);
        }
        if (m.email() != null) {
            byEmail.putIfAbsent(m.email(), m);
        }
        if (m.phone() != null) {
            byPhone.putIfAbsent(m.phone(), m);
        }
    }

    private static ImportOutcome conflict(ImportCandidate c, String field, ImportMatch other, String reason) {
        return new ImportOutcome(c.record(), Status.CONFLICT, other.userId(), field, reason);
    }

    private static void addIfPresent(Set<String> values, String value) {
        if (value != null) {
            values.add(value);
        }
    }
}
