package dev.latchkey.auth;

import dev.latchkey.auth.store.AuthStores;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Accounts, passwords, sessions and tokens for one application, over the host's own stores.
 *
 * <p>Build one per application with {@link #newBuilder(AuthConfig, AuthStores)}; it is thread-safe, and several
 * instances (in one process or many) over the same stores and configuration behave as one. Every method throws
 * {@link AuthException} with a stable {@link AuthErrorCode} for bad input and expected failures, and
 * {@link AuthErrorCode#STORE_UNAVAILABLE} when the database fails.
 */
public interface AuthService {

    /** A builder for a service with this configuration over these stores. */
    static Builder newBuilder(AuthConfig config, AuthStores stores) {
        return new Builder(config, stores);
    }

    // ---- accounts -------------------------------------------------------------------------------------------------

    /**
     * Creates an active account with a password.
     *
     * <p>This direct form answers {@link AuthErrorCode#ACCOUNT_EXISTS} for a taken email or phone, so it reveals which
     * contacts are registered; public sign-up pages should use the code-verified registration instead.
     *
     * @throws AuthException {@link AuthErrorCode#VALIDATION_FAILED}, {@link AuthErrorCode#WEAK_PASSWORD},
     *                       {@link AuthErrorCode#ACCOUNT_EXISTS}
     */
    User register(Registration registration);

    /** The account with this id, or {@link AuthErrorCode#NOT_FOUND}. */
    User getUser(String userId);

    /** A page of accounts, oldest first, for administration screens; {@code limit} from 1 to 500. */
    List<User> listUsers(int offset, int limit);

    /**
     * Merges profile fields into the account if it is still at {@code expectedVersion}; a null value removes a field.
     *
     * @throws AuthException {@link AuthErrorCode#VERSION_CONFLICT} when the account changed since it was read
     */
    User updateProfile(String userId, Map<String, String> changes, long expectedVersion);

    /** Merges profile fields into the latest version of the account; a null value removes a field. */
    User updateProfile(String userId, Map<String, String> changes);

    /** Replaces the account's roles. Tokens issued before carry the old roles until they expire. */
    User setRoles(String userId, Set<String> roles);

    /** Disables (revoking every session and access token) or re-enables an account. */
    User setEnabled(String userId, boolean enabled);

    /** Deletes an account after checking its password; its sessions and tokens stop working. */
    void deleteAccount(VerifiedAccessToken caller, String password);

    /**
     * Deletes an account confirmed by a fresh login code (from {@link #sendLoginCode}) sent to one of its proved
     * contacts: the way for accounts without a password (made by code login) to delete themselves.
     *
     * @throws AuthException {@link AuthErrorCode#INVALID_CODE}, {@link AuthErrorCode#TOO_MANY_ATTEMPTS}
     */
    void deleteAccountWithCode(VerifiedAccessToken caller, Contact contact, String code);

    /** Deletes an account without a password check, for administrators and host-side clean-up. */
    void deleteAccount(String userId);

    // ---- passwords and sessions -----------------------------------------------------------------------------------

    /**
     * Logs in with an email or phone and a password.
     *
     * @throws AuthException {@link AuthErrorCode#INVALID_CREDENTIALS} for an unknown account, a wrong password or a
     *                       disabled account alike (and in about the same time); {@link AuthErrorCode#VERIFICATION_REQUIRED}
     *                       when the password is right but the account is not verified yet
     */
    Session login(Contact contact, String password, ClientInfo client);

    /**
     * Exchanges a refresh token for a new access token and a new refresh token. The old one stops working; presenting
     * it again revokes the whole session (RFC 9700 4.14.2).
     *
     * @throws AuthException {@link AuthErrorCode#INVALID_TOKEN}
     */
    Session refresh(String refreshToken, ClientInfo client);

    /** Ends the session the refresh token belongs to. Unknown or already revoked tokens are ignored. */
    void logout(String refreshToken);

    /** Ends every session of the user and rejects, in the online check, every access token issued before now. */
    void logoutEverywhere(String userId);

    /**
     * Changes the password after checking the current one; every other session of the user is revoked and access
     * tokens issued before now fail the online check. The caller's session stays; refresh it for a fresh access token.
     *
     * @throws AuthException {@link AuthErrorCode#INVALID_CREDENTIALS} for a wrong current password,
     *                       {@link AuthErrorCode#WEAK_PASSWORD}
     */
    void changePassword(VerifiedAccessToken caller, String currentPassword, String newPassword);

    /** The user's active sessions, newest first. */
    List<SessionInfo> listSessions(String userId);

    /** Revokes one of the user's sessions, or {@link AuthErrorCode#NOT_FOUND} if it is not theirs. */
    void revokeSession(String userId, String sessionId);

    // ---- access tokens --------------------------------------------------------------------------------------------

    /**
     * Checks an access token's signature and claims without touching the database.
     *
     * @throws AuthException {@link AuthErrorCode#INVALID_TOKEN}
     */
    VerifiedAccessToken verifyAccessToken(String accessToken);

    /**
     * Checks an access token as {@link #verifyAccessToken} does, then against the store: the account still exists and
     * is active, its session is not revoked, and the token was issued after the account's last logout-everywhere,
     * password change or disabling.
     *
     * @throws AuthException {@link AuthErrorCode#INVALID_TOKEN}
     */
    VerifiedAccessToken verifyAccessTokenOnline(String accessToken);

    /**
     * The public keys access tokens are verified with, as a JWKS document (RFC 7517 section 5), for resource servers
     * to fetch (serve it at {@code /.well-known/jwks.json}). It lists the key that signs now, a published next key
     * and retired keys whose tokens may still be valid; {@code {"keys":[]}} with HS256, whose secret is never
     * published. Cheap to call on every request: it reads the store only when the refresh interval has passed.
     */
    default String publicJwks() {
        throw new UnsupportedOperationException("this AuthService does not publish keys");
    }

    /**
     * Publishes a new generated signing key now; it starts signing after {@link AuthConfig#signingKeyPublishLead()}
     * on every instance, and the current key keeps verifying until its tokens expire. If a next key is already
     * published, that one is kept. Returns the new key's {@code kid}. Keys also rotate on their own every
     * {@link AuthConfig#signingKeyRotationPeriod()}.
     *
     * @throws UnsupportedOperationException with HS256 or with keys given in {@link AuthConfig.Builder#signingKeys}
     */
    default String rotateSigningKey() {
        throw new UnsupportedOperationException("this AuthService does not rotate keys");
    }

    // ---- one-time codes -------------------------------------------------------------------------------------------

    /**
     * Sends a login code to a phone (or, with {@link AuthConfig.Builder#allowLoginCodesByEmail()}, an email). The answer
     * is the same whether or not an account exists: unknown destinations get no code unless
     * {@link AuthConfig#otpLoginCreatesAccounts()}, but the same throttling.
     *
     * @throws AuthException {@link AuthErrorCode#TOO_MANY_ATTEMPTS} (cooldown, hourly cap),
     *                       {@link AuthErrorCode#DELIVERY_FAILED}, {@link AuthErrorCode#VALIDATION_FAILED}
     */
    void sendLoginCode(Contact contact, ClientInfo client);

    /**
     * Logs in with a login code. A first login to an unknown destination creates a code-only account when
     * {@link AuthConfig#otpLoginCreatesAccounts()}. A pending account becomes active, since the code proves the contact,
     * but loses what its registration claimed without proof (password, profile, the other contact): the registrant
     * may have been someone else. A contact nobody proved cannot log in to an account whose other contact was proved.
     *
     * @throws AuthException {@link AuthErrorCode#INVALID_CODE}, {@link AuthErrorCode#TOO_MANY_ATTEMPTS}
     */
    Session loginWithCode(Contact contact, String code, ClientInfo client);

    /**
     * Registers an account that stays {@link AccountStatus#PENDING_VERIFICATION} until a code sent to its email (or, with
     * no email, its phone) is confirmed with {@link #completeRegistration}. Answers the same for a new and an already
     * registered destination. Re-registering a still-pending account replaces its contacts and profile and sends a new
     * code; if the new password differs from the pending one, the account is left without a password (two people may
     * be racing for it), so whoever confirms the code logs in and sets one with a password reset.
     *
     * @throws AuthException {@link AuthErrorCode#VALIDATION_FAILED}, {@link AuthErrorCode#WEAK_PASSWORD},
     *                       {@link AuthErrorCode#TOO_MANY_ATTEMPTS}, {@link AuthErrorCode#DELIVERY_FAILED}
     */
    void startRegistration(Registration registration, ClientInfo client);

    /** Confirms a registration with the code sent to {@code contact}; the account becomes active and is logged in. */
    Session completeRegistration(Contact contact, String code, ClientInfo client);

    /** Sends a code that proves the account's email or phone (for accounts registered without verification). */
    void sendVerificationCode(String userId, Contact.Kind kind);

    /** Marks the account's email or phone verified with the code from {@link #sendVerificationCode}. */
    User verifyContact(String userId, Contact.Kind kind, String code);

    /** Sends a password-reset code; answers the same whether or not an account exists. */
    void requestPasswordReset(Contact contact, ClientInfo client);

    /**
     * Sets a new password with a reset code; every session is revoked and earlier access tokens fail the online check.
     * The account's other contact is removed if it was never proved, and a locked account is unlocked.
     *
     * @throws AuthException {@link AuthErrorCode#WEAK_PASSWORD} (checked before the code is used up),
     *                       {@link AuthErrorCode#INVALID_CODE}, {@link AuthErrorCode#TOO_MANY_ATTEMPTS}
     */
    void resetPassword(Contact contact, String code, String newPassword);

    /** Sends a code to a new email or phone the caller wants on their account; nothing changes until it is confirmed. */
    void startContactChange(VerifiedAccessToken caller, Contact newContact);

    /**
     * Replaces the caller's email or phone with the new one once its code is confirmed, revokes the caller's other
     * sessions, and sends a notice to the old one.
     *
     * @throws AuthException {@link AuthErrorCode#INVALID_CODE}, {@link AuthErrorCode#ACCOUNT_EXISTS} when another
     *                       account took it meanwhile
     */
    User confirmContactChange(VerifiedAccessToken caller, Contact newContact, String code);

    // ---- housekeeping ---------------------------------------------------------------------------------------------

    /**
     * Deletes expired sessions, tokens, codes, counters and retired signing keys; returns how many rows went.
     * Schedule it, e.g. hourly.
     */
    int purgeExpired();

    /** Builds an {@link AuthService}. */
    final class Builder {
        private final AuthConfig config;
        private final AuthStores stores;
        private OtpProvider otpProvider;
        private final List<AuthEventListener> listeners = new java.util.ArrayList<>();
        private dev.latchkey.auth.internal.PasswordHasher passwordHasher;

        private Builder(AuthConfig config, AuthStores stores) {
            this.config = Objects.requireNonNull(config, "config");
            this.stores = Objects.requireNonNull(stores, "stores");
        }

        /**
         * The provider that delivers codes (see {@code auth-otp}); without one, every code flow answers
         * {@link AuthErrorCode#DELIVERY_FAILED} with reason {@code unsupported_channel}.
         */
        public Builder otpProvider(OtpProvider provider) {
            this.otpProvider = Objects.requireNonNull(provider, "otpProvider");
            return this;
        }

        /**
         * Adds a listener for audit events; call once per listener. With none, events are logged by
         * {@link AuthEventListener#logging()}; to keep that as well, add it explicitly.
         */
        public Builder eventListener(AuthEventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Replaces the password hasher; for tests in this package that count hashing work. */
        Builder passwordHasher(dev.latchkey.auth.internal.PasswordHasher hasher) {
            this.passwordHasher = Objects.requireNonNull(hasher, "passwordHasher");
            return this;
        }

        /** The service. Computes a dummy password hash at the configured cost, so it takes a moment. */
        public AuthService build() {
            return new DefaultAuthService(config, stores, otpProvider, listeners, passwordHasher);
        }
    }
}
