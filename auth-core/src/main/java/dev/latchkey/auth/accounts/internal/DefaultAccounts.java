package dev.latchkey.auth.accounts.internal;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.OtpPurpose;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.accounts.Accounts;
import dev.latchkey.auth.internal.Core;
import dev.latchkey.auth.internal.Ids;
import dev.latchkey.auth.internal.Inputs;
import dev.latchkey.auth.password.internal.PasswordCheck;
import dev.latchkey.auth.store.StoredUser;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Accounts over the core's stores. */
public final class DefaultAccounts implements Accounts {
    private final Core core;
    private final PasswordCheck passwords;

    /** Accounts over the core. */
    public DefaultAccounts(Core core, PasswordCheck passwords) {
        this.core = core;
        this.passwords = passwords;
    }

    @Override
    public User register(Registration registration) {
        Objects.requireNonNull(registration, "registration");
        String email = registration.email().map(core.contacts()::email).orElse(null);
        String phone = registration.phone().map(core.contacts()::phone).orElse(null);
        passwords.checkPolicy(registration.password(), email, phone);
        Map<String, String> profile = Inputs.checkProfile(registration.profile());
        Set<String> roles = Inputs.checkRoles(registration.roles().orElse(core.config().accounts().defaultRoles()));
        String hash = passwords.hash(registration.password());
        Instant now = core.now();
        StoredUser user = new StoredUser(Ids.timeOrdered(now), email, false, phone, false, null, null,
                AccountStatus.ACTIVE, roles, profile, now, now, null, 1);
        passwords.insertAccount(user, hash);
        core.events().emit(AuthEventType.ACCOUNT_REGISTERED, user.id());
        return core.toUser(new StoredUser(user.id(), email, false, phone, false, null, null, AccountStatus.ACTIVE,
                roles, profile, now, now, null, 1, true));
    }

    @Override
    public User get(String userId) {
        Objects.requireNonNull(userId, "userId");
        return core.toUser(core.stored(userId));
    }

    @Override
    public Optional<User> findByContact(Contact contact) {
        Objects.requireNonNull(contact, "contact");
        return core.findByContact(contact.kind(), core.contacts().normalize(contact)).map(core::toUser);
    }

    @Override
    public List<User> list(int offset, int limit) {
        if (offset < 0) {
            throw AuthException.validation("offset", "offset must not be negative");
        }
        if (limit < 1 || limit > 500) {
            throw AuthException.validation("limit", "limit must be from 1 to 500");
        }
        return core.users().list(offset, limit).stream().map(core::toUser).toList();
    }

    @Override
    public User updateProfile(String userId, Map<String, String> changes, long expectedVersion) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(changes, "changes");
        StoredUser current = core.stored(userId);
        if (current.version() != expectedVersion) {
            throw Core.versionConflict();
        }
        StoredUser next = current.withProfile(Inputs.mergeProfile(current.profile(), changes), core.now())
                .withVersion(current.version() + 1);
        if (!core.users().update(next)) {
            throw Core.versionConflict();
        }
        return core.toUser(next);
    }

    @Override
    public User updateProfile(String userId, Map<String, String> changes) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(changes, "changes");
        return core.toUser(core.updateUser(userId,
                u -> u.withProfile(Inputs.mergeProfile(u.profile(), changes), core.now())));
    }

    @Override
    public User setRoles(String userId, Set<String> roles) {
        Objects.requireNonNull(userId, "userId");
        Set<String> checked = Inputs.checkRoles(Objects.requireNonNull(roles, "roles"));
        StoredUser next = core.updateUser(userId, u -> u.withRoles(checked, core.now()));
        core.events().emit(AuthEventType.ROLES_CHANGED, userId, null, null, null, null, String.join(" ", checked));
        return core.toUser(next);
    }

    @Override
    public User setEnabled(String userId, boolean enabled) {
        Objects.requireNonNull(userId, "userId");
        StoredUser next = core.stores().inTransaction(() -> {
            if (enabled) {
                return core.updateUser(userId, u -> u.status() == AccountStatus.DISABLED
                        ? u.withStatus(AccountStatus.ACTIVE, core.now()) : u);
            }
            StoredUser disabled = core.updateUser(userId,
                    u -> core.cutOff(u.withStatus(AccountStatus.DISABLED, core.now())));
            core.stores().refreshTokens().revokeAllSessions(userId, null, core.now());
            return disabled;
        });
        core.events().emit(enabled ? AuthEventType.ACCOUNT_ENABLED : AuthEventType.ACCOUNT_DISABLED, userId);
        return core.toUser(next);
    }

    @Override
    public void deleteOwn(VerifiedAccessToken caller, String password) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(password, "password");
        core.requireRecent(caller);
        StoredUser user = core.stored(caller.userId());
        passwords.verifyCurrent(user, password, ClientInfo.unknown());
        delete(user.id());
    }

    @Override
    public void deleteOwnWithCode(VerifiedAccessToken caller, Contact contact, String code) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(code, "code");
        core.requireRecent(caller);
        StoredUser user = core.stored(caller.userId());
        String destination = core.contacts().normalize(contact);
        boolean own = contact.kind() == Contact.Kind.EMAIL
                ? destination.equals(user.email()) && user.emailVerified()
                : destination.equals(user.phone()) && user.phoneVerified();
        if (!own) {
            throw Core.invalidCode();
        }
        core.codes().consume(OtpPurpose.LOGIN, contact.kind(), destination, Inputs.checkCode(code), user.id(),
                ClientInfo.unknown());
        delete(user.id());
    }

    @Override
    public void delete(String userId) {
        Objects.requireNonNull(userId, "userId");
        if (!core.users().delete(userId)) {
            throw Core.notFound();
        }
        core.events().emit(AuthEventType.ACCOUNT_DELETED, userId);
    }
}
