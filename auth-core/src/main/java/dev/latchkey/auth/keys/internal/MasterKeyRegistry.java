package dev.latchkey.auth.keys.internal;

import dev.latchkey.auth.internal.Keyring;
import dev.latchkey.auth.internal.Secrets;
import dev.latchkey.auth.keys.MasterKeys;
import dev.latchkey.auth.store.MasterKeyStore;
import dev.latchkey.auth.store.StoredMasterKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The start-up check of the configured master keys against the database's key registry ({@link MasterKeyStore}), so
 * that a mismatched master key fails start-up, whatever the signing algorithm, instead of answering every login
 * {@code invalid_credentials}.
 *
 * <p>The first instance on an empty registry registers its current key as generation 1, the origin: values without a
 * key id are its. Before that, what can be checked without a user's secret is: a stored signing key or encrypted factor
 * secret that does not decrypt under the key fails start-up (password hashes cannot be checked). Every registered key
 * that was never retired must be among the instance's keys (current or previous), or start-up fails naming the ids it
 * lacks. A current key the registry does not have is registered as the next generation; of instances registering one
 * generation at once exactly one wins, and the others check again, so two instances with different new keys never both
 * start. An instance whose current key is older than the registry's newest (phase 1 of a rotation, a rollback) starts,
 * since it must have the newer keys as previous keys, but never rewrites their values: the keyring it returns carries
 * the registry's generations ({@link Keyring#isOlder}). A retired key (nothing referred to it at the last rewrite) may be left out: it is counted once more, and
 * marked removed when nothing refers to it still, else start-up fails. Previous keys the registry does not know
 * (phase 1 of a rotation) are announced as the next generation: a phase-1 instance given a different new key than an
 * announced one fails start-up; an announced key is not relied on (instances without it still start, nothing is
 * stored under it) until an instance makes it current. An announcement older than
 * {@link MasterKeys#ANNOUNCEMENT_EXPIRY} no longer blocks a different new key: it is withdrawn (marked removed, so that
 * key never becomes current) and the new key announced. A previous key the registry forgot
 * ({@link MasterKeys#forget}) is configured harmlessly: the instance starts and logs a warning to drop it.
 */
public final class MasterKeyRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(MasterKeyRegistry.class);
    private static final int ATTEMPTS = 5;

    private MasterKeyRegistry() {
    }

    /**
     * Checks and registers the keys; returns the keyring with its origin set.
     *
     * @throws IllegalStateException naming key ids (never keys) when the keys do not match the database's
     */
    public static Keyring check(Keyring keyring, Optional<MasterKeyStore> registry, ReferenceCounts counts,
                                Supplier<FirstKey> firstKey, Clock clock) {
        if (registry.isEmpty()) {
            if (!keyring.previousIds().isEmpty()) {
                throw new IllegalStateException("previousMasterKeys need stores with a master-key registry "
                        + "(AuthStores.masterKeys(); JdbcAuthStores has one)");
            }
            return keyring;
        }
        MasterKeyStore store = registry.get();
        Set<String> configured = keyring.all().stream().map(Secrets.Keys::keyId).collect(Collectors.toSet());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<StoredMasterKey> rows = new ArrayList<>(store.findAll());
            rows.sort(Comparator.comparingInt(StoredMasterKey::generation));
            Instant now = clock.instant();
            if (rows.isEmpty()) {
                if (!keyring.previousIds().isEmpty()) {
                    throw new IllegalStateException("The database has no master-key registry yet, so it cannot tell "
                            + "which of the configured master keys (current " + keyring.currentId() + ", previous "
                            + keyring.previousIds() + ") its values were made under. Start once with only the master "
                            + "key the database was set up with, then rotate.");
                }
                FirstKey first = firstKey.get();
                if (first.problem().isPresent()) {
                    throw new IllegalStateException("Master key mismatch: " + first.problem().get() + " under this "
                            + "instance's master key " + keyring.currentId() + "; start with the key the database was "
                            + "set up with");
                }
                if (!first.confirmed()) {
                    LOG.warn("The database holds password hashes without key ids and no master-key registry: master "
                            + "key {} is registered as its first key at the first login that matches one (a wrong key "
                            + "never becomes the database's; until then logins answer invalid_credentials)",
                            keyring.currentId());
                    return keyring.withPendingRegistration(() -> registerFirst(store, keyring, clock));
                }
                registerFirst(store, keyring, clock);
                continue;
            }
            String origin = rows.get(0).keyId();
            requireRelied(keyring, rows, configured);
            for (StoredMasterKey row : rows) {
                if (row.removedAt() == null && !row.relied() && !row.announced()
                        && !configured.contains(row.keyId())) {
                    confirmRemoved(store, row, counts, origin, now);
                }
            }
            Optional<StoredMasterKey> current = rows.stream().filter(r -> r.keyId().equals(keyring.currentId()))
                    .findFirst();
            if (current.isPresent() && announce(store, keyring, rows, configured, now)) {
                continue;
            }
            if (current.isPresent()) {
                reinstate(store, current.get(), keyring);
                report(keyring, rows, current.get());
                return keyring.withRegistry(origin, rows.stream().collect(Collectors.toMap(StoredMasterKey::keyId,
                        StoredMasterKey::generation)));
            }
            int next = rows.get(rows.size() - 1).generation() + 1;
            if (store.insertIfAbsent(new StoredMasterKey(keyring.currentId(), next, now, null, null))) {
                LOG.info("Registered master key {} (generation {}); it makes every new value from now on",
                        keyring.currentId(), next);
            }
        }
        throw new IllegalStateException("Could not register master key " + keyring.currentId()
                + ": other instances kept registering keys meanwhile");
    }

    /** What the stored values say of the current key before a first registration. */
    public record FirstKey(Optional<String> problem, boolean confirmed) {
        /** The values cannot be the current key's, for this reason (no secret in it). */
        static FirstKey problem(String why) {
            return new FirstKey(Optional.of(why), false);
        }
    }

    private static void registerFirst(MasterKeyStore store, Keyring keyring, Clock clock) {
        if (store.insertIfAbsent(new StoredMasterKey(keyring.currentId(), 1, clock.instant(), null, null))) {
            LOG.info("Registered master key {} as the database's first key", keyring.currentId());
        }
    }

    /**
     * Phase 1: announces this instance's previous keys the registry does not know as the next generations (true when
     * it wrote, so the caller reads again); fails when another instance announced a different key not configured here.
     */
    private static boolean announce(MasterKeyStore store, Keyring keyring, List<StoredMasterKey> rows,
                                    Set<String> configured, Instant now) {
        Set<String> known = rows.stream().map(StoredMasterKey::keyId).collect(Collectors.toSet());
        List<String> unknown = keyring.previousIds().stream().filter(id -> !known.contains(id)).toList();
        if (unknown.isEmpty()) {
            return false;
        }
        List<StoredMasterKey> stale = rows.stream().filter(r -> r.announced() && r.removedAt() == null
                && !configured.contains(r.keyId())
                && !now.isBefore(r.announcedAt().plus(MasterKeys.ANNOUNCEMENT_EXPIRY))).toList();
        if (!stale.isEmpty()) {
            for (StoredMasterKey r : stale) {
                if (!store.withdraw(r.keyId(), now)) {
                    continue;
                }
                LOG.warn("Master key {} was announced at {} and never made current; the announcement expired and is "
                        + "withdrawn for this instance's new key {}: it can never become current", r.keyId(),
                        r.announcedAt(), unknown.get(0));
            }
            return true;
        }
        List<String> others = rows.stream().filter(r -> r.announced() && r.removedAt() == null
                && !configured.contains(r.keyId())).map(StoredMasterKey::keyId).toList();
        if (!others.isEmpty()) {
            throw new IllegalStateException("Master key(s) " + others + " are announced as the database's next key by "
                    + "other instances, but this instance's new previous key(s) are " + unknown + ": every instance "
                    + "must be given the same new key (AUTH_PREVIOUS_MASTER_KEYS in the example app), or the "
                    + "announcement withdrawn (AuthService.keys().forget(id)); it expires " + MasterKeys.ANNOUNCEMENT_EXPIRY
                    + " after it was made");
        }
        int next = rows.get(rows.size() - 1).generation() + 1;
        if (store.insertIfAbsent(new StoredMasterKey(unknown.get(0), next, now, null, null, now))) {
            LOG.info("Announced master key {} (generation {}) as the database's next key", unknown.get(0), next);
        }
        return true;
    }

    /** Fails unless every key the database relies on is configured (announced keys are not relied on yet). */
    private static void requireRelied(Keyring keyring, List<StoredMasterKey> rows, Set<String> configured) {
        List<String> relied = rows.stream().filter(r -> r.relied() && !r.announced()).map(StoredMasterKey::keyId)
                .toList();
        List<String> lacking = relied.stream().filter(id -> !configured.contains(id)).toList();
        if (lacking.isEmpty()) {
            return;
        }
        String mine = "current " + keyring.currentId() + (keyring.previousIds().isEmpty() ? ""
                : ", previous " + keyring.previousIds());
        if (relied.stream().noneMatch(configured::contains)) {
            throw new IllegalStateException("Master key mismatch: none of this instance's master keys (" + mine
                    + ") is one the database was set up with (" + relied + "). Every instance must be given the same "
                    + "master key (AUTH_MASTER_KEY in the example app).");
        }
        throw new IllegalStateException("This instance's master keys (" + mine + ") lack " + lacking + ", which the "
                + "database still relies on. Keep every key in previousMasterKeys until AuthService.keys().rewrite() "
                + "(rotate-keys in the example app) reports that nothing refers to it.");
    }

    /** Marks a retired key removed if nothing refers to it still; fails if something does. */
    private static void confirmRemoved(MasterKeyStore store, StoredMasterKey row, ReferenceCounts counts,
                                       String origin, Instant now) {
        Map<String, Long> left = counts.count(origin).getOrDefault(row.keyId(), Map.of());
        if (!left.isEmpty()) {
            throw new IllegalStateException("Master key " + row.keyId() + " was retired, but stored values refer to "
                    + "it again " + left + " (an instance kept writing under it). Add it back to previousMasterKeys "
                    + "and run the key rewrite again.");
        }
        store.update(row.keyId(), row.retiredAt(), now);
        LOG.info("Master key {} is removed: nothing refers to it", row.keyId());
    }

    /** A current key that a rewrite retired is relied on again, since it writes. */
    private static void reinstate(MasterKeyStore store, StoredMasterKey row, Keyring keyring) {
        if (row.removedAt() != null) {
            throw new IllegalStateException("Master key " + keyring.currentId() + " was removed from this database; "
                    + "it cannot be the current key again: configure a new one");
        }
        if (row.announced()) {
            store.update(row.keyId(), null, null);
            LOG.info("Master key {} was announced and is now current", row.keyId());
        } else if (!row.relied()) {
            store.update(row.keyId(), null, null);
            LOG.warn("Master key {} had been retired and is current again", row.keyId());
        }
    }

    private static void report(Keyring keyring, List<StoredMasterKey> rows, StoredMasterKey current) {
        List<String> newer = rows.stream().filter(r -> r.generation() > current.generation() && r.removedAt() == null
                && !r.announced()).map(StoredMasterKey::keyId).toList();
        if (!newer.isEmpty()) {
            LOG.warn("Master key {} is current here, but the database already has the newer key(s) {}: this instance "
                    + "reads their values and never rewrites them under its older key", keyring.currentId(), newer);
        }
        List<String> forgotten = rows.stream().filter(r -> r.removedAt() != null
                && keyring.previousIds().contains(r.keyId())).map(StoredMasterKey::keyId).toList();
        if (!forgotten.isEmpty()) {
            LOG.warn("Previous master key(s) {} were forgotten by the database: nothing refers to them; drop them from "
                    + "previousMasterKeys (AUTH_PREVIOUS_MASTER_KEYS in the example app)", forgotten);
        }
        List<String> announced = rows.stream().filter(r -> r.announced() && r.removedAt() == null)
                .map(StoredMasterKey::keyId).toList();
        if (!keyring.previousIds().isEmpty()) {
            LOG.info("Master keys: current {}, previous {} (read only){}", keyring.currentId(),
                    keyring.previousIds(), announced.isEmpty() ? "" : "; " + announced + " announced as the next key");
        }
    }
}
