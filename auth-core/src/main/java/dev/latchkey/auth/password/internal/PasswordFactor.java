package dev.latchkey.auth.password.internal;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.OtpPurpose;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.factor.Factor;
import dev.latchkey.auth.factor.FactorContext;
import dev.latchkey.auth.internal.Core;
import dev.latchkey.auth.internal.Inputs;
import dev.latchkey.auth.internal.LoginFlow;
import dev.latchkey.auth.password.Passwords;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.StoredUser;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The password factor ({@code amr} {@code pwd}): login, change and reset. */
public final class PasswordFactor implements Factor, Passwords {
    private static final List<String> AMR = List.of("pwd");

    private final Core core;
    private final PasswordCheck check;
    private LoginFlow flow;

    /** The factor over the core; {@link #useFlow} hands it the end of a login. */
    public PasswordFactor(Core core, PasswordCheck check) {
        this.core = core;
        this.check = check;
    }

    /** The flow logins end in, set once while the service is built. */
    public void useFlow(LoginFlow loginFlow) {
        this.flow = loginFlow;
    }

    @Override
    public String id() {
        return "password";
    }

    @Override
    public List<String> amr() {
        return AMR;
    }

    @Override
    public void bind(FactorContext context) {
        // The built-in factor works on the core directly; the context is for factors from other modules.
    }

    @Override
    public LoginResult login(Contact contact, String password, ClientInfo client) {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(client, "client");
        String key = core.contacts().normalize(contact);
        // The identifying account, else a pending registration: its contact identifies nothing, but its registrant, who
        // knows the password, is told to verify first; no session, code or reset ever comes of it.
        // Read with its password credential, in one statement where the store can.
        AuthStores.UserAndPassword found = core.stores().findForPasswordLogin(contact.kind(), key).orElse(null);
        StoredUser user = found == null ? null : found.user();
        String throttleKey = user != null && Core.identifies(user, contact.kind(), key) ? "user:" + user.id()
                : contact.kind() + ":" + key;
        PasswordCheck.Verified verified = check.verifyDeferringUpgrade(found, password, throttleKey, client,
                contact.kind(), key, null);
        // An imported hash's upgrade (a second hash) starts once the login has its answer, never beside it.
        try {
            if (user.status() == AccountStatus.PENDING_VERIFICATION) {
                throw new AuthException(AuthErrorCode.VERIFICATION_REQUIRED,
                        "verify your email or phone with the code we sent before logging in");
            }
            return flow.afterPrimary(user, this, AMR, client, contact.kind(), key, "password");
        } finally {
            verified.startUpgrade();
        }
    }

    @Override
    public void change(VerifiedAccessToken caller, String currentPassword, String newPassword) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(currentPassword, "currentPassword");
        Objects.requireNonNull(newPassword, "newPassword");
        core.requireRecent(caller);
        StoredUser user = core.stored(caller.userId());
        check.verifyCurrent(user, currentPassword, ClientInfo.unknown());
        check.checkPolicy(newPassword, user.email(), user.phone());
        String hash = check.hash(newPassword);
        core.stores().inTransaction(() -> {
            core.updateUser(user.id(), core::cutOff);
            check.set(user.id(), hash);
            core.stores().credentials().replaceAll(user.id(), Core.PASSWORD_RESET_BY, List.of());
            return core.stores().refreshTokens().revokeAllSessions(user.id(), caller.sessionId(), core.now());
        });
        core.events().emit(AuthEventType.PASSWORD_CHANGED, user.id(), null, null, null, caller.sessionId(), null);
    }

    @Override
    public void requestReset(Contact contact, ClientInfo client) {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(client, "client");
        String destination = core.contacts().normalize(contact);
        core.codes().requireChannel(contact.kind());
        Optional<StoredUser> user = core.findByContact(contact.kind(), destination);
        if (user.isPresent() && user.get().status() != AccountStatus.DISABLED) {
            core.codes().sendAlike(OtpPurpose.RESET_PASSWORD, contact.kind(), destination, user.get().id(), client);
        } else {
            core.codes().throttleOnly(contact.kind(), destination, client);
            core.events().emit(AuthEventType.CODE_NOT_SENT, user.map(StoredUser::id).orElse(null), contact.kind(),
                    destination, client, null,
                    OtpPurpose.RESET_PASSWORD.name() + (user.isEmpty() ? " no account" : " account disabled"));
        }
    }

    @Override
    public void reset(Contact contact, String code, String newPassword, ClientInfo client) {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(newPassword, "newPassword");
        Objects.requireNonNull(client, "client");
        String destination = core.contacts().normalize(contact);
        String checkedCode = Inputs.checkCode(code);
        // Before the code is known to be right, only what the caller sent may shape the answer (no lookup of the
        // account's other contact, which would leak it); the account's own words are checked once the code proved the
        // caller, and before it is used up, so a refused password leaves the code usable.
        boolean email = contact.kind() == Contact.Kind.EMAIL;
        check.checkPolicy(newPassword, email ? destination : null, email ? null : destination);
        StoredUser[] found = new StoredUser[1];
        core.codes().consume(OtpPurpose.RESET_PASSWORD, contact.kind(), destination, checkedCode, null, client,
                right -> {
                    found[0] = right.subject() == null ? null : core.users().findById(right.subject()).orElse(null);
                    if (found[0] != null && destination.equals(email ? found[0].email() : found[0].phone())) {
                        check.checkPolicy(newPassword, found[0].email(), found[0].phone());
                    }
                });
        if (found[0] == null || !destination.equals(email ? found[0].email() : found[0].phone())) {
            throw Core.invalidCode();
        }
        StoredUser owner = found[0];
        String hash = check.hash(newPassword);
        core.stores().inTransaction(() -> {
            core.markProved(owner.id(), contact.kind(), destination);
            core.updateUser(owner.id(), u -> core.cutOff(
                    u.withStatus(u.status() == AccountStatus.LOCKED ? AccountStatus.ACTIVE : u.status(), core.now())));
            check.set(owner.id(), hash);
            // Whoever reads this contact chose the new password: its codes are no second step until it changes.
            core.stores().credentials().replaceAll(owner.id(), Core.PASSWORD_RESET_BY, List.of(new StoredCredential(
                    UUID.randomUUID().toString(), owner.id(), Core.PASSWORD_RESET_BY, null, contact.kind().name(),
                    null, null, 0, core.now(), null)));
            return core.stores().refreshTokens().revokeAllSessions(owner.id(), null, core.now());
        });
        check.clearFailures(owner.id());
        core.events().emit(AuthEventType.PASSWORD_RESET, owner.id(), contact.kind(), destination, client, null, null);
        if (owner.status() == AccountStatus.LOCKED) {
            core.events().emit(AuthEventType.ACCOUNT_UNLOCKED, owner.id());
        }
    }
}
