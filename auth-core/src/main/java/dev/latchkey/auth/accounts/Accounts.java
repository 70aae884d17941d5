package dev.latchkey.auth.accounts;

import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts: direct registration, lookup, profile, roles, enabling and deletion.
 *
 * <p>Null arguments: every argument is required, and a null one throws {@link NullPointerException} naming it (a
 * present but empty or malformed value is an {@link dev.latchkey.auth.AuthException} such as
 * {@code VALIDATION_FAILED} instead).
 */
public interface Accounts {
    /**
     * Creates an active account with a password, its contacts identifying but unverified.
     *
     * <p>This direct form answers {@link dev.latchkey.auth.AuthErrorCode#ACCOUNT_EXISTS} for a taken email or phone,
     * so it reveals which contacts are registered: it is for hosts and administrators. Public sign-up pages use
     * {@link dev.latchkey.auth.registration.Registrations} instead.
     *
     * @throws dev.latchkey.auth.AuthException {@code VALIDATION_FAILED}, {@code WEAK_PASSWORD}, {@code ACCOUNT_EXISTS}
     */
    User register(Registration registration);

    /** The account with this id, or {@link dev.latchkey.auth.AuthErrorCode#NOT_FOUND}. */
    User get(String userId);

    /** The account this email or phone identifies (a pending, unproved contact identifies none). */
    Optional<User> findByContact(Contact contact);

    /** A page of accounts, oldest first, for administration screens; {@code limit} from 1 to 500. */
    List<User> list(int offset, int limit);

    /**
     * Merges profile fields into the account if it is still at {@code expectedVersion}; a null value removes a field.
     *
     * @throws dev.latchkey.auth.AuthException {@code VERSION_CONFLICT} when the account changed since it was read
     */
    User updateProfile(String userId, Map<String, String> changes, long expectedVersion);

    /** Merges profile fields into the latest version of the account; a null value removes a field. */
    User updateProfile(String userId, Map<String, String> changes);

    /** Replaces the account's roles. Tokens issued before carry the old roles until they expire. */
    User setRoles(String userId, Set<String> roles);

    /** Disables (revoking every session and access token) or re-enables an account. */
    User setEnabled(String userId, boolean enabled);

    /**
     * Deletes the caller's account after checking its password; its sessions and tokens stop working.
     *
     * @throws dev.latchkey.auth.AuthException {@code INVALID_CREDENTIALS}; {@code INSUFFICIENT_USER_AUTHENTICATION}
     *                                         unless the caller authenticated recently
     *                                         ({@link dev.latchkey.auth.factor.StepUp})
     */
    void deleteOwn(VerifiedAccessToken caller, String password);

    /**
     * Deletes the caller's account confirmed by a fresh login code sent to one of its proved contacts: the way for
     * accounts without a password to delete themselves.
     *
     * @throws dev.latchkey.auth.AuthException {@code INVALID_CODE}, {@code TOO_MANY_ATTEMPTS};
     *                                         {@code INSUFFICIENT_USER_AUTHENTICATION} unless the caller authenticated
     *                                         recently
     */
    void deleteOwnWithCode(VerifiedAccessToken caller, Contact contact, String code);

    /** Deletes an account without a password check, for administrators and host-side clean-up. */
    void delete(String userId);
}
