package dev.latchkey.auth.password.internal;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.internal.Core;
import dev.latchkey.auth.internal.DeviceTokens;
import dev.latchkey.auth.internal.Ids;
import dev.latchkey.auth.internal.Inputs;
import dev.latchkey.auth.internal.KeyTag;
import dev.latchkey.auth.internal.Keyring;
import dev.latchkey.auth.internal.LoginThrottle;
import dev.latchkey.auth.internal.PasswordHasher;
import dev.latchkey.auth.internal.PasswordPolicy;
import dev.latchkey.auth.password.PasswordHashFormat;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.CredentialStore;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Password hashes in the {@link CredentialStore}, the policy, and the one password check: a permit from the login
 * limits before any hashing, a dummy hash for accounts without a password, lockout after too many consecutive failures
 * of untrusted clients. Login, password change, account deletion and re-authentication all check passwords here;
 * only login reads the client's device token.
 *
 * <p>The lockout sets {@link AccountStatus#LOCKED}, which refuses password logins of untrusted clients (even with
 * the right password) until a password reset; a client with a valid device token still logs in, and the account's
 * sessions and access tokens stay valid: failed logins never revoke anything.
 *
 * <p>A credential's {@code data} names its hash format, and only that format is asked: one hash computation per check.
 * A match against one of Latchkey's own formats that is not the configured one (or of another cost) is rehashed at
 * once; a match against an imported legacy hash is replaced by the configured own format through {@code upgrades}
 * (in the background by default, started once the login has its session, so the login itself costs one computation
 * and never shares the CPU with the second), in one compare-and-set of the hash and
 * its format: a password changed meanwhile is never overwritten, and a lost upgrade happens on the next login.
 *
 * <p>Own hashes are tagged with the id of the master key whose pepper they use ({@link KeyTag}; untagged ones
 * belong to the database's first key), and checked under that pepper only: still one hash run. A match under a
 * previous master key's pepper is replaced under the current one, in the login, by the same write (and
 * {@code PASSWORD_UPGRADED} event) as an imported hash's upgrade.
 */
