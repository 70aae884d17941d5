package dev.latchkey.auth.factor;

import dev.latchkey.auth.store.StoredCredential;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A credential type of a factor whose secret was made under the master key through its {@link FactorContext}:
 * encrypted ({@link FactorContext#encrypt}, e.g. a TOTP seed), which the service can re-encrypt under a new master key
 * by itself, or a keyed hash ({@link FactorContext#keyedHash}, e.g. a recovery code), which only its owner's next use
 * can replace. Declared by {@link Factor#keyedCredentials()} so that master-key rotation
 * ({@code AuthService.keys()}) counts and rewrites them.
 */
public final class KeyedCredentials {
    private static final Pattern TYPE = Pattern.compile("^[a-z0-9_-]{1,32}$");

    private final String type;
    private final Function<StoredCredential, String> context;
    private final boolean singleUse;

    private KeyedCredentials(String type, Function<StoredCredential, String> context, boolean singleUse) {
        if (!TYPE.matcher(Objects.requireNonNull(type, "type")).matches()) {
            throw new IllegalArgumentException("credential types are 1-32 of a-z 0-9 _ -");
        }
        this.type = type;
        this.context = context;
        this.singleUse = singleUse;
    }

    /**
     * Credentials of {@code type} whose secret {@link FactorContext#encrypt} made with the context {@code context}
     * gives for the credential.
     */
    public static KeyedCredentials encrypted(String type, Function<StoredCredential, String> context) {
        return new KeyedCredentials(type, Objects.requireNonNull(context, "context"), false);
    }

    /** Credentials of {@code type} whose secret is a {@link FactorContext#keyedHash}. */
    public static KeyedCredentials hashed(String type) {
        return new KeyedCredentials(type, null, false);
    }

    /**
     * Credentials of {@code type} whose secret is a {@link FactorContext#keyedHash} that works once (e.g. a recovery
     * code, marked by {@link dev.latchkey.auth.store.CredentialStore#markUsedOnce}): a used one refers to no key.
     */
    public static KeyedCredentials singleUse(String type) {
        return new KeyedCredentials(type, null, true);
    }

    /** Whether a used credential of this type is dead, so it no longer refers to its master key. */
    public boolean singleUse() {
        return singleUse;
    }

    /** The credential type. */
    public String type() {
        return type;
    }

    /** The encryption context of a credential of this type; empty for keyed hashes, which cannot be re-encrypted. */
    public Optional<String> encryptionContext(StoredCredential credential) {
        return context == null ? Optional.empty() : Optional.of(context.apply(credential));
    }

    /** Whether the service can rewrite these by itself (they are encrypted, not hashed). */
    public boolean rewritable() {
        return context != null;
    }

    @Override
    public String toString() {
        return "KeyedCredentials[" + type + (context != null ? ", encrypted]"
                : singleUse ? ", hashed, single use]" : ", hashed]");
    }
}
