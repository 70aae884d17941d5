package dev.latchkey.auth.internal;

import java.time.Instant;

/** Where the access-token keys come from: fixed at start-up, or a shared set kept in the store. */
public interface KeySource {
    /** The keys to use at {@code now}. */
    KeySet current(Instant now);

    /**
     * Publishes the next signing key now; it starts signing after the publish lead. Returns its {@code kid}.
     *
     * @throws UnsupportedOperationException for keys fixed at start-up
     */
    default String rotate(Instant now) {
        throw new UnsupportedOperationException(
                "signing keys given in the configuration rotate by changing the configuration");
    }

    /** Deletes keys that no unexpired token can have been signed with; returns how many. */
    default int purgeExpired(Instant now) {
        return 0;
    }

    /** Keys fixed at start-up. */
    static KeySource fixed(JwsKey signer, java.util.Collection<JwsKey> verifiers) {
        KeySet set = new KeySet(signer, verifiers, Instant.MAX);
        return now -> set;
    }
}
