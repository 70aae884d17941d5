package dev.latchkey.auth.internal;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.StoredUser;
import dev.latchkey.auth.store.UserStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What every area of the service shares: configuration, stores, clock, events, the code engine and the account
 * records. Built once by {@code AuthService.Builder}; thread-safe.
 */
public final class Core {
    private static final int UPDATE_RETRIES = 5;
    /** The credential type of passwords. */
    public static final String PASSWORD = "password";
    /**
     * The credential type marking which contact (its label: {@code EMAIL} or {@code PHONE}) the current password was
     * reset through: a code to that contact is no second step after it, since whoever reads it chose the password.
     */
    public static final String PASSWORD_RESET_BY = "password_reset_by";

    private final AuthConfig config;
    private final Keyring keys;
    private final AuthStores stores;
    private final UserStore users;
    private final Clock clock;
    private final Events events;
    private final ContactNormalizer contacts;
    private final SlidingWindows windows;
    private final CodeEngine codes;
    private final Function<AccessTokenCodec.Claims, VerifiedAccessToken> minter;

    /** The shared parts; {@code minter} makes the proof type from verified claims. */
    public Core(AuthConfig config, Keyring keys, AuthStores stores, Events events, CodeEngine codes,
                SlidingWindows windows, Function<AccessTokenCodec.Claims, VerifiedAccessToken> minter) {
        this.config = config;
        this.keys = keys;
        this.stores = stores;
        this.users = Objects.requireNonNull(stores.users(), "stores.users()");
        this.clock = config.clock();
        this.events = events;
        this.contacts = new ContactNormalizer(config.accounts().defaultPhoneRegion().orElse(null));
        this.windows = windows;
        this.codes = codes;
        this.minter = minter;
    }

    public AuthConfig config() {
        return config;
    }

    /** The current master key's secrets: what new values are made with. */
    public Secrets.Keys keys() {
        return keys.current();
    }

    /** The secrets of every configured master key. */
    public Keyring keyring() {
        return keys;
    }

    public AuthStores stores() {
        return stores;
    }

    public UserStore users() {
        return users;
    }

    public Instant now() {
        return clock.instant();
    }

    public Clock clock() {
        return clock;
    }

    public Events events() {
        return events;
    }

    public ContactNormalizer contacts() {
        return contacts;
    }

    public SlidingWindows windows() {
        return windows;
    }

    public CodeEngine codes() {
        return codes;
    }

    /** The proof of a verified token. */
    public VerifiedAccessToken mint(AccessTokenCodec.Claims claims) {
        return minter.apply(claims);
    }

    /**
     * Passes when the caller authenticated within the step-up age
     * ({@link dev.latchkey.auth.factor.SecondFactorConfig#reauthenticationMaxAge()}); else
     * {@code INSUFFICIENT_USER_AUTHENTICATION}.
     */
    public void requireRecent(VerifiedAccessToken caller) {
        Objects.requireNonNull(caller, "caller");
        Duration maxAge = config.secondFactors().reauthenticationMaxAge();
        if (!caller.authenticatedWithin(maxAge, clock())) {
            throw AuthException.insufficientAuthentication(maxAge,
                    "this needs a recent sign-in: re-authenticate, then try again");
        }
    }

    /** The public view of an account. */
    public User toUser(StoredUser u) {
        return new User(u.id(), Optional.ofNullable(u.email()), u.emailVerified(), Optional.ofNullable(u.phone()),
                u.phoneVerified(), Optional.ofNullable(u.pendingEmail()), Optional.ofNullable(u.pendingPhone()),
                u.hasPassword(), u.status(), u.roles(), u.profile(), u.createdAt(), u.updatedAt(), u.version());
    }

    /**
     * Whether the account's sessions and access tokens are honoured: active, or locked (a lock only refuses password
     * logins of untrusted clients, so nobody can sign the owner out by guessing).
     */
    public static boolean keepsSessions(StoredUser u) {
        return keepsSessions(u.status());
    }

    /** Whether an account of this status keeps its sessions: active, or locked (its owner may still be signed in). */
    public static boolean keepsSessions(AccountStatus status) {
        return status == AccountStatus.ACTIVE || status == AccountStatus.LOCKED;
    }

    /** The account, or {@link AuthErrorCode#NOT_FOUND}. */
    public StoredUser stored(String userId) {
        Objects.requireNonNull(userId, "userId");
        return users.findById(userId).orElseThrow(Core::notFound);
    }

    /** The account this normalised contact identifies. */
    public Optional<StoredUser> findByContact(Contact.Kind kind, String normalized) {
        return kind == Contact.Kind.EMAIL ? users.findByEmail(normalized) : users.findByPhone(normalized);
    }

    /**
     * The account this normalised contact identifies or, when none does, the newest pending registration claiming it,
     * in one read where the store can; {@link #identifies} tells which.
     */
    public Optional<StoredUser> findByContactOrPending(Contact.Kind kind, String normalized) {
        return kind == Contact.Kind.EMAIL ? users.findByEmailOrPendingRegistration(normalized)
                : users.findByPhoneOrPendingRegistration(normalized);
    }

    /** Whether this normalised contact is the account's identifying one (not only pending). */
    public static boolean identifies(StoredUser u, Contact.Kind kind, String normalized) {
        return normalized.equals(kind == Contact.Kind.EMAIL ? u.email() : u.phone());
    }

