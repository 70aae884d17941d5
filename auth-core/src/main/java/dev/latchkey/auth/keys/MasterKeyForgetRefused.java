package dev.latchkey.auth.keys;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Why {@link MasterKeys#forget(String)} left a master key in the registry. The message names key ids and counts,
 * never a key.
 */
public final class MasterKeyForgetRefused extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The reason, stable for programs. */
    public enum Reason {
        /** The database's registry does not have this key id (or the stores have no registry). */
        UNKNOWN,
        /** It is this instance's current key. */
        CURRENT,
        /** It is newer than this instance's current key: forget it from an instance that made it current or later. */
        NEWER,
        /** Stored values still refer to it ({@link #references()}). */
        REFERENCED,
        /** No key rewrite has retired it yet: run {@link MasterKeys#rewrite()} first. */
        NOT_RETIRED,
        /** Retired too recently: values that are not stored may still be under it until {@link #notBefore()}. */
        WAITING
    }

    private final transient String keyId;
    private final Reason reason;
    private final transient Map<String, Long> references;
    private final transient Instant notBefore;

    /** A refusal for {@code keyId}; {@code references} and {@code notBefore} as the reason has them. */
    public MasterKeyForgetRefused(String keyId, Reason reason, Map<String, Long> references, Instant notBefore,
                                  String message) {
        super("Master key " + keyId + " stays in the registry: " + message);
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.references = Map.copyOf(references);
        this.notBefore = notBefore;
    }

    /** The key id (never the key). */
    public String keyId() {
        return keyId;
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#REFERENCED}: how many stored values refer to the key, by kind; else empty. */
    public Map<String, Long> references() {
        return references;
    }

    /** For {@link Reason#WAITING}: the earliest time it can be forgotten. */
    public Optional<Instant> notBefore() {
        return Optional.ofNullable(notBefore);
    }
}
