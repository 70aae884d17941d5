package dev.latchkey.auth.keys;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One master key as the database and this instance see it, and how many stored values refer to it.
 *
 * @param keyId        the key's id (never the key)
 * @param current      whether this instance writes under it
 * @param configured   whether this instance has it (current or previous)
 * @param registeredAt when the database started relying on it, if registered
 * @param retiredAt    when a rewrite found nothing referring to it, if it did and nothing has since
 * @param references   how many stored values refer to it, by kind ({@code password}, {@code signing_key}, or a
 *                     factor's credential type such as {@code totp} or {@code recovery_code}); kinds without any are
 *                     absent
 * @param ownerOnly    the kinds of {@code references} this instance's rewrite cannot rewrite: only their owner's next
 *                     use can (password hashes, recovery codes), or they are of a type no factor of this instance
 *                     declares; they are lost with the key
 */
public record KeyReferences(String keyId, boolean current, boolean configured, Optional<Instant> registeredAt,
                            Optional<Instant> retiredAt, Map<String, Long> references, Set<String> ownerOnly) {
    /** Copies the maps. */
    public KeyReferences {
        Objects.requireNonNull(keyId, "keyId");
        references = Map.copyOf(references);
        ownerOnly = Set.copyOf(ownerOnly);
    }

    /** How many stored values refer to this key. */
    public long total() {
        return references.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Whether the key can be removed from the configuration: it is not the current key and no stored value refers to
     * it (used single-use credentials, such as used recovery codes, refer to nothing). Values that are not counted
     * expire on their own: access tokens and device tokens (not stored), and one-time codes and challenges (stored,
     * tagged, but short-lived and not counted): wait at least the longest of their lifetimes after every instance made
     * the new key current before removing the old one; {@link MasterKeys#forget(String)} enforces that wait.
     */
    public boolean removable() {
        return !current && total() == 0;
    }
}
