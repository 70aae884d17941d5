package dev.latchkey.auth.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One master key a database has relied on, as a {@link MasterKeyStore} keeps it: its id only, never the key.
 *
 * @param keyId        the key's id (12 base64url characters, derived from the key)
 * @param generation   1 for the key the database was first set up with (values without a key id are its), then 2, 3...
 *                     in the order keys became current
 * @param registeredAt when an instance first wrote under it
 * @param retiredAt    when the key rewrite found nothing referring to it any more, or null while something does
 * @param removedAt    when an instance first started without it after it was retired, or null
 * @param announcedAt  when an instance that has it as a previous key (phase 1 of a rotation) announced it as the
 *                     database's next key, or null once an instance made it current (or for a key registered current)
 */
public record StoredMasterKey(String keyId, int generation, Instant registeredAt, Instant retiredAt,
                              Instant removedAt, Instant announcedAt) {
    /** Checks the required fields. */
    public StoredMasterKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(registeredAt, "registeredAt");
        if (generation < 1) {
            throw new IllegalArgumentException("generation starts at 1");
        }
    }

    /** A key registered current, never announced. */
    public StoredMasterKey(String keyId, int generation, Instant registeredAt, Instant retiredAt, Instant removedAt) {
        this(keyId, generation, registeredAt, retiredAt, removedAt, null);
    }

    /** Whether the key is only announced: no instance has made it current yet, so nothing is stored under it. */
    public boolean announced() {
        return announcedAt != null;
    }

    /** Whether the database may still hold values under this key: it was never retired. */
    public boolean relied() {
        return retiredAt == null;
    }
}
