package dev.latchkey.auth.keys.internal;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.SigningAlgorithm;
import dev.latchkey.auth.factor.KeyedCredentials;
import dev.latchkey.auth.internal.FactorRuntime;
import dev.latchkey.auth.internal.KekRing;
import dev.latchkey.auth.internal.Keyring;
import dev.latchkey.auth.keys.KeyReferences;
import dev.latchkey.auth.keys.MasterKeyForgetRefused;
import dev.latchkey.auth.keys.MasterKeyForgetRefused.Reason;
import dev.latchkey.auth.keys.MasterKeyRewrite;
import dev.latchkey.auth.keys.MasterKeyStatus;
import dev.latchkey.auth.keys.MasterKeys;
import dev.latchkey.auth.password.internal.PasswordHashes;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.MasterKeyStore;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredMasterKey;
import dev.latchkey.auth.store.StoredSigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The status and the rewrite of {@link MasterKeys}, over the stores: counts by {@link ReferenceCounts}, rewrites of
 * signing keys and of the encrypted factor secrets the factors declare, each row under a compare-and-set, in batches
 * of {@value #BATCH}.
 */
public final class DefaultMasterKeys implements MasterKeys {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultMasterKeys.class);
    private static final int BATCH = 500;

    private final AuthStores stores;
    private final Keyring keyring;
    private final KekRing kek;
    private final ReferenceCounts counts;
    private final Clock clock;
    private final Duration unstoredLifetime;

    /**
     * Rotation over these stores and keys (whose origin the registry check set); {@code unstoredLifetime} is the
     * longest lifetime of values made under a key that are not counted (access tokens, one-time codes), which
     * {@link #forget} waits for after a key's retirement.
     */
    public DefaultMasterKeys(AuthStores stores, Keyring keyring, ReferenceCounts counts, Clock clock,
                             Duration unstoredLifetime) {
        this.stores = stores;
        this.keyring = keyring;
        this.kek = new KekRing(keyring);
        this.counts = counts;
        this.clock = clock;
        this.unstoredLifetime = unstoredLifetime;
    }

    /**
     * What the stored values say of the current key before a first registration, checked without a user's secret: a
     * problem when no stored signing key opens or an untagged encrypted factor secret does not decrypt; confirmed when
     * one opens or decrypts, or when there is no untagged password hash of Latchkey's own formats (nothing else could
     * tell); else unconfirmed, and only the first login matching an untagged password can confirm it.
     */
    public static MasterKeyRegistry.FirstKey firstKey(AuthStores stores, Keyring keyring,
                                                      List<KeyedCredentials> keyed) {
        KekRing kek = new KekRing(keyring);
        List<StoredSigningKey> signing = stores.signingKeys().map(s -> s.findAll()).orElse(List.of());
        if (!signing.isEmpty() && signing.stream().noneMatch(k -> open(kek, k).isPresent())) {
            return MasterKeyRegistry.FirstKey.problem("none of the " + signing.size() + " stored signing keys decrypts");
        }
        boolean confirmed = !signing.isEmpty();
        for (KeyedCredentials k : keyed) {
            for (StoredCredential c : stores.credentials().findByType(k.type(), null, 1)) {
                if (k.rewritable() && c.secret() != null) {
                    Optional<byte[]> plain = decrypts(kek, k, c);
                    if (plain.isEmpty()) {
                        return MasterKeyRegistry.FirstKey.problem("a stored " + k.type() + " secret does not decrypt");
                    }
                    Arrays.fill(plain.get(), (byte) 0);
                    confirmed = true;
                }
            }
        }
        boolean untaggedPasswords = stores.credentials().countByKeyId(ReferenceCounts.PASSWORD)
                .getOrDefault("", Map.of()).keySet().stream()
                .anyMatch(format -> PasswordHashes.isOwn(format.isEmpty() ? null : format));
        return new MasterKeyRegistry.FirstKey(Optional.empty(), confirmed || !untaggedPasswords);
    }

    @Override
    public MasterKeyStatus status() {
        Map<String, Map<String, Long>> refs = counts.count(keyring.originId());
        Map<String, StoredMasterKey> rows = new LinkedHashMap<>();
        stores.masterKeys().ifPresent(s -> s.findAll().forEach(r -> rows.put(r.keyId(), r)));
        Set<String> ids = new LinkedHashSet<>();
        keyring.all().forEach(k -> ids.add(k.keyId()));
        rows.values().stream().filter(r -> r.removedAt() == null).forEach(r -> ids.add(r.keyId()));
        ids.addAll(refs.keySet());
        Set<String> rewritable = new HashSet<>(Set.of(ReferenceCounts.SIGNING_KEY));
        counts.keyed().stream().filter(KeyedCredentials::rewritable).forEach(k -> rewritable.add(k.type()));
        List<KeyReferences> keys = ids.stream().map(id -> {
            Map<String, Long> of = refs.getOrDefault(id, Map.of());
            Optional<StoredMasterKey> row = Optional.ofNullable(rows.get(id));
            Set<String> owners = new HashSet<>(of.keySet());
            owners.removeAll(rewritable);
            return new KeyReferences(id, id.equals(keyring.currentId()), keyring.find(id).isPresent(),
                    row.map(StoredMasterKey::registeredAt), row.map(StoredMasterKey::retiredAt), of, owners);
        }).toList();
        return new MasterKeyStatus(keyring.currentId(), keys);
    }

    @Override
    public MasterKeyRewrite rewrite() {
        Map<String, Long> rewritten = new TreeMap<>();
        Map<String, Long> failed = new TreeMap<>();
        stores.signingKeys().ifPresent(store -> {
            for (StoredSigningKey key : store.findAll()) {
                if (!kek.isOlder(key.encryptedPrivateKey())) {
                    continue;
                }
                Optional<PrivateKey> opened = open(kek, key);
                if (opened.isEmpty()) {
                    failed.merge(ReferenceCounts.SIGNING_KEY, 1L, Long::sum);
                } else if (store.replaceEncryptedPrivateKey(key.keyId(), key.encryptedPrivateKey(), kek.seal(
                        key.keyId(), SigningAlgorithm.fromJwsName(key.algorithm()), key.publicKey(), opened.get()))) {
                    rewritten.merge(ReferenceCounts.SIGNING_KEY, 1L, Long::sum);
                }
            }
        });
        for (KeyedCredentials k : counts.keyed()) {
            if (k.rewritable()) {
                rewriteAll(k, rewritten, failed);
            }
        }
        MasterKeyStatus status = status();
        retire(status);
        log(status);
        return new MasterKeyRewrite(rewritten, failed, status);
    }

    @Override
    public MasterKeyStatus forget(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        MasterKeyStore store = stores.masterKeys().orElseThrow(() -> refused(keyId, Reason.UNKNOWN,
                "these stores keep no master-key registry"));
        List<StoredMasterKey> rows = store.findAll();
        StoredMasterKey row = rows.stream().filter(r -> r.keyId().equals(keyId)).findFirst()
                .orElseThrow(() -> refused(keyId, Reason.UNKNOWN, "the database's registry has no such key id"));
        if (row.removedAt() != null) {
            return status();
        }
        if (keyId.equals(keyring.currentId())) {
            throw refused(keyId, Reason.CURRENT, "it is this instance's current master key");
        }
        int current = rows.stream().filter(r -> r.keyId().equals(keyring.currentId()))
                .mapToInt(StoredMasterKey::generation).findFirst().orElse(0);
        if (!row.announced() && row.generation() > current) {
            throw refused(keyId, Reason.NEWER, "it is newer than this instance's current master key "
                    + keyring.currentId() + "; forget old keys from an instance that has the newest key current");
        }
        Map<String, Long> refs = counts.count(keyring.originId()).getOrDefault(keyId, Map.of());
        if (!refs.isEmpty()) {
            throw new MasterKeyForgetRefused(keyId, Reason.REFERENCED, refs, null, "stored values still refer to it "
                    + new TreeMap<>(refs) + "; run the key rewrite, and wait for their owners or delete them");
        }
        Instant now = clock.instant();
        if (!row.announced()) {
            if (row.retiredAt() == null) {
                throw refused(keyId, Reason.NOT_RETIRED, "no key rewrite has retired it yet; run it first");
            }
            Instant notBefore = row.retiredAt().plus(unstoredLifetime);
            if (now.isBefore(notBefore)) {
                throw new MasterKeyForgetRefused(keyId, Reason.WAITING, Map.of(), notBefore, "access tokens and "
                        + "one-time codes made under it may still be valid until " + notBefore + " (retired at "
                        + row.retiredAt() + ", plus " + unstoredLifetime + ")");
            }
        }
        if (row.announced() && !store.withdraw(keyId, now)) {
            throw refused(keyId, Reason.NEWER, "an instance made it current meanwhile");
        } else if (!row.announced()) {
            store.update(keyId, row.retiredAt(), now);
        }
        LOG.info(row.announced() ? "Master key {}: its announcement is withdrawn; it can never become current"
                : "Master key {} is forgotten: removed from the registry; drop it from every instance's previous "
                + "master keys", keyId);
        return status();
    }

    private static MasterKeyForgetRefused refused(String keyId, Reason reason, String why) {
        return new MasterKeyForgetRefused(keyId, reason, Map.of(), null, why);
    }

    /** Walks every credential of one encrypted type in batches, re-encrypting those under older keys. */
    private void rewriteAll(KeyedCredentials k, Map<String, Long> rewritten, Map<String, Long> failed) {
        String after = null;
        while (true) {
            List<StoredCredential> page = stores.credentials().findByType(k.type(), after, BATCH);
            for (StoredCredential c : page) {
                if (c.secret() == null || !kek.isOlder(c.secret())) {
                    continue;
                }
                Optional<byte[]> plain = decrypts(kek, k, c);
                if (plain.isEmpty()) {
                    failed.merge(k.type(), 1L, Long::sum);
                    continue;
                }
                try {
                    String context = k.encryptionContext(c).orElseThrow();
                    String sealed = kek.encrypt(plain.get(), FactorRuntime.associated(context));
                    if (stores.credentials().replaceSecret(c.id(), c.secret(), sealed)) {
                        rewritten.merge(k.type(), 1L, Long::sum);
                    }
                } finally {
                    Arrays.fill(plain.get(), (byte) 0);
                }
            }
            if (page.size() < BATCH) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /**
     * Retires registered keys older than the current one that nothing refers to (never a newer key: an instance in
     * phase 1 of a rotation writes nothing under it yet); reinstates retired ones that are used.
     */
    private void retire(MasterKeyStatus status) {
        stores.masterKeys().ifPresent(store -> {
            for (StoredMasterKey row : store.findAll()) {
                if (row.removedAt() != null || row.announced() || row.keyId().equals(keyring.currentId())
                        || row.generation() > keyring.generationOf(keyring.currentId())) {
                    continue;
                }
                long total = status.key(row.keyId()).map(KeyReferences::total).orElse(0L);
                if (total == 0 && row.relied()) {
                    store.update(row.keyId(), clock.instant(), null);
                } else if (total > 0 && !row.relied()) {
                    store.update(row.keyId(), null, null);
                }
            }
        });
    }

    /** One line per older key: what still refers to it, or that it can be removed. Ids only, never a key. */
    public void log(MasterKeyStatus status) {
        for (KeyReferences k : status.keys()) {
            if (k.current()) {
                continue;
            }
            if (k.removable()) {
                LOG.info("Master key {}: nothing stored refers to it any more; it can be removed from the previous "
                        + "master keys", k.keyId());
            } else {
                LOG.info("Master key {}: still referred to by {}{}", k.keyId(), k.references(), k.ownerOnly().isEmpty()
                        ? "" : "; " + k.ownerOnly() + " are rewritten only at their owner's next use");
            }
        }
    }

    private static Optional<PrivateKey> open(KekRing kek, StoredSigningKey key) {
        try {
            return Optional.of(kek.open(key.keyId(), SigningAlgorithm.fromJwsName(key.algorithm()), key.publicKey(),
                    key.encryptedPrivateKey()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> decrypts(KekRing kek, KeyedCredentials k, StoredCredential c) {
        try {
            return Optional.of(kek.decrypt(c.secret(), FactorRuntime.associated(k.encryptionContext(c).orElseThrow())));
        } catch (IllegalStateException | AuthException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "MasterKeys[current=" + keyring.currentId() + ", previous=" + keyring.previousIds() + "]";
    }
}
