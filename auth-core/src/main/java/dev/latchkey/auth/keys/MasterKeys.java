package dev.latchkey.auth.keys;

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
 * reset their password, or get new recovery codes. Nothing enforces the wait for values that are not counted (access
 * tokens, device tokens, one-time codes): see {@link KeyReferences#removable()}.
 */
public interface MasterKeys {
    /** Which master keys are configured and registered, and how many stored values refer to each, by kind. */
    MasterKeyStatus status();

    /**
     * Rewrites every value the service can rewrite without its owner (signing keys, TOTP secrets and other encrypted
     * factor secrets) under the current master key, in batches of bounded size, each row with a compare-and-set; then
     * marks as retired every registered key that nothing refers to any more, and reports what is left. Safe to run
     * again, and from any instance while the others serve.
     */
    MasterKeyRewrite rewrite();
}
