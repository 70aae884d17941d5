package dev.latchkey.auth.internal;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.OtpPurpose;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.factor.Enrollment;
import dev.latchkey.auth.factor.Factor;
import dev.latchkey.auth.factor.FactorContext;
import dev.latchkey.auth.store.ChallengeStore;
import dev.latchkey.auth.store.CredentialStore;
import dev.latchkey.auth.store.RateLimitStore;
import dev.latchkey.auth.store.StoredCredential;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The {@link FactorContext} every factor is bound with. */
public final class FactorRuntime implements FactorContext {
    private final Core core;
    private final LoginFlow flow;
    private final KekRing cipher;

    /** The context over the core, ending logins through {@code flow}. */
    public FactorRuntime(Core core, LoginFlow flow) {
        this.core = core;
        this.flow = flow;
        this.cipher = new KekRing(core.keyring());
    }

    @Override
    public Clock clock() {
        return core.clock();
    }

    @Override
    public CredentialStore credentials() {
        return core.stores().credentials();
    }

    @Override
    public ChallengeStore challenges() {
        return core.stores().challenges();
    }

    @Override
    public RateLimitStore rateLimits() {
        return core.stores().rateLimits();
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return core.stores().inTransaction(work);
    }

    @Override
    public Optional<User> user(String userId) {
        return core.users().findById(userId).map(core::toUser);
    }

    @Override
    public void emit(AuthEventType type, String userId, ClientInfo client, String detail) {
        core.events().emit(type, userId, null, null, client, null, detail);
    }

    @Override
    public byte[] deriveKey(String purpose) {
        return core.keys().derive("factor/" + purpose);
    }

    @Override
    public String keyedHash(String purpose, String value) {
        Secrets.Keys current = core.keys();
        return KeyTag.tag(current.keyId(), Secrets.hmacSha256(current.derive("factor/" + purpose), value));
    }

    @Override
    public boolean matchesKeyedHash(String purpose, String value, String stored) {
        return stored != null && core.keyring().keysOf(stored).map(k -> Secrets.constantTimeEquals(
                Secrets.hmacSha256(k.derive("factor/" + purpose), value), KeyTag.valueOf(stored))).orElse(false);
    }

    @Override
    public String encrypt(byte[] secret, String context) {
        requireCipher();
        return cipher.encrypt(secret, associated(context));
    }

    @Override
    public byte[] decrypt(String encrypted, String context) {
        return cipher.decrypt(encrypted, associated(context));
    }

    @Override
    public byte[] decryptCredential(StoredCredential credential, String context) {
        byte[] secret = decrypt(credential.secret(), context);
        if (cipher.isOlder(credential.secret())) {
            reencrypt(credential, secret, context);
        }
        return secret;
    }

    /**
     * Encrypts a credential's secret again under the current master key, if it is unchanged; false when another
     * writer got there first.
     */
    public boolean reencrypt(StoredCredential credential, byte[] secret, String context) {
        return credentials().replaceSecret(credential.id(), credential.secret(), encrypt(secret, context));
    }

    /** The associated data a factor secret is encrypted with: its factor's context, under a fixed label. */
    public static byte[] associated(String context) {
        return ("latchkey/factor-secret\u0000" + context).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public LoginResult completePrimary(User user, Factor factor, List<String> amr, ClientInfo client) {
        var stored = core.users().findById(user.id()).filter(u -> u.status() == AccountStatus.ACTIVE)
                .orElseThrow(Core::invalidCredentials);
        return flow.afterPrimary(stored, factor, List.copyOf(amr), client, null, null, factor.id());
    }

    @Override
    public LoginResult completeMultiFactor(User user, Factor factor, List<String> amr, ClientInfo client) {
        var stored = core.users().findById(user.id()).filter(u -> u.status() == AccountStatus.ACTIVE)
                .orElseThrow(Core::invalidCredentials);
        return flow.afterMultiFactor(stored, factor, amr, client);
    }

    @Override
    public Optional<User> findByContact(Contact contact) {
        return core.findByContact(contact.kind(), core.contacts().normalize(contact))
                .filter(u -> Core.provedOrNothingIs(u, contact.kind())).map(core::toUser);
    }

    @Override
    public boolean requiresStepBesides(User user, Factor factor) {
        return flow.requiresStepBesides(user, factor);
    }

    @Override
    public void lockAccount(String userId) {
        core.updateUser(userId, u -> u);
    }

    @Override
    public String appName() {
        return core.config().appName();
    }

    @Override
    public void requireRecent(VerifiedAccessToken caller) {
        core.requireRecent(caller);
    }

    @Override
    public void requireRemovable(String userId, Factor factor) {
        flow.requireRemovable(userId, factor);
    }

    @Override
    public Enrollment enrollment(String challenge) {
        return flow.enrollment(challenge);
    }

    @Override
    public Optional<Instant> acquire(String key, int limit, Duration window) {
        return core.windows().acquire("factor:" + key, limit, window, core.now());
    }

    @Override
    public void release(String key, Duration window) {
        core.windows().release("factor:" + key, window, core.now());
    }

    @Override
    public void notice(String userId, OtpPurpose purpose) {
        core.users().findById(userId).ifPresent(u -> flow.notice(u, purpose));
    }

    private void requireCipher() {
        if (!cipher.canSeal()) {
            throw new IllegalStateException("reversible factor secrets need a masterKey or keyEncryptionKey");
        }
    }
}
