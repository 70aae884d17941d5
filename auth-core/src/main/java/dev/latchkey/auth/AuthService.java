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

    // ---- housekeeping ---------------------------------------------------------------------------------------------

    /** Deletes expired sessions, tokens, codes and counters; returns how many rows went. Schedule it, e.g. hourly. */
    int purgeExpired();

    /** Builds an {@link AuthService}. */
    final class Builder {
        private final AuthConfig config;
        private final AuthStores stores;

        private Builder(AuthConfig config, AuthStores stores) {
            this.config = Objects.requireNonNull(config, "config");
            this.stores = Objects.requireNonNull(stores, "stores");
        }

        /** The service. Computes a dummy password hash at the configured cost, so it takes a moment. */
        public AuthService build() {
            return new DefaultAuthService(config, stores);
        }
    }
}
