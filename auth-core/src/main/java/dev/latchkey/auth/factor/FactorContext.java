package dev.latchkey.auth.factor;

import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.OtpPurpose;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.store.ChallengeStore;
import dev.latchkey.auth.store.CredentialStore;
import dev.latchkey.auth.store.RateLimitStore;
import dev.latchkey.auth.store.StoredCredential;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What the service gives a {@link Factor}: the shared stores, the clock, events, keys and the end of a login. */
public interface FactorContext {
    /** The service's clock. */
    Clock clock();

    /** Credentials of every factor; a factor keeps its own under its own types. */
    CredentialStore credentials();

    /** Single-use challenges shared by instances, for a factor's own ceremonies. */
    ChallengeStore challenges();

    /** Shared counters, for a factor's own limits. */
    RateLimitStore rateLimits();

    /** Runs {@code work} as one transaction over every store. */
    <T> T inTransaction(Supplier<T> work);

    /** The account with this id. */
    Optional<User> user(String userId);

    /** Emits an audit event; {@code detail} must hold nothing secret. */
    void emit(AuthEventType type, String userId, ClientInfo client, String detail);

    /**
     * A 32-byte key for this purpose derived from the current master key's secrets (HKDF), the same on every
     * instance. It changes when the master key is rotated, and no previous key's is offered: whatever a factor stored
     * with it stops matching at the rotation. Prefer {@link #keyedHash} or {@link #encrypt}, whose values carry their
     * key id and keep working across a master-key rotation.
     */
    byte[] deriveKey(String purpose);

    /**
     * A keyed hash of {@code value} for this purpose (HMAC-SHA-256 under a key derived from the current master key),
     * tagged with that key's id so that {@link #matchesKeyedHash} checks it with one HMAC under the right key, also
     * after the master key rotated. For values kept only as hashes (recovery codes); declare their credential type
     * with {@link KeyedCredentials#hashed}.
     */
    String keyedHash(String purpose, String value);

    /** Whether {@code stored}, made by {@link #keyedHash} for this purpose, hashes {@code value}; constant time. */
    boolean matchesKeyedHash(String purpose, String value, String stored);

    /**
     * Encrypts a reversible secret (a TOTP seed) with AES-256-GCM under the current master key's key-encryption key,
     * bound to {@code context}, tagged with that key's id.
     */
    String encrypt(byte[] secret, String context);

    /**
     * Decrypts what {@link #encrypt} made with the same {@code context}, under the master key it is tagged with.
     *
     * @throws IllegalStateException when that key is not configured or the value does not decrypt
     */
    byte[] decrypt(String encrypted, String context);

    /**
     * Decrypts a credential's secret as {@link #decrypt}, and when it was encrypted under a previous master key,
     * encrypts it again under the current one in a compare-and-set of the credential's secret (another instance's
     * rewrite, or a change meanwhile, wins).
     */
    byte[] decryptCredential(StoredCredential credential, String context);

    /**
     * Ends a login in which {@code factor} authenticated the user as a first factor: a session, or the second step
     * when another factor requires one; its {@code amr} is the factor's {@link Factor#amr()}.
     */
    default LoginResult completePrimary(User user, Factor factor, ClientInfo client) {
        return completePrimary(user, factor, factor.amr(), client);
    }

    /**
     * As {@link #completePrimary(User, Factor, ClientInfo)}, with the {@code amr} this very login proved (a passkey's
     * {@code hwk} or {@code swk} by the key that signed) in place of the factor's {@link Factor#amr()}.
     */
    LoginResult completePrimary(User user, Factor factor, List<String> amr, ClientInfo client);

    /**
     * Ends a login in which {@code factor} alone proved two factors (a passkey with user verification: a key held and
     * the PIN or biometric that unlocked it): a session whose {@code amr} is {@code amr} plus {@code mfa}, with no
     * second step, satisfying a {@link SecondFactorPolicy} that requires one.
     */
    LoginResult completeMultiFactor(User user, Factor factor, List<String> amr, ClientInfo client);

    /**
     * The account this email or phone identifies: a contact nobody has proved identifies none, unless nothing on the
     * account was proved (an account the host created without verification), the rule code logins follow.
     */
    Optional<User> findByContact(Contact contact);

    /**
     * Whether a factor other than {@code factor} asks the user for a second step ({@link Factor#requiresSecondStep}):
     * the user enrolled another second factor.
     */
    boolean requiresStepBesides(User user, Factor factor);

    /**
     * Takes the account for the rest of the enclosing {@link #inTransaction transaction} (its version is advanced
     * through the core's user update): concurrent changes of one account's ways in then run one after another, each
     * seeing what the other committed. Call it first in the transaction, before reading what it guards.
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#NOT_FOUND}
     */
    void lockAccount(String userId);

    /** The application's name, as users know it ({@code AuthConfig.appName}). */
    String appName();

    /**
     * Passes when the caller authenticated recently enough for a sensitive operation ({@link StepUp#requireRecent}).
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#INSUFFICIENT_USER_AUTHENTICATION}
     */
    void requireRecent(VerifiedAccessToken caller);

    /**
     * Passes when {@code factor} may lose what the user has of it: refused when the policy requires a second factor
     * of the user and no other factor would still {@link Factor#requiresSecondStep require a step}.
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#FORBIDDEN} with reason
     *                                         {@code second_factor_required}
     */
    void requireRemovable(String userId, Factor factor);

    /**
     * The login a live enrolment challenge belongs to ({@link dev.latchkey.auth.LoginResult.EnrollmentRequired}),
     * for a factor that enrols its user under it.
     *
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#INVALID_TOKEN} for an unknown,
     *                                         used or expired challenge, or one whose account has a factor already
     */
    Enrollment enrollment(String challenge);

    /**
     * Takes a permit of a sliding-window budget every instance shares ({@code limit} in any {@code window}), for a
     * factor's own limits: empty when granted, else when to retry. {@code key} is the factor's own (it is prefixed).
     */
    Optional<java.time.Instant> acquire(String key, int limit, java.time.Duration window);

    /** Gives back the newest permit of {@link #acquire}'s budget, after a success. */
    void release(String key, java.time.Duration window);

    /** Sends a notice without a code (a recovery code was used) to each of the user's proved contacts. */
    void notice(String userId, OtpPurpose purpose);
}
