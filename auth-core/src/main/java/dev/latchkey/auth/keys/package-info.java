/**
 * Master-key rotation: {@link dev.latchkey.auth.keys.MasterKeys} (reached by {@code AuthService.keys()}) reports which
 * stored values refer to which master key ({@link dev.latchkey.auth.keys.MasterKeyStatus}), rewrites those the service
 * can rewrite by itself under the current key ({@link dev.latchkey.auth.keys.MasterKeyRewrite}), and says when an old
 * key can be removed from the configuration.
 */
package dev.latchkey.auth.keys;
