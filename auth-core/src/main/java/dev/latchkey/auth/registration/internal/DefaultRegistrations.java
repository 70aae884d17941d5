package dev.latchkey.auth.registration.internal;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.OtpPurpose;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.code.internal.CodeFactor;
import dev.latchkey.auth.internal.Core;
import dev.latchkey.auth.internal.Ids;
import dev.latchkey.auth.internal.Inputs;
import dev.latchkey.auth.internal.LoginFlow;
import dev.latchkey.auth.password.internal.PasswordCheck;
import dev.latchkey.auth.registration.Registrations;
import dev.latchkey.auth.store.StoredCode;
import dev.latchkey.auth.store.StoredUser;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Registration proved by a code (security bar item 32). The registrant's contacts wait as pending contacts: they
 * identify nothing, receive no login or reset code, and do not block their real owner, until the code proves one.
 * Every path costs one bcrypt hash and one bcrypt check and one provider call, and every limit says yes before
 * anything is written.
 */
public final class DefaultRegistrations implements Registrations {
    private final Core core;
    private final PasswordCheck passwords;
    private final CodeFactor codeFactor;
    private final LoginFlow flow;

    /** Registrations over the core. */
    public DefaultRegistrations(Core core, PasswordCheck passwords, CodeFactor codeFactor, LoginFlow flow) {
        this.core = core;
        this.passwords = passwords;
        this.codeFactor = codeFactor;
        this.flow = flow;
    }

    @Override
    public void start(Registration registration, ClientInfo client) {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(client, "client");
        String email = registration.email().map(core.contacts()::email).orElse(null);
        String phone = registration.phone().map(core.contacts()::phone).orElse(null);
        Contact.Kind channel = email != null ? Contact.Kind.EMAIL : Contact.Kind.PHONE;
        String destination = email != null ? email : phone;
        core.codes().requireChannel(channel);
        passwords.checkPolicy(registration.password(), email, phone);
        Map<String, String> profile = Inputs.checkProfile(registration.profile());
        Set<String> roles = Inputs.checkRoles(registration.roles().orElse(core.config().accounts().defaultRoles()));
        Instant reserved = core.codes().throttleOnly(channel, destination, client);
        String hash = passwords.hash(registration.password());
        Optional<StoredUser> found = core.findByContactOrPending(channel, destination);
        if (found.filter(u -> Core.identifies(u, channel, destination)).isPresent()) {
            // Taken by an account: the same answer and cost, and a notice to that contact only, telling its owner to
            // log in or reset.
            passwords.matches(registration.password(), null);
            core.codes().notice(OtpPurpose.ACCOUNT_EXISTS_NOTICE, channel, destination);
            return;
        }
        Optional<StoredUser> pending = found; // no account has the destination: this is its pending registration
        StoredUser account;
        if (pending.isPresent()) {
            // Nobody proved the pending registration: the newest one replaces all of it. Two different passwords
            // registered for one destination before anyone proved it: trust neither; whoever confirms the code logs
            // in and sets one by reset.
            String pendingHash = passwords.hashOf(pending.get().id());
            String kept = passwords.matches(registration.password(), pendingHash) ? pendingHash : null;
            account = core.stores().inTransaction(() -> {
                StoredUser updated = core.updateUser(pending.get().id(), u -> u.withPending(email, phone, core.now())
                        .withProfile(profile, core.now()).withRoles(roles, core.now()));
                passwords.set(updated.id(), kept);
                return updated;
            });
        } else {
            passwords.matches(registration.password(), null);
            Instant now = core.now();
            account = new StoredUser(Ids.timeOrdered(now), null, false, null, false, email, phone,
                    AccountStatus.PENDING_VERIFICATION, roles, profile, now, now, null, 1);
            passwords.insertAccount(account, hash);
        }
        boolean delivered;
        try {
            delivered = core.codes().sendReserved(purpose(channel), channel, destination, account.id(), client,
                    reserved);
        } catch (AuthException e) {
            if (pending.isEmpty()) {
                core.users().delete(account.id()); // the store failed: keep no half-made registration
            }
            throw e;
        }
        if (!delivered && pending.isEmpty()) {
            // Answered like a delivered code (a taken destination's failed notice answers the same): the failure is
            // audited, the permits stay spent, and the new registration, which nobody can complete, goes.
            core.users().delete(account.id());
            return;
        }
        if (pending.isEmpty()) {
            core.events().emit(AuthEventType.ACCOUNT_REGISTERED, account.id(), channel, destination, client, null,
                    "pending verification");
        }
    }

    @Override
    public LoginResult complete(Contact contact, String code, ClientInfo client) {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(client, "client");
        String destination = core.contacts().normalize(contact);
        StoredCode used = core.codes().consume(purpose(contact.kind()), contact.kind(), destination,
                Inputs.checkCode(code), null, client);
        return core.stores().inTransaction(() -> {
            StoredUser user = used.subject() == null ? null : core.users().findById(used.subject()).orElse(null);
            boolean email = contact.kind() == Contact.Kind.EMAIL;
            if (user == null || user.status() != AccountStatus.PENDING_VERIFICATION
                    || !destination.equals(email ? user.pendingEmail() : user.pendingPhone())) {
                // A verification code of an active account is no login code, and a replaced registration's is void.
                throw Core.invalidCode();
            }
            StoredUser active;
            try {
                active = core.markProved(user, contact.kind(), destination);
            } catch (AuthException e) {
                if (e.code() == AuthErrorCode.ACCOUNT_EXISTS) {
                    throw Core.invalidCode(); // another account proved this contact first
                }
                throw e;
            }
            core.events().emit(AuthEventType.CONTACT_VERIFIED, active.id(), contact.kind(), destination, client, null,
                    "registration");
            return flow.afterPrimary(active, codeFactor, CodeFactor.amrFor(contact.kind()), client, contact.kind(),
                    destination, "registration");
        });
    }

    private static OtpPurpose purpose(Contact.Kind kind) {
        return kind == Contact.Kind.EMAIL ? OtpPurpose.VERIFY_EMAIL : OtpPurpose.VERIFY_PHONE;
    }
}
