package dev.latchkey.auth;

import dev.latchkey.auth.internal.AccessTokenCodec;
import dev.latchkey.auth.internal.JwsKey;
import dev.latchkey.auth.internal.KeySource;
import dev.latchkey.auth.internal.StoredKeyRing;
import dev.latchkey.auth.store.SigningKeyStore;
import dev.latchkey.auth.internal.CommonPasswords;
import dev.latchkey.auth.internal.ContactNormalizer;
import dev.latchkey.auth.internal.BcryptPasswordHasher;
import dev.latchkey.auth.internal.PasswordHasher;
import dev.latchkey.auth.internal.PasswordPolicy;
import dev.latchkey.auth.internal.Secrets;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.RefreshTokenStore;
import dev.latchkey.auth.store.StoredCode;
import dev.latchkey.auth.store.StoredRefreshToken;
import dev.latchkey.auth.store.StoredSession;
import dev.latchkey.auth.store.StoredUser;
import dev.latchkey.auth.store.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** The {@link AuthService} over {@link AuthStores}. Package-private: hosts build it with {@link AuthService#newBuilder}. */
final class DefaultAuthService implements AuthService {
    private static final Pattern PROFILE_FIELD = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");
    private static final int MAX_PROFILE_FIELDS = 32;
    private static final int MAX_PROFILE_VALUE = 1000;
    private static final int MAX_ROLES = 32;
    private static final int MAX_OPAQUE_TOKEN = 256;
    private static final int UPDATE_RETRIES = 5;
    private static final String PASSWORD = "password";
    /** Session ids are UUIDs; anything else (NUL bytes, megabytes) is not looked up at all. */
    private static final Pattern SESSION_ID = Pattern.compile("^[A-Za-z0-9-]{1,64}$");

    private final AuthConfig config;
    private final AuthStores stores;
    private final UserStore users;
    private final RefreshTokenStore tokens;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final ContactNormalizer contacts;
    private final KeySource keys;
    private final AccessTokenCodec codec;
    private final OneTimeCodes codes;
    private final AuthEvents events;
    private final LoginThrottle throttle;

    DefaultAuthService(AuthConfig config, AuthStores stores, OtpProvider otpProvider, List<AuthEventListener> listeners,
                       PasswordHasher hasher) {
        this.config = config;
        this.stores = stores;
        this.users = Objects.requireNonNull(stores.users(), "stores.users()");
        this.tokens = Objects.requireNonNull(stores.refreshTokens(), "stores.refreshTokens()");
        this.hasher = hasher != null ? hasher : new BcryptPasswordHasher(config.passwordPepper(), config.bcryptCost());
        this.policy = new PasswordPolicy(config.passwordMinLength(), config.passwordMaxLength(), CommonPasswords.load());
        this.contacts = new ContactNormalizer(config.defaultPhoneRegion().orElse(null));
        this.keys = keySource(config, stores);
        this.codec = new AccessTokenCodec(keys, config.issuer(), config.audience(), config.clockSkew());
        keys.current(now());
        this.events = new AuthEvents(listeners.isEmpty() ? List.of(AuthEventListener.logging()) : listeners,
                config.clock());
        SlidingWindows windows = new SlidingWindows(Objects.requireNonNull(stores.rateLimits(), "stores.rateLimits()"));
        this.codes = new OneTimeCodes(config, stores.otpCodes(), windows, otpProvider, events);
        this.throttle = new LoginThrottle(config, windows);
    }

    private Instant now() {
        return config.clock().instant();
    }

    // ---- accounts -------------------------------------------------------------------------------------------------

    @Override
    public User register(Registration registration) {
        Objects.requireNonNull(registration, "registration");
        String email = registration.email().map(contacts::email).orElse(null);
        String phone = registration.phone().map(contacts::phone).orElse(null);
        policy.check(registration.password(), contextWords(email, phone));
        Map<String, String> profile = checkProfile(registration.profile());
        Set<String> roles = checkRoles(registration.roles().orElse(config.defaultRoles()));
        String hash = hasher.hash(registration.password());
        Instant now = now();
        StoredUser user = new StoredUser(UUID.randomUUID().toString(), email, false, phone, false, null, null,
                AccountStatus.ACTIVE, roles, profile, now, now, null, 1);
        stores.inTransaction(() -> {
            users.insert(user);
            setPasswordHash(user.id(), hash);
            return null;
        });
        events.emit(AuthEventType.ACCOUNT_REGISTERED, user.id());
        return User.of(user);
    }

    @Override
    public User getUser(String userId) {
        return User.of(stored(userId));
    }

    @Override
    public List<User> listUsers(int offset, int limit) {
        if (offset < 0) {
            throw AuthException.validation("offset", "offset must not be negative");
        }
        if (limit < 1 || limit > 500) {
            throw AuthException.validation("limit", "limit must be from 1 to 500");
        }
        return users.list(offset, limit).stream().map(User::of).toList();
    }

    @Override
    public User updateProfile(String userId, Map<String, String> changes, long expectedVersion) {
        Objects.requireNonNull(changes, "changes");
        StoredUser current = stored(userId);
        if (current.version() != expectedVersion) {
            throw versionConflict();
        }
        StoredUser next = current.withProfile(mergeProfile(current.profile(), changes), now())
                .withVersion(current.version() + 1);
        if (!users.update(next)) {
            throw versionConflict();
        }
        return User.of(next);
    }

    @Override
    public User updateProfile(String userId, Map<String, String> changes) {
        Objects.requireNonNull(changes, "changes");
        return User.of(updateUser(userId, u -> u.withProfile(mergeProfile(u.profile(), changes), now())));
    }

    @Override
    public User setRoles(String userId, Set<String> roles) {
        Set<String> checked = checkRoles(Objects.requireNonNull(roles, "roles"));
        StoredUser next = updateUser(userId, u -> u.withRoles(checked, now()));
        events.emit(AuthEventType.ROLES_CHANGED, userId, null, null, null, null, String.join(" ", checked));
        return User.of(next);
    }

    @Override
    public User setEnabled(String userId, boolean enabled) {
        StoredUser next = stores.inTransaction(() -> {
            if (enabled) {
                return updateUser(userId, u -> u.status() == AccountStatus.DISABLED
                        ? u.withStatus(AccountStatus.ACTIVE, now()) : u);
            }
            StoredUser disabled = updateUser(userId, u -> cutOff(u.withStatus(AccountStatus.DISABLED, now())));
            tokens.revokeAllSessions(userId, null, now());
            return disabled;
        });
        events.emit(enabled ? AuthEventType.ACCOUNT_ENABLED : AuthEventType.ACCOUNT_DISABLED, userId);
        return User.of(next);
    }

    @Override
    public void deleteAccount(VerifiedAccessToken caller, String password) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(password, "password");
        StoredUser user = stored(caller.userId());
        checkPassword(user, password);
        deleteAccount(user.id());
    }

    @Override
    public void deleteAccountWithCode(VerifiedAccessToken caller, Contact contact, String code) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(contact, "contact");
        StoredUser user = stored(caller.userId());
        String destination = contacts.normalize(contact);
        boolean own = contact.kind() == Contact.Kind.EMAIL
                ? destination.equals(user.email()) && user.emailVerified()
                : destination.equals(user.phone()) && user.phoneVerified();
        if (!own) {
            throw invalidCode();
        }
        codes.consume(OtpPurpose.LOGIN, contact.kind(), destination, checkCodeInput(code), user.id(),
                ClientInfo.unknown());
        deleteAccount(user.id());
    }

    @Override
    public void deleteAccount(String userId) {
        Objects.requireNonNull(userId, "userId");
        if (!users.delete(userId)) {
            throw notFound();
        }
        events.emit(AuthEventType.ACCOUNT_DELETED, userId);
    }

    // ---- passwords and sessions -----------------------------------------------------------------------------------

    @Override
    public Session login(Contact contact, String password, ClientInfo client) {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(client, "client");
        if (PasswordPolicy.isOversized(password)) {
            throw AuthException.validation("password", "password is longer than " + PasswordPolicy.MAX_INPUT_BYTES
                    + " bytes");
        }
        String key = contacts.normalize(contact);
        StoredUser user = findByContact(contact.kind(), key).orElse(null);
        String throttleKey = user != null ? "user:" + user.id() : contact.kind() + ":" + key;
        LoginThrottle.Permit permit;
        try {
            permit = throttle.acquire(throttleKey, client, now());
        } catch (AuthException e) {
            events.emit(AuthEventType.LOGIN_THROTTLED, user == null ? null : user.id(), contact.kind(), key, client,
                    null, null);
            throw e;
        }
        boolean passwordOk;
        String stored = user == null ? null : passwordHash(user.id());
        if (stored == null) {
            hasher.verifyDummy(password);
            passwordOk = false;
        } else {
            passwordOk = hasher.verify(password, stored);
        }
        if (!passwordOk) {
            int consecutive = throttle.failed(permit);
            events.emit(AuthEventType.LOGIN_FAILED, user == null ? null : user.id(), contact.kind(), key, client,
                    null, null);
            if (user != null && consecutive >= config.loginFailuresBeforeLockout()) {
                lock(user, client);
            }
            throw invalidCredentials();
        }
        if (user.status() == AccountStatus.DISABLED || user.status() == AccountStatus.LOCKED) {
            events.emit(AuthEventType.LOGIN_FAILED, user.id(), contact.kind(), key, client, null,
                    user.status().name().toLowerCase(java.util.Locale.ROOT));
            throw invalidCredentials();
        }
        throttle.succeeded(permit);
        if (user.status() == AccountStatus.PENDING_VERIFICATION) {
            throw new AuthException(AuthErrorCode.VERIFICATION_REQUIRED,
                    "verify your email or phone with the code we sent before logging in");
        }
        if (hasher.needsRehash(stored)) {
            rehash(user, stored, password);
        }
        Session session = startSession(user, client);
        events.emit(AuthEventType.LOGIN_SUCCEEDED, user.id(), contact.kind(), key, client, session.sessionId(),
                "password");
        return session;
    }

    private void lock(StoredUser user, ClientInfo client) {
        StoredUser locked = stores.inTransaction(() -> {
            StoredUser next = updateUser(user.id(), u -> u.status() == AccountStatus.ACTIVE
                    ? cutOff(u.withStatus(AccountStatus.LOCKED, now())) : u);
            tokens.revokeAllSessions(user.id(), null, now());
            return next;
        });
        if (locked.status() == AccountStatus.LOCKED) {
            events.emit(AuthEventType.ACCOUNT_LOCKED, user.id(), null, null, client, null,
                    config.loginFailuresBeforeLockout() + " consecutive failed logins");
        }
    }

    private void rehash(StoredUser user, String oldHash, String password) {
        stores.credentials().findByUser(user.id(), PASSWORD).stream().findFirst()
                .ifPresent(c -> stores.credentials().replaceSecret(c.id(), oldHash, hasher.hash(password)));
    }

    private String passwordHash(String userId) {
        return stores.credentials().findByUser(userId, PASSWORD).stream().findFirst()
                .map(dev.latchkey.auth.store.StoredCredential::secret).orElse(null);
    }

    private void setPasswordHash(String userId, String hash) {
        stores.credentials().replaceAll(userId, PASSWORD, hash == null ? List.of()
                : List.of(new dev.latchkey.auth.store.StoredCredential(UUID.randomUUID().toString(), userId, PASSWORD,
                null, null, hash, null, 0, now(), null)));
    }

    private Session startSession(StoredUser user, ClientInfo client) {
        Instant now = now();
        String sessionId = UUID.randomUUID().toString();
        String refreshToken = Secrets.randomToken(32);
        Instant absolute = now.plus(config.refreshTokenAbsoluteTtl());
        Instant refreshExpiry = earliest(now.plus(config.refreshTokenIdleTtl()), absolute);
        tokens.createSession(
                new StoredSession(sessionId, user.id(), now, now, absolute, null, client.address().orElse(null),
                        client.userAgent().orElse(null)),
                new StoredRefreshToken(Secrets.sha256(refreshToken), sessionId, now, refreshExpiry, null));
        return session(user, sessionId, refreshToken, refreshExpiry, now);
    }

    private Session session(StoredUser user, String sessionId, String refreshToken, Instant refreshExpiry, Instant now) {
        long iat = now.getEpochSecond();
        if (user.tokensValidFrom() != null) {
            iat = Math.max(iat, user.tokensValidFrom().getEpochSecond());
        }
        Instant issuedAt = Instant.ofEpochSecond(iat);
        Instant expiresAt = issuedAt.plus(config.accessTokenTtl());
        String accessToken = codec.issue(user.id(), sessionId, user.roles(), issuedAt, expiresAt);
        return new Session(sessionId, accessToken, expiresAt, refreshToken, refreshExpiry, User.of(user));
    }

    @Override
    public Session refresh(String refreshToken, ClientInfo client) {
        Objects.requireNonNull(client, "client");
        if (refreshToken == null || refreshToken.isEmpty() || refreshToken.length() > MAX_OPAQUE_TOKEN) {
            throw invalidToken();
        }
        String hash = Secrets.sha256(refreshToken);
        RefreshTokenStore.Lookup lookup = tokens.findToken(hash).orElseThrow(DefaultAuthService::invalidToken);
        StoredSession session = lookup.session();
        Instant now = now();
        if (lookup.token().usedAt() != null) {
            revokeOnReuse(session, now, client);
            throw invalidToken();
        }
        if (!session.isActive(now) || !now.isBefore(lookup.token().expiresAt())) {
            throw invalidToken();
        }
        StoredUser user = users.findById(session.userId())
                .filter(u -> u.status() == AccountStatus.ACTIVE)
                .orElseThrow(DefaultAuthService::invalidToken);
        String next = Secrets.randomToken(32);
        Instant nextExpiry = earliest(now.plus(config.refreshTokenIdleTtl()), session.absoluteExpiresAt());
        boolean won = tokens.rotate(hash, now,
                new StoredRefreshToken(Secrets.sha256(next), session.id(), now, nextExpiry, null));
        if (!won) {
            revokeOnReuse(session, now, client);
            throw invalidToken();
        }
        events.emit(AuthEventType.TOKEN_REFRESHED, user.id(), null, null, client, session.id(), null);
        return session(user, session.id(), next, nextExpiry, now);
    }

    private void revokeOnReuse(StoredSession session, Instant now, ClientInfo client) {
        tokens.revokeSession(session.id(), now);
        events.emit(AuthEventType.REFRESH_REUSE_DETECTED, session.userId(), null, null, client, session.id(),
                "session revoked");
    }

    @Override
    public void logout(String refreshToken) {
        if (refreshToken == null || refreshToken.isEmpty() || refreshToken.length() > MAX_OPAQUE_TOKEN) {
            return;
        }
        tokens.findToken(Secrets.sha256(refreshToken)).ifPresent(lookup -> {
            if (tokens.revokeSession(lookup.session().id(), now())) {
                events.emit(AuthEventType.LOGGED_OUT, lookup.session().userId(), null, null, null,
                        lookup.session().id(), null);
            }
        });
    }

    @Override
    public void logoutEverywhere(String userId) {
        Objects.requireNonNull(userId, "userId");
        int revoked = stores.inTransaction(() -> {
            updateUser(userId, this::cutOff);
            return tokens.revokeAllSessions(userId, null, now());
        });
        events.emit(AuthEventType.LOGGED_OUT_EVERYWHERE, userId, null, null, null, null, revoked + " sessions");
    }

    @Override
    public void changePassword(VerifiedAccessToken caller, String currentPassword, String newPassword) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(currentPassword, "currentPassword");
        Objects.requireNonNull(newPassword, "newPassword");
        StoredUser user = stored(caller.userId());
        checkPassword(user, currentPassword);
        policy.check(newPassword, contextWords(user.email(), user.phone()));
        String hash = hasher.hash(newPassword);
        stores.inTransaction(() -> {
            updateUser(user.id(), this::cutOff);
            setPasswordHash(user.id(), hash);
            return tokens.revokeAllSessions(user.id(), caller.sessionId(), now());
        });
        events.emit(AuthEventType.PASSWORD_CHANGED, user.id(), null, null, null, caller.sessionId(), null);
    }

    @Override
    public List<SessionInfo> listSessions(String userId) {
        Objects.requireNonNull(userId, "userId");
        return tokens.listActiveSessions(userId, now()).stream()
                .map(s -> new SessionInfo(s.id(), s.createdAt(), s.lastUsedAt(), s.absoluteExpiresAt(),
                        Optional.ofNullable(s.clientAddress()), Optional.ofNullable(s.userAgent())))
                .toList();
    }

    @Override
    public void revokeSession(String userId, String sessionId) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        if (!SESSION_ID.matcher(sessionId).matches()) {
            throw notFound();
        }
        StoredSession session = tokens.findSession(sessionId)
                .filter(s -> s.userId().equals(userId))
                .orElseThrow(DefaultAuthService::notFound);
        tokens.revokeSession(session.id(), now());
        events.emit(AuthEventType.SESSION_REVOKED, userId, null, null, null, sessionId, null);
    }

    // ---- access tokens --------------------------------------------------------------------------------------------

    @Override
    public VerifiedAccessToken verifyAccessToken(String accessToken) {
        AccessTokenCodec.Claims c = codec.verify(accessToken, now());
        return new VerifiedAccessToken(c.subject(), c.sessionId(), c.roles(), c.issuedAt(), c.expiresAt(), c.tokenId());
    }

    @Override
    public VerifiedAccessToken verifyAccessTokenOnline(String accessToken) {
        VerifiedAccessToken token = verifyAccessToken(accessToken);
        StoredUser user = users.findById(token.userId())
                .filter(u -> u.status() == AccountStatus.ACTIVE)
                .orElseThrow(DefaultAuthService::invalidToken);
        if (user.tokensValidFrom() != null
                && token.issuedAt().getEpochSecond() < user.tokensValidFrom().getEpochSecond()) {
            throw invalidToken();
        }
        tokens.findSession(token.sessionId())
                .filter(s -> s.userId().equals(user.id()) && s.isActive(now()))
                .orElseThrow(DefaultAuthService::invalidToken);
        return token;
    }

    // ---- one-time codes -------------------------------------------------------------------------------------------

    @Override
    public void sendLoginCode(Contact contact, ClientInfo client) {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(client, "client");
        String destination = contacts.normalize(contact);
        if (contact.kind() == Contact.Kind.EMAIL && !config.loginCodesByEmailAllowed()) {
            throw AuthException.validation("email", "login codes by email are not enabled; use a phone or a password");
        }
        codes.requireChannel(contact.kind());
        Optional<StoredUser> user = findByContact(contact.kind(), destination);
        boolean send = user.map(u -> u.status() != AccountStatus.DISABLED && contactProvedOrNothingIs(u, contact.kind()))
                .orElse(config.otpLoginCreatesAccounts());
        if (send) {
            codes.send(OtpPurpose.LOGIN, contact.kind(), destination, user.map(StoredUser::id).orElse(null), client);
        } else {
            codes.throttleOnly(contact.kind(), destination, client);
        }
    }

    @Override
    public Session loginWithCode(Contact contact, String code, ClientInfo client) {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(client, "client");
        String destination = contacts.normalize(contact);
        codes.consume(OtpPurpose.LOGIN, contact.kind(), destination, checkCodeInput(code), null, client);
        return stores.inTransaction(() -> {
            StoredUser user = findByContact(contact.kind(), destination).orElse(null);
            if (user == null) {
                if (!config.otpLoginCreatesAccounts()) {
                    throw invalidCode();
                }
                user = createCodeOnlyAccount(contact.kind(), destination, client);
            } else if (user.status() == AccountStatus.DISABLED || user.status() == AccountStatus.LOCKED) {
                throw invalidCode();
            } else if (user.status() == AccountStatus.PENDING_VERIFICATION) {
                // The code proves this contact and nothing else about the pending registration: whoever registered
                // it may have been someone else (a squatter), so their password, profile and other contact go. The
                // owner sets a password with a reset.
                markVerified(user.id(), contact.kind());
                user = updateUser(user.id(), u -> dropUnverifiedOther(u, contact.kind())
                        .withProfile(Map.of(), now()));
                setPasswordHash(user.id(), null);
            } else if (!contactProvedOrNothingIs(user, contact.kind())) {
                throw invalidCode();
            } else {
                user = markVerified(user.id(), contact.kind());
            }
            Session session = startSession(user, client);
            events.emit(AuthEventType.LOGIN_SUCCEEDED, user.id(), contact.kind(), destination, client,
                    session.sessionId(), "code");
            return session;
        });
    }

    private StoredUser createCodeOnlyAccount(Contact.Kind kind, String destination, ClientInfo client) {
        Instant now = now();
        boolean email = kind == Contact.Kind.EMAIL;
        StoredUser user = new StoredUser(UUID.randomUUID().toString(), email ? destination : null, email,
                email ? null : destination, !email, null, null, AccountStatus.ACTIVE, config.defaultRoles(), Map.of(),
                now, now, null, 1);
        users.insert(user);
        events.emit(AuthEventType.ACCOUNT_REGISTERED, user.id(), kind, destination, client, null, "first code login");
        return user;
    }

    /** Marks the contact of this kind verified and activates a pending account: a confirmed code proves it. */
    private StoredUser markVerified(String userId, Contact.Kind kind) {
        return updateUser(userId, u -> {
            StoredUser next = kind == Contact.Kind.EMAIL
                    ? u.withEmail(u.email(), true, now()) : u.withPhone(u.phone(), true, now());
            return next.status() == AccountStatus.PENDING_VERIFICATION
                    ? next.withStatus(AccountStatus.ACTIVE, now()) : next;
        });
    }

    @Override
    public void startRegistration(Registration registration, ClientInfo client) {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(client, "client");
        String email = registration.email().map(contacts::email).orElse(null);
        String phone = registration.phone().map(contacts::phone).orElse(null);
        Contact.Kind channel = email != null ? Contact.Kind.EMAIL : Contact.Kind.PHONE;
        String destination = email != null ? email : phone;
        OtpPurpose purpose = email != null ? OtpPurpose.VERIFY_EMAIL : OtpPurpose.VERIFY_PHONE;
        codes.requireChannel(channel);
        policy.check(registration.password(), contextWords(email, phone));
        Map<String, String> profile = checkProfile(registration.profile());
        Set<String> roles = checkRoles(registration.roles().orElse(config.defaultRoles()));
        String hash = hasher.hash(registration.password());
        Optional<StoredUser> byEmail = email == null ? Optional.empty() : users.findByEmail(email);
        Optional<StoredUser> byPhone = phone == null ? Optional.empty() : users.findByPhone(phone);
        StoredUser existing = byEmail.or(() -> byPhone).orElse(null);
        boolean otherTaken = byEmail.isPresent() && byPhone.isPresent() && !byEmail.get().id().equals(byPhone.get().id());
        if (existing == null) {
            Instant now = now();
            StoredUser user = new StoredUser(UUID.randomUUID().toString(), email, false, phone, false, null, null,
                    AccountStatus.PENDING_VERIFICATION, roles, profile, now, now, null, 1);
            try {
                users.insert(user);
                setPasswordHash(user.id(), hash);
            } catch (AuthException e) {
                if (e.code() != AuthErrorCode.ACCOUNT_EXISTS) {
                    throw e;
                }
                codes.throttleOnly(channel, destination, client);
                return;
            }
            try {
                codes.send(purpose, channel, destination, user.id(), client);
            } catch (AuthException e) {
                users.delete(user.id());
                throw e;
            }
            events.emit(AuthEventType.ACCOUNT_REGISTERED, user.id(), channel, destination, client, null,
                    "pending verification");
        } else if (existing.status() == AccountStatus.PENDING_VERIFICATION && !otherTaken
                && destination.equals(channel == Contact.Kind.EMAIL ? existing.email() : existing.phone())) {
            // Nobody has proved this pending account's contacts: the newest registration replaces all of it, so an
            // earlier squatter's password or second contact cannot stay attached to the real owner's account.
            // Two different passwords were registered for this destination before anyone proved it: trust neither.
            // The account stays without a password; whoever confirms the code logs in and sets one with a reset.
            String pendingHash = passwordHash(existing.id());
            boolean samePassword = pendingHash != null && hasher.verify(registration.password(), pendingHash);
            String kept = samePassword ? pendingHash : null;
            StoredUser updated;
            try {
                updated = updateUser(existing.id(), u -> u.withProfile(profile, now())
                        .withEmail(email, false, now()).withPhone(phone, false, now()));
                setPasswordHash(existing.id(), kept);
            } catch (AuthException e) {
                if (e.code() != AuthErrorCode.ACCOUNT_EXISTS) {
                    throw e;
                }
                codes.throttleOnly(channel, destination, client);
                return;
            }
            codes.send(purpose, channel, destination, updated.id(), client);
        } else {
            // Taken by an account that proved it (or is disabled): same answer and throttling, and instead of a code
            // a notice telling the owner to log in or reset, which also costs the same provider call as a code.
            codes.throttleOnly(channel, destination, client);
            codes.notice(OtpPurpose.ACCOUNT_EXISTS_NOTICE, channel, destination);
        }
    }

    @Override
    public Session completeRegistration(Contact contact, String code, ClientInfo client) {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(client, "client");
        String destination = contacts.normalize(contact);
        OtpPurpose purpose = contact.kind() == Contact.Kind.EMAIL ? OtpPurpose.VERIFY_EMAIL : OtpPurpose.VERIFY_PHONE;
        StoredCode used = codes.consume(purpose, contact.kind(), destination, checkCodeInput(code), null, client);
        return stores.inTransaction(() -> {
            StoredUser user = ownerOf(used, contact.kind(), destination);
            if (user.status() != AccountStatus.PENDING_VERIFICATION) {
                // A verification code of an active account (sendVerificationCode) is no login code.
                throw invalidCode();
            }
            StoredUser active = markVerified(user.id(), contact.kind());
            Session session = startSession(active, client);
            events.emit(AuthEventType.CONTACT_VERIFIED, active.id(), contact.kind(), destination, client, null,
                    "registration");
            events.emit(AuthEventType.LOGIN_SUCCEEDED, active.id(), contact.kind(), destination, client,
                    session.sessionId(), "registration");
            return session;
        });
    }

    @Override
    public void sendVerificationCode(String userId, Contact.Kind kind) {
        Objects.requireNonNull(kind, "kind");
        StoredUser user = stored(userId);
        String destination = kind == Contact.Kind.EMAIL ? user.email() : user.phone();
        if (destination == null) {
            throw AuthException.validation(kind == Contact.Kind.EMAIL ? "email" : "phone",
                    "the account has no " + (kind == Contact.Kind.EMAIL ? "email" : "phone"));
        }
        codes.send(kind == Contact.Kind.EMAIL ? OtpPurpose.VERIFY_EMAIL : OtpPurpose.VERIFY_PHONE, kind, destination,
                user.id(), ClientInfo.unknown());
    }

    @Override
    public User verifyContact(String userId, Contact.Kind kind, String code) {
        Objects.requireNonNull(kind, "kind");
        StoredUser user = stored(userId);
        String destination = kind == Contact.Kind.EMAIL ? user.email() : user.phone();
        if (destination == null) {
            throw invalidCode();
        }
        OtpPurpose purpose = kind == Contact.Kind.EMAIL ? OtpPurpose.VERIFY_EMAIL : OtpPurpose.VERIFY_PHONE;
        codes.consume(purpose, kind, destination, checkCodeInput(code), user.id(), ClientInfo.unknown());
        StoredUser verified = markVerified(user.id(), kind);
        events.emit(AuthEventType.CONTACT_VERIFIED, user.id(), kind, destination, null, null, null);
        return User.of(verified);
    }

    @Override
    public void requestPasswordReset(Contact contact, ClientInfo client) {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(client, "client");
        String destination = contacts.normalize(contact);
        codes.requireChannel(contact.kind());
        Optional<StoredUser> user = findByContact(contact.kind(), destination)
                .filter(u -> u.status() != AccountStatus.DISABLED);
        if (user.isPresent()) {
            codes.send(OtpPurpose.RESET_PASSWORD, contact.kind(), destination, user.get().id(), client);
        } else {
            codes.throttleOnly(contact.kind(), destination, client);
        }
    }

    @Override
    public void resetPassword(Contact contact, String code, String newPassword) {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(newPassword, "newPassword");
        String destination = contacts.normalize(contact);
        String checkedCode = checkCodeInput(code);
        // Before the code is used, only what the caller sent may shape the answer (no lookup of the account's other
        // contact, which would leak it); the account's own context words are checked once the code proved the caller.
        policy.check(newPassword, contextWords(contact.kind() == Contact.Kind.EMAIL ? destination : null,
                contact.kind() == Contact.Kind.PHONE ? destination : null));
        StoredCode used = codes.consume(OtpPurpose.RESET_PASSWORD, contact.kind(), destination, checkedCode, null,
                ClientInfo.unknown());
        users.findById(used.subject() == null ? "" : used.subject())
                .ifPresent(u -> policy.check(newPassword, contextWords(u.email(), u.phone())));
        String hash = hasher.hash(newPassword);
        StoredUser before = stores.inTransaction(() -> {
            StoredUser user = ownerOf(used, contact.kind(), destination);
            markVerified(user.id(), contact.kind());
            setPasswordHash(user.id(), hash);
            updateUser(user.id(), u -> cutOff(dropUnverifiedOther(u, contact.kind())
                    .withStatus(u.status() == AccountStatus.LOCKED ? AccountStatus.ACTIVE : u.status(), now())));
            tokens.revokeAllSessions(user.id(), null, now());
            return user;
        });
        throttle.clear("user:" + before.id());
        events.emit(AuthEventType.PASSWORD_RESET, before.id(), contact.kind(), destination, null, null, null);
        if (before.status() == AccountStatus.LOCKED) {
            events.emit(AuthEventType.ACCOUNT_UNLOCKED, before.id());
        }
    }

    @Override
    public void startContactChange(VerifiedAccessToken caller, Contact newContact) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(newContact, "newContact");
        StoredUser user = stored(caller.userId());
        String destination = contacts.normalize(newContact);
        String current = newContact.kind() == Contact.Kind.EMAIL ? user.email() : user.phone();
        if (destination.equals(current)) {
            throw AuthException.validation(newContact.kind() == Contact.Kind.EMAIL ? "email" : "phone",
                    "that is already the account's " + (newContact.kind() == Contact.Kind.EMAIL ? "email" : "phone"));
        }
        codes.send(newContact.kind() == Contact.Kind.EMAIL ? OtpPurpose.CHANGE_EMAIL : OtpPurpose.CHANGE_PHONE,
                newContact.kind(), destination, user.id(), ClientInfo.unknown());
    }

    @Override
    public User confirmContactChange(VerifiedAccessToken caller, Contact newContact, String code) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(newContact, "newContact");
        String destination = contacts.normalize(newContact);
        Contact.Kind kind = newContact.kind();
        OtpPurpose purpose = kind == Contact.Kind.EMAIL ? OtpPurpose.CHANGE_EMAIL : OtpPurpose.CHANGE_PHONE;
        codes.consume(purpose, kind, destination, checkCodeInput(code), caller.userId(), ClientInfo.unknown());
        StoredUser before = stored(caller.userId());
        String old = kind == Contact.Kind.EMAIL ? before.email() : before.phone();
        StoredUser after = stores.inTransaction(() -> {
            StoredUser changed = updateUser(caller.userId(), u -> kind == Contact.Kind.EMAIL
                    ? u.withEmail(destination, true, now()) : u.withPhone(destination, true, now()));
            tokens.revokeAllSessions(caller.userId(), caller.sessionId(), now());
            return changed;
        });
        events.emit(AuthEventType.CONTACT_CHANGED, after.id(), kind, destination, null, caller.sessionId(), null);
        if (old != null && !old.equals(destination)) {
            codes.notice(OtpPurpose.CONTACT_CHANGED_NOTICE, kind, old);
        }
        return User.of(after);
    }

    /**
     * After a reset proved one contact, removes the other one if it was never verified: whoever added it (perhaps a
     * squatter who registered the real owner's email with their own phone) must not keep a way into the account.
     */
    private StoredUser dropUnverifiedOther(StoredUser u, Contact.Kind proved) {
        if (proved == Contact.Kind.EMAIL && u.phone() != null && !u.phoneVerified()) {
            return u.withPhone(null, false, now());
        }
        if (proved == Contact.Kind.PHONE && u.email() != null && !u.emailVerified()) {
            return u.withEmail(null, false, now());
        }
        return u;
    }

    /**
     * Whether a code to this contact may log in: the contact was proved, or nothing on the account was (an account
     * registered without verification). A contact nobody proved cannot open an account whose other contact was.
     */
    private static boolean contactProvedOrNothingIs(StoredUser u, Contact.Kind kind) {
        boolean proved = kind == Contact.Kind.EMAIL ? u.emailVerified() : u.phoneVerified();
        return proved || !(u.emailVerified() || u.phoneVerified());
    }

    /** The account a consumed code was issued for, which must still own the destination. */
    private StoredUser ownerOf(StoredCode used, Contact.Kind kind, String destination) {
        StoredUser user = used.subject() == null ? null : users.findById(used.subject()).orElse(null);
        if (user == null || !destination.equals(kind == Contact.Kind.EMAIL ? user.email() : user.phone())) {
            throw invalidCode();
        }
        return user;
    }

    private static String checkCodeInput(String code) {
        if (code == null || code.isEmpty() || code.length() > 32) {
            throw AuthException.validation("code", "a code is required");
        }
        return code.strip();
    }

    @Override
    public int purgeExpired() {
        Instant now = now();
        return tokens.purgeExpired(now) + stores.otpCodes().purgeExpired(now) + stores.rateLimits().purgeExpired(now)
                + keys.purgeExpired(now);
    }

    @Override
    public String publicJwks() {
        return codec.jwksJson(now());
    }

    @Override
    public String rotateSigningKey() {
        return keys.rotate(now());
    }

    /**
     * The access-token keys: HS256 under the configured key, the host's own keys, or the key set generated and
     * shared through the stores.
     */
    private static KeySource keySource(AuthConfig config, AuthStores stores) {
        if (!config.signingKeys().isEmpty()) {
            List<JwsKey> all = config.signingKeys().stream().map(SigningKey::jwsKey).toList();
            return KeySource.fixed(all.get(0), all);
        }
        if (!config.signingAlgorithm().isAsymmetric()) {
            JwsKey hmac = JwsKey.hmac(config.accessTokenKeyId(), config.accessTokenKey());
            return KeySource.fixed(hmac, List.of(hmac));
        }
        SigningKeyStore store = stores.signingKeys().orElseThrow(() -> new IllegalStateException(
                "signingAlgorithm " + config.signingAlgorithm().jwsName() + " without signingKeys(...) needs stores "
                        + "with a SigningKeyStore (JdbcAuthStores has one)"));
        return new StoredKeyRing(store, config.signingAlgorithm(), config.signingKeyEncryptionKey(),
                config.signingKeyRotationPeriod(), config.signingKeyPublishLead(), config.signingKeyRefreshInterval(),
                config.accessTokenTtl().plus(config.clockSkew()));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /**
     * Sets the access-token cut-off to the next whole second (and past any cut-off already in that second), so every
     * token issued before now has a smaller {@code iat}, and tokens issued from now on get an {@code iat} at least as
     * large.
     */
    private StoredUser cutOff(StoredUser user) {
        long next = now().getEpochSecond() + 1;
        if (user.tokensValidFrom() != null && user.tokensValidFrom().getEpochSecond() >= next) {
            next = user.tokensValidFrom().getEpochSecond() + 1;
        }
        return user.withTokensValidFrom(Instant.ofEpochSecond(next), now());
    }

    /** Applies {@code change} to the latest version of the account, retrying when another writer got there first. */
    private StoredUser updateUser(String userId, UnaryOperator<StoredUser> change) {
        for (int i = 0; i < UPDATE_RETRIES; i++) {
            StoredUser current = stored(userId);
            StoredUser next = change.apply(current).withVersion(current.version() + 1);
            if (users.update(next)) {
                return next;
            }
        }
        throw versionConflict();
    }

    private StoredUser stored(String userId) {
        Objects.requireNonNull(userId, "userId");
        return users.findById(userId).orElseThrow(DefaultAuthService::notFound);
    }

    private Optional<StoredUser> findByContact(Contact.Kind kind, String normalized) {
        return kind == Contact.Kind.EMAIL ? users.findByEmail(normalized) : users.findByPhone(normalized);
    }

    /**
     * Checks the current password of a signed-in user (password change, account deletion) under the same limits as
     * login: a stolen access token must not turn into unlimited password guesses.
     */
    private void checkPassword(StoredUser user, String password) {
        if (PasswordPolicy.isOversized(password)) {
            throw invalidCredentials();
        }
        LoginThrottle.Permit permit;
        try {
            permit = throttle.acquire("user:" + user.id(), ClientInfo.unknown(), now());
        } catch (AuthException e) {
            events.emit(AuthEventType.LOGIN_THROTTLED, user.id(), null, null, null, null, "current password");
            throw e;
        }
        boolean ok;
        String stored = passwordHash(user.id());
        if (stored == null) {
            hasher.verifyDummy(password);
            ok = false;
        } else {
            ok = hasher.verify(password, stored);
        }
        if (!ok) {
            int consecutive = throttle.failed(permit);
            events.emit(AuthEventType.LOGIN_FAILED, user.id(), null, null, null, null, "current password");
            if (consecutive >= config.loginFailuresBeforeLockout()) {
                lock(user, ClientInfo.unknown());
            }
            throw invalidCredentials();
        }
        throttle.succeeded(permit);
    }

    private List<String> contextWords(String email, String phone) {
        List<String> words = new ArrayList<>();
        words.add(config.appName());
        if (email != null) {
            words.add(email.substring(0, email.indexOf('@')));
        }
        if (phone != null) {
            words.add(phone.substring(1));
            words.add(contacts.nationalDigits(phone));
        }
        return words;
    }

    private static Map<String, String> checkProfile(Map<String, String> profile) {
        if (profile.size() > MAX_PROFILE_FIELDS) {
            throw AuthException.validation("profile", "at most " + MAX_PROFILE_FIELDS + " profile fields");
        }
        profile.forEach((name, value) -> {
            if (name == null || !PROFILE_FIELD.matcher(name).matches()) {
                throw AuthException.validation("profile", "profile field names are 1-64 of a-z 0-9 _, "
                        + "starting with a letter");
            }
            if (value == null || value.length() > MAX_PROFILE_VALUE || value.chars().anyMatch(Character::isISOControl)) {
                throw AuthException.validation("profile." + name, "profile values are text of at most "
                        + MAX_PROFILE_VALUE + " characters without control characters");
            }
        });
        return Map.copyOf(profile);
    }

    private static Map<String, String> mergeProfile(Map<String, String> current, Map<String, String> changes) {
        Map<String, String> merged = new HashMap<>(current);
        Map<String, String> additions = new HashMap<>();
        changes.forEach((name, value) -> {
            if (value == null) {
                merged.remove(name);
            } else {
                additions.put(name, value);
            }
        });
        merged.putAll(checkProfile(additions));
        return checkProfile(merged);
    }

    private static Set<String> checkRoles(Set<String> roles) {
        if (roles.size() > MAX_ROLES) {
            throw AuthException.validation("roles", "at most " + MAX_ROLES + " roles");
        }
        for (String role : roles) {
            if (role == null || !AuthConfig.ROLE.matcher(role).matches()) {
                throw AuthException.validation("roles", "role names are 1-64 of A-Z a-z 0-9 _ . : -");
            }
        }
        return Set.copyOf(roles);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static AuthException invalidCredentials() {
        return new AuthException(AuthErrorCode.INVALID_CREDENTIALS, "invalid credentials");
    }

    private static AuthException invalidCode() {
        return new AuthException(AuthErrorCode.INVALID_CODE, "the code is wrong, expired or already used");
    }

    private static AuthException invalidToken() {
        return new AuthException(AuthErrorCode.INVALID_TOKEN, "invalid or expired token");
    }

    private static AuthException notFound() {
        return new AuthException(AuthErrorCode.NOT_FOUND, "no such account or session");
    }

    private static AuthException versionConflict() {
        return new AuthException(AuthErrorCode.VERSION_CONFLICT, "the account changed meanwhile; read it again");
    }
}
