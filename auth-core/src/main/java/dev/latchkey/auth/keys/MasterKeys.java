package dev.latchkey.auth.keys;

import java.time.Duration;

/**
 * Master-key rotation, over the configured {@code masterKey} and {@code previousMasterKeys}. Each master key has an
 * id derived from it (12 characters that reveal nothing of it), and every value stored under a key carries that id:
 * password hashes, one-time-code hashes, recovery-code hashes, encrypted TOTP secrets and encrypted signing keys.
 * Values of a previous key keep verifying and decrypting, and are rewritten under the current key when used (a
 * password at its owner's next login, a TOTP secret at its next use, a signing key when an instance loads it) or by
 * {@link #rewrite()}.
 *
 * <p>The procedure: (1) add the new key as a previous key on every instance; (2) make it the current key and the old
 * one a previous key, on every instance; (3) call {@link #rewrite()} (the example app's {@code rotate-keys}) once
 * every instance runs with the new current key; (4) remove the old key from the configuration when
 * {@link #status()} says it is {@link KeyReferences#removable() removable}. Values only their owner's secret can
 * rewrite (password hashes, unused recovery codes) keep the old key referred to: while any remain, an instance
 * started without the key refuses to start, and {@link #rewrite()} does not retire it. Dropping them is the operator's
 * deliberate decision: delete those credential rows (their secret starts with {@code @<old key id>:}, or has no id
 * when the old key is the database's first), then run {@link #rewrite()} again, which retires the key; those users
 * reset their password, or get new recovery codes. (5) Once the key is removed from every instance's configuration,
 * {@link #forget(String)} removes it from the database's registry, which enforces the wait for values that are not
 * counted (access tokens, device tokens, one-time codes): see {@link KeyReferences#removable()}.
 */
public interface MasterKeys {
    /**
     * How long a key announced by a phase-1 instance (a previous key the registry did not know) blocks a different
     * new key: after it, an instance with another new previous key withdraws the stale announcement (logging a
     * warning) and announces its own. Until then, {@link #forget(String)} withdraws one.
     */
    Duration ANNOUNCEMENT_EXPIRY = Duration.ofDays(7);

    /** Which master keys are configured and registered, and how many stored values refer to each, by kind. */
    MasterKeyStatus status();

    /**
     * Rewrites every value the service can rewrite without its owner (signing keys, TOTP secrets and other encrypted
     * factor secrets) under the current master key, in batches of bounded size, each row with a compare-and-set; then
     * marks as retired every registered key that nothing refers to any more, and reports what is left. Safe to run
     * again, and from any instance while the others serve.
     */
    MasterKeyRewrite rewrite();

    /**
     * Removes a master key from the database's registry, for good: the last step of a rotation. An old key is
     * forgotten only when it is not this instance's current key nor newer than it, nothing stored refers to it, a
     * {@link #rewrite()} retired it, and since that retirement at least the longest lifetime of the values that are
     * not counted has passed: the access-token lifetime, the longest one-time-code lifetime ({@code ttl},
     * {@code loginTtl}), plus the allowed clock skew. A key only announced by phase-1 instances (nothing is stored
     * under it) is withdrawn at once. A forgotten key can never be made current again; an instance still configured
     * with it as a previous key starts, and logs a warning to drop it. Forgetting a key already forgotten changes
     * nothing.
     *
     * @return the status afterwards
     * @throws MasterKeyForgetRefused with the reason and what still refers to the key; nothing is written
     */
    MasterKeyStatus forget(String keyId);
}
