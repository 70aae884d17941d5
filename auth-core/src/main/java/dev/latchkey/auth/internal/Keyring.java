package dev.latchkey.auth.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The derived secrets of every configured master key, by key id: the current key makes every new value, and every key
 * (current or previous) checks and decrypts the values tagged with its id ({@link KeyTag}). Untagged values, written
 * before key ids existed, belong to the origin: the key the database was first set up with, as its key registry
 * says (the current key when there is no registry). Each key has the generation the registry gave it (none when
 * there is no registry, or for a previous key the registry does not know yet): a value is rewritten under the current
 * key only when it is under a key of a LOWER generation ({@link #isOlder}), so an instance whose current key is the
 * older one (phase 1 of a rotation, or a rollback) never moves a value back under it; unknown keys count as newer.
 * Immutable, but for a first registration that waits for the first match of an untagged password
 * ({@link #untaggedValueMatched}).
 */
public final class Keyring {
    private final Secrets.Keys current;
    private final Map<String, Secrets.Keys> byId;
    private final String originId;
    private final Map<String, Integer> generations;
    private final AtomicReference<Runnable> firstRegistration;

    private Keyring(Secrets.Keys current, Map<String, Secrets.Keys> byId, String originId,
                    Map<String, Integer> generations, Runnable firstRegistration) {
        this.current = current;
        this.byId = byId;
        this.originId = originId;
        this.generations = generations;
        this.firstRegistration = new AtomicReference<>(firstRegistration);
    }

    /** The keys: {@code current} writes; {@code previous} only read. Duplicate ids are dropped. */
    public static Keyring of(Secrets.Keys current, List<Secrets.Keys> previous) {
        Map<String, Secrets.Keys> byId = new LinkedHashMap<>();
        byId.put(current.keyId(), current);
        for (Secrets.Keys k : previous) {
            byId.putIfAbsent(k.keyId(), k);
        }
        return new Keyring(current, Map.copyOf(byId), current.keyId(), Map.of(), null);
    }

    /**
     * The same keys with untagged values attributed to {@code originId} and the registry's {@code generations} (key id
     * to generation).
     */
    public Keyring withRegistry(String originId, Map<String, Integer> generations) {
        return new Keyring(current, byId, originId, Map.copyOf(generations), null);
    }

    /**
     * The same keys, whose registration as the database's first key waits for {@code register}: the database holds
     * values without key ids that nothing but a user's password can check against the current key.
     */
    public Keyring withPendingRegistration(Runnable register) {
        return new Keyring(current, byId, originId, generations, register);
    }

    /**
     * A value without a key id (an untagged password hash) matched under the current key: runs the pending first
     * registration, once; nothing when there is none.
     */
    public void untaggedValueMatched() {
        Runnable register = firstRegistration.getAndSet(null);
        if (register != null) {
            register.run();
        }
    }

    /** The generation the registry gave {@code keyId}, or 0 when it has none. */
    public int generationOf(String keyId) {
        return generations.getOrDefault(keyId, 0);
    }

    /**
     * Whether {@code stored} is under a registered key of a lower generation than the current key's, so it is to be
     * rewritten under the current one. False for values under the current key, under a newer key, or under a key the
     * registry does not know.
     */
    public boolean isOlder(String stored) {
        int of = generationOf(keyIdOf(stored));
        return of > 0 && of < generationOf(current.keyId());
    }

    /** The keys that write. */
    public Secrets.Keys current() {
        return current;
    }

    /** The id of the keys that write. */
    public String currentId() {
        return current.keyId();
    }

    /** The key untagged values belong to. */
    public String originId() {
        return originId;
    }

    /** Every configured key, the current one first. */
    public List<Secrets.Keys> all() {
        List<Secrets.Keys> out = new ArrayList<>();
        out.add(current);
        byId.values().stream().filter(k -> k != current).forEach(out::add);
        return out;
    }

    /** The ids of the previous keys (read only). */
    public List<String> previousIds() {
        return all().stream().skip(1).map(Secrets.Keys::keyId).toList();
    }

    /** The keys with this id, if configured. */
    public Optional<Secrets.Keys> find(String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    /** The key id a stored value belongs to: its tag, else the origin. */
    public String keyIdOf(String stored) {
        String id = KeyTag.keyIdOf(stored);
        return id == null ? originId : id;
    }

    /** The configured keys a stored value was made under, or empty when this instance lacks them. */
    public Optional<Secrets.Keys> keysOf(String stored) {
        return find(keyIdOf(stored));
    }

    /** Ids only. */
    @Override
    public String toString() {
        return "Keyring[current=" + current.keyId() + ", previous=" + previousIds() + ", origin=" + originId + "]";
    }
}
