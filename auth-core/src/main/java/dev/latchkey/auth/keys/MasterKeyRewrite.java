package dev.latchkey.auth.keys;

import java.util.Map;
import java.util.Objects;

/**
 * What {@link MasterKeys#rewrite()} did.
 *
 * @param rewritten how many values it rewrote under the current key, by kind
 * @param failed    how many it could not rewrite, by kind: under a key this instance lacks, or altered in the store
 * @param status    the status afterwards: what still refers to older keys is only rewritten by its owner's next use
 */
public record MasterKeyRewrite(Map<String, Long> rewritten, Map<String, Long> failed, MasterKeyStatus status) {
    /** Copies the maps. */
    public MasterKeyRewrite {
        rewritten = Map.copyOf(rewritten);
        failed = Map.copyOf(failed);
        Objects.requireNonNull(status, "status");
    }
}
