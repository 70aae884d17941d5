package dev.latchkey.auth.password.internal;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.internal.Core;
import dev.latchkey.auth.internal.DeviceTokens;
import dev.latchkey.auth.internal.Inputs;
import dev.latchkey.auth.internal.LoginThrottle;
import dev.latchkey.auth.internal.PasswordHasher;
import dev.latchkey.auth.internal.PasswordPolicy;
import dev.latchkey.auth.store.CredentialStore;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredUser;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Password hashes in the {@link CredentialStore}, the policy, and the one password check: a permit from the login
 * limits before any hashing, a dummy hash for accounts without a password, lockout after too many consecutive failures
 * of untrusted clients. Login, password change, account deletion and re-authentication all check passwords here;
 * only login reads the client's device token.
 *
 * <p>The lockout sets {@link AccountStatus#LOCKED}, which refuses password logins of untrusted clients (even with
 * the right password) until a password reset; a client with a valid device token still logs in, and the account's
 * sessions and access tokens stay valid: failed logins never revoke anything.
 */
public final class PasswordCheck {
    /** The hash format recorded with every password credential. */
    public static final String FORMAT = "bcrypt-hmac-sha384";

    private final Core core;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final CredentialStore credentials;
    private final DeviceTokens devices;

    /** The check over the core's stores, trusting clients with a valid token of {@code devices}. */
    public PasswordCheck(Core core, PasswordHasher hasher, PasswordPolicy policy, LoginThrottle throttle,
                         DeviceTokens devices) {
        this.core = core;
        this.hasher = hasher;
        this.policy = policy;
        this.throttle = throttle;
        this.credentials = core.stores().credentials();
        this.devices = devices;
    }

    /** Checks a new password against the policy and the account's own words. */
    public void checkPolicy(String password, String email, String phone) {
        policy.check(password, Inputs.contextWords(core.config().appName(), core.contacts(), email, phone));
    }

    /** The hash of a password that passed {@link #checkPolicy}. */
    public String hash(String password) {
        return hasher.hash(password);
    }

    /** Whether the password matches this hash (one bcrypt run); a null hash costs a dummy run and is false. */
    public boolean matches(String password, String hash) {
        if (hash == null) {
            hasher.verifyDummy(password);
            return false;
        }
        return hasher.verify(password, hash);
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

    /** Sets (or, with null, removes) the user's password hash. */
    public void set(String userId, String hash) {
        credentials.replaceAll(userId, Core.PASSWORD, hash == null ? List.of()
                : List.of(new StoredCredential(UUID.randomUUID().toString(), userId, Core.PASSWORD, null, null, hash,
                FORMAT, 0, core.now(), null)));
    }

    /** A fresh device token of {@code user}, for a password login that succeeded. */
    public String issueDeviceToken(StoredUser user) {
        return devices.issue(user, core.now());
    }

    /**
     * Checks a password of {@code user} (null for an unknown account) under the login limits keyed by
     * {@code throttleKey}, trusting the client's device token when it is valid for {@code user}; returns the matched
     * hash, or throws {@code INVALID_CREDENTIALS} or {@code TOO_MANY_ATTEMPTS} (after the events). A match against a
     * hash of another cost is rehashed.
     */
    public StoredCredential verify(StoredUser user, String password, String throttleKey, ClientInfo client,
                                   Contact.Kind kind, String destination, String detail) {
        if (PasswordPolicy.isOversized(password)) {
            throw AuthException.validation("password", "password is longer than " + PasswordPolicy.MAX_INPUT_BYTES
                    + " bytes");
        }
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
        StoredCredential stored = user == null ? null : credential(user.id());
        if (!matches(password, stored == null ? null : stored.secret())) {
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
        if (hasher.needsRehash(stored.secret())) {
            credentials.replaceSecret(stored.id(), stored.secret(), hasher.hash(password));
        }
        return stored;
    }

    /**
     * Checks the current password of a signed-in user under the same limits as an untrusted login: device tokens are
     * for logins only.
     */
    public void verifyCurrent(StoredUser user, String password, ClientInfo client) {
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