    /**
     * Whether this identifying contact of the account may identify it: it was proved, or nothing on the account was
     * (an account the host created without verification).
     */
    public static boolean provedOrNothingIs(StoredUser u, Contact.Kind kind) {
        boolean proved = kind == Contact.Kind.EMAIL ? u.emailVerified() : u.phoneVerified();
        return proved || !(u.emailVerified() || u.phoneVerified());
    }

    /** Applies {@code change} to the latest version of the account, retrying when another writer got there first. */
    public StoredUser updateUser(String userId, UnaryOperator<StoredUser> change) {
        return updateUser(stored(userId), change);
    }

    /**
     * As {@link #updateUser(String, UnaryOperator)}, first from {@code read} (just read by the caller, so not read
     * again); a lost race reads the account again.
     */
    public StoredUser updateUser(StoredUser read, UnaryOperator<StoredUser> change) {
        StoredUser current = read;
        for (int i = 0; i < UPDATE_RETRIES; i++) {
            if (i > 0) {
                current = stored(read.id());
            }
            StoredUser next = change.apply(current).withVersion(current.version() + 1);
            if (users.update(next)) {
                return next;
            }
        }
        throw versionConflict();
    }

    /**
     * Sets the access-token cut-off to the next whole second (and past any cut-off already in that second), so every
     * token issued before now has a smaller {@code iat}, and tokens issued from now on get an {@code iat} at least as
     * large.
     */
    public StoredUser cutOff(StoredUser user) {
        long next = now().getEpochSecond() + 1;
        if (user.tokensValidFrom() != null && user.tokensValidFrom().getEpochSecond() >= next) {
            next = user.tokensValidFrom().getEpochSecond() + 1;
        }
        return user.withTokensValidFrom(Instant.ofEpochSecond(next), now());
    }

    /**
     * Marks a contact proved by a confirmed code: an identifying one becomes verified, a pending one of that value
     * becomes identifying and verified (or {@link AuthErrorCode#ACCOUNT_EXISTS} when another account proved it
     * first), the other contact stops identifying if nobody proved it, and a pending account becomes active. Writes
     * nothing when all of that is so already.
     */
    public StoredUser markProved(String userId, Contact.Kind kind, String destination) {
        return markProved(stored(userId), kind, destination);
    }

    /** As {@link #markProved(String, Contact.Kind, String)}, starting from {@code current}, just read. */
    public StoredUser markProved(StoredUser current, Contact.Kind kind, String destination) {
        if (isProved(current, kind, destination)) {
            return current; // nothing to write: the common case of a code login
        }
        return updateUser(current, u -> {
            boolean email = kind == Contact.Kind.EMAIL;
            StoredUser next = email ? u.withEmail(destination, true, now()) : u.withPhone(destination, true, now());
            if (destination.equals(email ? u.pendingEmail() : u.pendingPhone())) {
                next = email ? next.withPending(null, u.pendingPhone(), now())
                        : next.withPending(u.pendingEmail(), null, now());
            }
            next = demoteUnprovedOther(next, kind);
            return next.status() == AccountStatus.PENDING_VERIFICATION ? next.withStatus(AccountStatus.ACTIVE, now())
                    : next;
        });
    }

    /** Whether the contact already is the account's proved, identifying one, with nothing left to change. */
    private static boolean isProved(StoredUser u, Contact.Kind kind, String destination) {
        boolean email = kind == Contact.Kind.EMAIL;
        boolean proved = email ? destination.equals(u.email()) && u.emailVerified()
                : destination.equals(u.phone()) && u.phoneVerified();
        boolean otherUnproved = email ? u.phone() != null && !u.phoneVerified() : u.email() != null && !u.emailVerified();
        return proved && !otherUnproved && u.status() != AccountStatus.PENDING_VERIFICATION
                && !destination.equals(email ? u.pendingEmail() : u.pendingPhone());
    }

    /**
     * After one contact was proved, the other identifying contact stops identifying if nobody ever proved it: it moves
     * to pending, so whoever added it (a squatter who registered the owner's email with their own phone) keeps no way
     * into the account.
     */
    public StoredUser demoteUnprovedOther(StoredUser u, Contact.Kind proved) {
        if (proved == Contact.Kind.EMAIL && u.phone() != null && !u.phoneVerified()) {
            return u.withPhone(null, false, now()).withPending(u.pendingEmail(), u.phone(), now());
        }
        if (proved == Contact.Kind.PHONE && u.email() != null && !u.emailVerified()) {
            return u.withEmail(null, false, now()).withPending(u.email(), u.pendingPhone(), now());
        }
        return u;
    }

    public static AuthException invalidCredentials() {
        return new AuthException(AuthErrorCode.INVALID_CREDENTIALS, "invalid credentials");
    }

    public static AuthException invalidCode() {
        return new AuthException(AuthErrorCode.INVALID_CODE, "the code is wrong, expired or already used");
    }

    public static AuthException invalidToken() {
        return new AuthException(AuthErrorCode.INVALID_TOKEN, "invalid or expired token");
    }

    public static AuthException notFound() {
        return new AuthException(AuthErrorCode.NOT_FOUND, "no such account or session");
    }

    public static AuthException versionConflict() {
        return new AuthException(AuthErrorCode.VERSION_CONFLICT, "the account changed meanwhile; read it again");
    }
}
