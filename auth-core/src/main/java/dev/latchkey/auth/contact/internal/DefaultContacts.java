package dev.latchkey.auth.contact.internal;

import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.OtpPurpose;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.contact.Contacts;
import dev.latchkey.auth.internal.Core;
import dev.latchkey.auth.internal.Inputs;
import dev.latchkey.auth.store.StoredUser;

import java.util.Objects;

/** Proving and changing contacts with codes. */
public final class DefaultContacts implements Contacts {
    private final Core core;

    /** Contacts over the core. */
    public DefaultContacts(Core core) {
        this.core = core;
    }

    @Override
    public void sendVerificationCode(String userId, Contact.Kind kind, ClientInfo client) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(client, "client");
        StoredUser user = core.stored(userId);
        String destination = unproved(user, kind);
        if (destination == null) {
            throw AuthException.validation(name(kind), "the account has no unverified " + name(kind));
        }
        core.codes().send(verifyPurpose(kind), kind, destination, user.id(), client);
    }

    @Override
    public User verify(String userId, Contact.Kind kind, String code) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        StoredUser user = core.stored(userId);
        String destination = unproved(user, kind);
        if (destination == null) {
            throw Core.invalidCode();
        }
        core.codes().consume(verifyPurpose(kind), kind, destination, Inputs.checkCode(code), user.id(),
                ClientInfo.unknown());
        StoredUser verified = core.markProved(user.id(), kind, destination);
        core.events().emit(AuthEventType.CONTACT_VERIFIED, user.id(), kind, destination, null, null, null);
        return core.toUser(verified);
    }

    @Override
    public void startChange(VerifiedAccessToken caller, Contact newContact, ClientInfo client) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(newContact, "newContact");
        Objects.requireNonNull(client, "client");
        core.requireRecent(caller);
        StoredUser user = core.stored(caller.userId());
        String destination = core.contacts().normalize(newContact);
        Contact.Kind kind = newContact.kind();
        if (destination.equals(kind == Contact.Kind.EMAIL ? user.email() : user.phone())) {
            throw AuthException.validation(name(kind), "that is already the account's " + name(kind));
        }
        core.codes().sendChangeCode(changePurpose(kind), kind, destination, user.id(), client);
    }

    @Override
    public User confirmChange(VerifiedAccessToken caller, Contact newContact, String code, ClientInfo client) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(newContact, "newContact");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(client, "client");
        String destination = core.contacts().normalize(newContact);
        Contact.Kind kind = newContact.kind();
        core.codes().consume(changePurpose(kind), kind, destination, Inputs.checkCode(code), caller.userId(), client);
        StoredUser before = core.stored(caller.userId());
        String old = kind == Contact.Kind.EMAIL ? before.email() : before.phone();
        StoredUser after = core.stores().inTransaction(() -> {
            StoredUser changed = core.markProved(caller.userId(), kind, destination);
            core.stores().refreshTokens().revokeAllSessions(caller.userId(), caller.sessionId(), core.now());
            return changed;
        });
        core.events().emit(AuthEventType.CONTACT_CHANGED, after.id(), kind, destination, client, caller.sessionId(),
                null);
        if (old != null && !old.equals(destination)) {
            core.codes().notice(OtpPurpose.CONTACT_CHANGED_NOTICE, kind, old);
        }
        return core.toUser(after);
    }

    /** The contact of this kind a verification code proves: the unverified identifying one, else the pending one. */
    private static String unproved(StoredUser user, Contact.Kind kind) {
        if (kind == Contact.Kind.EMAIL) {
            return user.email() != null && !user.emailVerified() ? user.email() : user.pendingEmail();
        }
        return user.phone() != null && !user.phoneVerified() ? user.phone() : user.pendingPhone();
    }

    private static String name(Contact.Kind kind) {
        return kind == Contact.Kind.EMAIL ? "email" : "phone";
    }

    private static OtpPurpose verifyPurpose(Contact.Kind kind) {
        return kind == Contact.Kind.EMAIL ? OtpPurpose.VERIFY_EMAIL : OtpPurpose.VERIFY_PHONE;
    }

    private static OtpPurpose changePurpose(Contact.Kind kind) {
        return kind == Contact.Kind.EMAIL ? OtpPurpose.CHANGE_EMAIL : OtpPurpose.CHANGE_PHONE;
    }
}
