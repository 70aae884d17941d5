package dev.latchkey.auth.internal;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.SigningAlgorithm;
import dev.latchkey.auth.store.SigningKeyStore;
import dev.latchkey.auth.store.StoredSigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The signing-key set shared through a {@link SigningKeyStore}: every instance over one store signs and verifies with
 * the same keys.
 *
 * <p>Life cycle. Keys form one sequence by generation. The first instance to find the store empty creates generation
 * 1, active at once; instances starting together race on the generation's unique key and exactly one wins. A next key
 * is created (on schedule, {@code publishLead} before the active key is {@code rotationPeriod} old, or on demand) with
 * an activation time {@code publishLead} ahead, so every instance and every JWKS cache has it before it signs. The
 * active key is the newest one whose activation time has passed; an older key stops signing when a later one
 * activates and keeps verifying for the access-token lifetime plus clock skew, then it is dropped from the view and
 * deleted by {@link #purgeExpired}.
 *
 * <p>Refresh. The view is read again from the store every {@code refreshInterval}, and also exactly when a published
 * key activates or a retired one expires. Only one thread reads; the others keep using the current view meanwhile,
 * so verification never waits on the database. A failed read keeps the current view and retries 30 seconds later.
 * An unknown {@code kid} never triggers a read.
 *
 * <p>Master keys. A private key is sealed under the current master key's key-encryption key and tagged with its id;
 * one sealed under a previous master key opens under that key and is sealed again under the current one, in a
 * compare-and-set of the row, the first time this instance reads it.
 */
public final class StoredKeyRing implements KeySource {
    private static final Logger LOG = LoggerFactory.getLogger(StoredKeyRing.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private final SigningKeyStore store;
    private final SigningAlgorithm algorithm;
    private final KekRing cipher;
    private final Duration rotationPeriod;
    private final Duration publishLead;
    private final Duration refreshInterval;
    private final Duration tokenLifetime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, JwsKey> opened = new HashMap<>();
    private final Set<String> unreadable = new HashSet<>();
    private volatile KeySet view;

    /**
     * A key ring over {@code store}. {@code tokenLifetime} is the access-token lifetime plus clock skew: how long a
     * retired key keeps verifying.
     */
    public StoredKeyRing(SigningKeyStore store, SigningAlgorithm algorithm, KekRing keyEncryptionKeys,
                         Duration rotationPeriod, Duration publishLead, Duration refreshInterval,
                         Duration tokenLifetime) {
        this.store = Objects.requireNonNull(store, "store");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        if (!algorithm.isAsymmetric()) {
            throw new IllegalArgumentException("stored signing keys are asymmetric");
        }
        this.cipher = Objects.requireNonNull(keyEncryptionKeys, "keyEncryptionKeys");
        this.rotationPeriod = rotationPeriod;
        this.publishLead = publishLead;
        this.refreshInterval = refreshInterval;
        this.tokenLifetime = tokenLifetime;
    }

    @Override
    public KeySet current(Instant now) {
        KeySet v = view;
        if (v != null && now.isBefore(v.validUntil())) {
            return v;
        }
        if (v == null) {
            lock.lock();
        } else if (!lock.tryLock()) {
            return v;
        }
        try {
            v = view;
            if (v != null && now.isBefore(v.validUntil())) {
                return v;
            }
            try {
                view = load(now);
            } catch (AuthException | IllegalStateException e) {
                if (v == null) {
                    throw e;
                }
                LOG.warn("Could not refresh the signing keys; keeping the current ones for {}", RETRY_AFTER_FAILURE, e);
                view = new KeySet(v.signer(), v.verifiers(), now.plus(RETRY_AFTER_FAILURE));
            }
            return view;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String rotate(Instant now) {
        lock.lock();
        try {
            List<StoredSigningKey> keys = sorted(store.findAll());
            if (keys.stream().noneMatch(k -> k.activatesAt().isAfter(now))) {
                int generation = keys.isEmpty() ? 1 : keys.get(keys.size() - 1).generation() + 1;
                create(generation, now, keys.isEmpty() ? now : now.plus(publishLead));
                keys = sorted(store.findAll());
            }
            String keyId = keys.get(keys.size() - 1).keyId();
            view = load(now);
            return keyId;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int purgeExpired(Instant now) {
        int deleted = 0;
        for (StoredSigningKey key : expired(sorted(store.findAll()), now)) {
            if (store.delete(key.keyId())) {
                deleted++;
            }
        }
        return deleted;
    }

    /** Reads the set, creating the first key or the scheduled next one if due, and builds the view. */
    private KeySet load(Instant now) {
        List<StoredSigningKey> keys = sorted(store.findAll());
        if (keys.isEmpty()) {
            create(1, now, now);
            keys = sorted(store.findAll());
        }
        StoredSigningKey newest = keys.get(keys.size() - 1);
        if (!newest.activatesAt().isAfter(now)) {
            boolean due = !now.isBefore(newest.activatesAt().plus(rotationPeriod).minus(publishLead));
            // The configured algorithm changed (say RS256 to ES256): publish a key in it now, signing after the lead.
            boolean switching = !newest.algorithm().equals(algorithm.jwsName());
            if (due || switching) {
                Instant activatesAt = switching ? now.plus(publishLead)
                        : max(now.plus(publishLead), newest.activatesAt().plus(rotationPeriod));
                create(newest.generation() + 1, now, activatesAt);
                keys = sorted(store.findAll());
            }
        }
        return view(keys, now);
    }

    private KeySet view(List<StoredSigningKey> keys, Instant now) {
        List<StoredSigningKey> readable = new ArrayList<>();
        for (StoredSigningKey key : keys) {
            if (open(key) != null) {
                readable.add(key);
            }
        }
        if (readable.isEmpty()) {
            throw new IllegalStateException("None of the " + keys.size() + " signing keys in the store can be "
                    + "decrypted with the configured signing-key encryption key; every instance must share the same "
                    + "master key (or signingKeyEncryptionKey)");
        }
        StoredSigningKey active = null;
        for (StoredSigningKey key : readable) {
            if (!key.activatesAt().isAfter(now)) {
                active = key;
            }
        }
        if (active == null) {
            active = readable.get(0);
        }
        Set<String> gone = new HashSet<>();
        expired(readable, now).forEach(k -> gone.add(k.keyId()));
        Instant validUntil = now.plus(refreshInterval);
        List<JwsKey> verifiers = new ArrayList<>();
        for (StoredSigningKey key : readable) {
            if (gone.contains(key.keyId())) {
                continue;
            }
            verifiers.add(opened.get(key.keyId()));
            if (key.activatesAt().isAfter(now)) {
                validUntil = min(validUntil, key.activatesAt());
            }
            Instant verifyUntil = verifyUntil(readable, key, now);
            if (verifyUntil != null) {
                validUntil = min(validUntil, verifyUntil);
            }
        }
        opened.keySet().retainAll(readable.stream().map(StoredSigningKey::keyId).toList());
        return new KeySet(opened.get(active.keyId()), verifiers, validUntil);
    }

    /** Keys retired for longer than the token lifetime. */
    private List<StoredSigningKey> expired(List<StoredSigningKey> keys, Instant now) {
        List<StoredSigningKey> out = new ArrayList<>();
        for (StoredSigningKey key : keys) {
            Instant until = verifyUntil(keys, key, now);
            if (until != null && !now.isBefore(until)) {
                out.add(key);
            }
        }
        return out;
    }

    /** When {@code key} stops verifying: the activation of the first later key that has activated, plus the token lifetime; null while it is not retired. */
    private Instant verifyUntil(List<StoredSigningKey> keys, StoredSigningKey key, Instant now) {
        Instant retiredAt = null;
        for (StoredSigningKey later : keys) {
            if (later.generation() > key.generation() && !later.activatesAt().isAfter(now)) {
                retiredAt = retiredAt == null ? later.activatesAt() : min(retiredAt, later.activatesAt());
            }
        }
        return retiredAt == null ? null : retiredAt.plus(tokenLifetime);
    }

    private JwsKey open(StoredSigningKey key) {
        JwsKey cached = opened.get(key.keyId());
        if (cached != null) {
            return cached;
        }
        try {
            SigningAlgorithm alg = SigningAlgorithm.fromJwsName(key.algorithm());
            PublicKey publicKey = SigningKeyCipher.decodePublic(alg, key.publicKey());
            PrivateKey privateKey = cipher.open(key.keyId(), alg, key.publicKey(), key.encryptedPrivateKey());
            if (cipher.isOlder(key.encryptedPrivateKey())) {
                reseal(key, alg, privateKey);
            }
            JwsKey jws = JwsKey.asymmetric(key.keyId(), alg, privateKey, publicKey);
            opened.put(key.keyId(), jws);
            unreadable.remove(key.keyId());
            return jws;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            if (unreadable.add(key.keyId())) {
                LOG.error("Signing key {} cannot be decrypted with the configured signing-key encryption key "
                        + "(or was altered in the store); it is ignored", key.keyId());
            }
            return null;
        }
    }

    /** Seals a key opened under a previous master key again under the current one; another writer may win. */
    private void reseal(StoredSigningKey key, SigningAlgorithm alg, PrivateKey privateKey) {
        try {
            if (store.replaceEncryptedPrivateKey(key.keyId(), key.encryptedPrivateKey(),
                    cipher.seal(key.keyId(), alg, key.publicKey(), privateKey))) {
                LOG.info("Signing key {} re-encrypted from master key {} to {}", key.keyId(),
                        cipher.keyIdOf(key.encryptedPrivateKey()), cipher.currentKeyId());
            }
        } catch (AuthException e) {
            LOG.warn("Could not re-encrypt signing key {} under the current master key; it keeps working",
                    key.keyId());
        }
    }

    /** Generates, seals and inserts a key; losing the race for the generation to another instance is fine. */
    private String create(int generation, Instant now, Instant activatesAt) {
        KeyPair pair = SigningKeyCipher.generate(algorithm);
        String keyId = Secrets.randomToken(12);
        String publicKey = SigningKeyCipher.encodePublic(pair.getPublic());
        String sealed = cipher.seal(keyId, algorithm, publicKey, pair.getPrivate());
        boolean inserted = store.insertIfAbsent(new StoredSigningKey(keyId, generation, algorithm.jwsName(), publicKey,
                sealed, now, activatesAt));
        if (inserted) {
            LOG.info("Created signing key {} ({}, generation {}), signing from {}", keyId, algorithm.jwsName(),
                    generation, activatesAt);
        }
        return keyId;
    }

    private static List<StoredSigningKey> sorted(List<StoredSigningKey> keys) {
        List<StoredSigningKey> copy = new ArrayList<>(keys);
        copy.sort(Comparator.comparingInt(StoredSigningKey::generation));
        return copy;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public String toString() {
        return "StoredKeyRing[" + algorithm.jwsName() + ", rotation " + rotationPeriod + "]";
    }
}