public final class PasswordCheck {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordCheck.class);

    private final Core core;
    private final PasswordHashes hashes;
    private final PasswordHasher hasher;
    private final Executor upgrades;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final CredentialStore credentials;
    private final DeviceTokens devices;
    private final Keyring keys;

    /** The check over the core's stores, trusting clients with a valid token of {@code devices}. */
    public PasswordCheck(Core core, PasswordHashes hashes, Executor upgrades, PasswordPolicy policy,
                         LoginThrottle throttle, DeviceTokens devices) {
        this.core = core;
        this.hashes = hashes;
        this.hasher = hashes.current();
        this.upgrades = upgrades;
        this.policy = policy;
        this.throttle = throttle;
        this.credentials = core.stores().credentials();
        this.devices = devices;
        this.keys = core.keyring();
    }

    /** Checks a new password against the policy and the account's own words. */
    public void checkPolicy(String password, String email, String phone) {
        policy.check(password, Inputs.contextWords(core.config().appName(), core.contacts(), email, phone));
    }

    /** The hash of a password that passed {@link #checkPolicy}, tagged with the current master key's id. */
    public String hash(String password) {
        return KeyTag.tag(hashes.currentKeyId(), hasher.hash(password));
    }

    /**
     * Whether the password matches this hash of the configured own format (one hash run, under the pepper it is
     * tagged with); a null hash, or one under a master key this instance lacks, costs a dummy run and is false.
     */
    public boolean matches(String password, String hash) {
        return matchesOwn(password, hash, hasher.format(), null);
    }

    /** One run of the own format {@code format} under the pepper {@code hash} is tagged with; else a dummy run. */
    private boolean matchesOwn(String password, String hash, String format, String userId) {
        Optional<PasswordHasher> own = hash == null ? Optional.empty() : hashes.own(format, keys.keyIdOf(hash));
        if (own.isEmpty()) {
            if (hash != null) {
                LOG.warn("A password hash of user {} is under master key {}, which this instance is not configured "
                        + "with", userId, keys.keyIdOf(hash));
            }
            hasher.verifyDummy(password);
            return false;
        }
        return own.get().verify(password, KeyTag.valueOf(hash));
    }

    /**
     * Whether the password matches a stored credential, by the format its data names: one hash run of that format. A
     * missing credential, or a format no hasher is registered for, costs a dummy run and is false.
     */
    public boolean matchesStored(String password, StoredCredential stored) {
        if (stored == null || stored.secret() == null) {
            hasher.verifyDummy(password);
            return false;
        }
        if (PasswordHashes.isOwn(stored.data()) && hashes.own(stored.data()).isPresent()) {
            return matchesOwn(password, stored.secret(), stored.data(), stored.userId());
        }
        Optional<PasswordHashFormat> legacy = hashes.legacy(stored.data());
        if (legacy.isEmpty()) {
            hasher.verifyDummy(password);
            return false;
        }
        // The old system hashed what the user typed, as UTF-8, without Latchkey's normalisation.
        byte[] typed = password.getBytes(StandardCharsets.UTF_8);
        try {
            return legacy.get().matches(typed, stored.secret());
        } finally {
            Arrays.fill(typed, (byte) 0);
        }
    }

    /** The user's password credential. */
    public StoredCredential credential(String userId) {
        List<StoredCredential> found = credentials.findByUser(userId, Core.PASSWORD);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The user's password hash, or null. */
    public String hashOf(String userId) {
        StoredCredential c = credential(userId);
        return c == null ? null : c.secret();
    }

    /** Sets (or, with null, removes) the user's password hash, made by {@link #hash}. */
    public void set(String userId, String hash) {
        credentials.replaceAll(userId, Core.PASSWORD, hash == null ? List.of() : List.of(credentialOf(userId, hash)));
    }

    /**
     * Adds a new account with its password hash, made by {@link #hash}, all or nothing
     * ({@link dev.latchkey.auth.store.AuthStores#insertAccount}): {@code ACCOUNT_EXISTS} when its email or phone is
     * taken.
     */
    public void insertAccount(StoredUser user, String hash) {
        core.stores().insertAccount(user, credentialOf(user.id(), hash));
    }

    private StoredCredential credentialOf(String userId, String hash) {
        return new StoredCredential(Ids.timeOrdered(core.now()), userId, Core.PASSWORD, null, null, hash,
                hasher.format(), 0, core.now(), null);
    }

    /**
     * Sets an imported legacy hash, recorded with {@code format} (from {@link PasswordHashes#classify}), as the user's
     * password credential; for the import, inside its transaction.
     */
    public StoredCredential legacyCredential(String userId, String hash, String format, Instant createdAt) {
        return new StoredCredential(Ids.timeOrdered(core.now()), userId, Core.PASSWORD, null, null, hash, format, 0,
                createdAt, null);
    }

    /** A fresh device token of {@code user}, for a password login that succeeded. */
    public String issueDeviceToken(StoredUser user) {
        return devices.issue(user, core.now());
    }

    /**
     * Checks a password of {@code user} (null for an unknown account) under the login limits keyed by
     * {@code throttleKey}, trusting the client's device token when it is valid for {@code user}; returns the matched
     * hash, or throws {@code INVALID_CREDENTIALS} or {@code TOO_MANY_ATTEMPTS} (after the events). A match against a
     * hash of another cost is rehashed; an imported legacy hash's upgrade is started at once.
     */
    public StoredCredential verify(StoredUser user, String password, String throttleKey, ClientInfo client,
                                   Contact.Kind kind, String destination, String detail) {
        Verified verified = verifyDeferringUpgrade(user, password, throttleKey, client, kind, destination, detail);
        verified.startUpgrade();
        return verified.credential();
    }

    /**
     * As {@link #verify}, but the background upgrade of an imported legacy hash starts only when the caller calls
     * {@link Verified#startUpgrade()}: a login calls it once its session is issued, so that the upgrade's hash never
     * competes for the CPU (and, on two cores, with the database) with the rest of the login its user waits for.
     */
    public Verified verifyDeferringUpgrade(StoredUser user, String password, String throttleKey, ClientInfo client,
                                           Contact.Kind kind, String destination, String detail) {
        return check(user, null, true, password, throttleKey, client, kind, destination, detail);
    }

    /**
     * As {@link #verifyDeferringUpgrade(StoredUser, String, String, ClientInfo, Contact.Kind, String, String)} for an
     * account read with its password credential ({@link AuthStores#findForPasswordLogin}; null for an unknown
     * account), which is not read again.
     */
    public Verified verifyDeferringUpgrade(AuthStores.UserAndPassword found, String password, String throttleKey,
                                           ClientInfo client, Contact.Kind kind, String destination, String detail) {
        return check(found == null ? null : found.user(), found == null ? null : found.password(), false, password,
                throttleKey, client, kind, destination, detail);
    }

    private Verified check(StoredUser user, StoredCredential known, boolean read, String password, String throttleKey,
                           ClientInfo client, Contact.Kind kind, String destination, String detail) {
        PasswordPolicy.refuseOversized(password);
        String userId = user == null ? null : user.id();
        String token = client.deviceToken().orElse(null);
        String deviceId = devices.isValid(token, user, core.now()) ? DeviceTokens.counterId(token) : null;
        LoginThrottle.Permit permit;
        try {
            permit = throttle.acquire(throttleKey, deviceId, client, core.now());
        } catch (AuthException e) {
            core.events().emit(AuthEventType.LOGIN_THROTTLED, userId, kind, destination, client, null,
                    withDevice(detail, token, false));
            throw e;
        }
        String eventDetail = withDevice(detail, token, permit.trusted());
        StoredCredential stored = user == null ? null : read ? credential(user.id()) : known;
        if (!matchesStored(password, stored)) {
            int consecutive = throttle.failed(permit);
            core.events().emit(AuthEventType.LOGIN_FAILED, userId, kind, destination, client, null, eventDetail);
            if (user != null && user.status() == AccountStatus.ACTIVE
                    && consecutive >= core.config().loginLimits().failuresBeforeLockout()) {
                lock(user, client);
            }
            throw Core.invalidCredentials();
        }
        if (user.status() == AccountStatus.DISABLED
                || (user.status() == AccountStatus.LOCKED && !permit.trusted())) {
            core.events().emit(AuthEventType.LOGIN_FAILED, user.id(), kind, destination, client, null,
                    user.status().name().toLowerCase(Locale.ROOT));
            throw Core.invalidCredentials();
        }
        throttle.succeeded(permit);
        return new Verified(stored, upgrade(stored, password));
    }

    /**
     * A matched password credential, and the start of its background upgrade when it is an imported legacy hash (a
     * no-op otherwise).
     *
     * @param credential the matched credential
     * @param upgrade    hands the upgrade to the service's upgrade executor; run it once
     */
    public record Verified(StoredCredential credential, Runnable upgrade) {
        /** Hands the legacy hash's upgrade, if any, to the upgrade executor. */
        public void startUpgrade() {
            upgrade.run();
        }
    }

    /**
     * Replaces a matched credential that is not in the configured own format, at its parameters, under the current
     * master key, each in the one compare-and-set of the hash and its format ({@link #replace}): at once for an own
     * hash (another format or cost, or an older master key's pepper: one more hash run, once per user and change; a
     * hash under a newer or unregistered key is left as it is, so no instance ever moves it back under an older key),
     * and through {@code upgrades} for an imported legacy hash, whose first login must cost what a normal one does:
     * that one is returned, to be started by the caller.
     */
    private Runnable upgrade(StoredCredential stored, String password) {
        if (PasswordHashes.isOwn(stored.data())) {
            if (KeyTag.keyIdOf(stored.secret()) == null) {
                keys.untaggedValueMatched();
            }
            String keyId = keys.keyIdOf(stored.secret());
            if (keys.isOlder(stored.secret())) {
                replace(stored, password, "master key " + keyId + " to " + hashes.currentKeyId());
            } else if (keyId.equals(hashes.currentKeyId()) && !hasher.format().equals(stored.data() == null ? hasher.format() : stored.data())
                    || hasher.needsRehash(KeyTag.valueOf(stored.secret()))) {
                credentials.replaceSecret(stored.id(), stored.secret(), hash(password), hasher.format());
            }
            return () -> { };
        }
        return () -> upgrades.execute(() -> replace(stored, password, stored.data() + " to " + hasher.format()));
    }

    /** The one upgrade write: the new hash and its format if the hash is unchanged, then the event. */
    private void replace(StoredCredential stored, String password, String detail) {
        try {
            if (credentials.replaceSecret(stored.id(), stored.secret(), hash(password), hasher.format())) {
                core.events().emit(AuthEventType.PASSWORD_UPGRADED, stored.userId(), null, null, null, null, detail);
            }
        } catch (RuntimeException e) {
            // The old hash stays and keeps verifying: the next login tries again.
            LOG.warn("Could not replace a password hash of user {}: {}", stored.userId(),
                    e.getClass().getSimpleName());
        }
    }

    /**
     * The default way legacy hashes are replaced: one daemon thread per service, started on demand and ended after 30
     * idle seconds, with room for 1024 waiting upgrades; an upgrade that finds no room is dropped, and happens at the
     * owner's next login instead.
     */
    public static Executor backgroundUpgrades() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), r -> {
                    Thread t = new Thread(r, "latchkey-password-upgrade");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.DiscardPolicy());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * Checks the current password of a signed-in user under the same limits as an untrusted login: device tokens are
     * for logins only.
     */
    public void verifyCurrent(StoredUser user, String password, ClientInfo client) {
        PasswordPolicy.refuseOversized(password);
        try {
            verify(user, password, "user:" + user.id(), client.withDeviceToken(null), null, null, "current password");
        } catch (AuthException e) {
            if (e.code() == dev.latchkey.auth.AuthErrorCode.VALIDATION_FAILED) {
                throw Core.invalidCredentials();
            }
            throw e;
        }
    }

    /** Forgets the account's failed logins (after a reset). */
    public void clearFailures(String userId) {
        throttle.clear("user:" + userId);
    }

    /** The audit detail of a check: whether the client presented a device token, and whether it was trusted. */
    private static String withDevice(String detail, String token, boolean trusted) {
        if (token == null) {
            return detail;
        }
        String device = trusted ? "device token" : "untrusted device token";
        return detail == null ? device : detail + ", " + device;
    }

    /**
     * Locks the account for untrusted clients. Sessions, access tokens and device tokens stay valid: whoever guesses
     * must not be able to sign the owner out.
     */
    private void lock(StoredUser user, ClientInfo client) {
        StoredUser locked = core.updateUser(user.id(), u -> u.status() == AccountStatus.ACTIVE
                ? u.withStatus(AccountStatus.LOCKED, core.now()) : u);
        if (locked.status() == AccountStatus.LOCKED) {
            core.events().emit(AuthEventType.ACCOUNT_LOCKED, user.id(), null, null, client, null,
                    core.config().loginLimits().failuresBeforeLockout() + " consecutive failed logins");
        }
    }
}
