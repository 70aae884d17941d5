package dev.latchkey.auth.code.internal;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.OtpPurpose;
import dev.latchkey.auth.User;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.code.LoginCodes;
import dev.latchkey.auth.factor.Factor;
import dev.latchkey.auth.factor.FactorContext;
import dev.latchkey.auth.internal.Core;
import dev.latchkey.auth.internal.Ids;
import dev.latchkey.auth.internal.Inputs;
import dev.latchkey.auth.internal.LoginFlow;
import dev.latchkey.auth.store.StoredUser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one-time-code factor ({@code amr} {@code otp}, with {@code sms} for a texted code): login by a code, the proof a
 * registration is completed with, and a second step ({@code sms}, {@code email}) after a password, bound to that
 * step.
 */
public final class CodeFactor implements Factor, LoginCodes {
    private static final String SMS = "sms";
    private static final String EMAIL = "email";

    private final Core core;
    private final CodeConfig config;
    private LoginFlow flow;

    /** The factor over the core; {@link #useFlow} hands it the end of a login. */
    public CodeFactor(Core core) {
        this.core = core;
        this.config = core.config().codes();
    }

    /** The flow logins end in, set once while the service is built. */
    public void useFlow(LoginFlow loginFlow) {
        this.flow = loginFlow;
    }

    @Override
    public String id() {
        return "code";
    }

    @Override
    public List<String> amr() {
        return List.of("otp");
    }

    /** What a code to this kind of contact adds to {@code amr}. */
    public static List<String> amrFor(Contact.Kind kind) {
        return kind == Contact.Kind.PHONE ? List.of("otp", "sms") : List.of("otp");
    }

    /**
     * {@code email} and {@code sms} for the user's proved contacts, for accounts with a password (a code after a code
     * would be one factor twice), when a provider delivers on that channel.
     */
    @Override
    public List<String> secondStepOptions(User user) {
        if (!user.hasPassword()) {
            return List.of();
        }
        // A password set by a reset through a contact was chosen by whoever reads that contact.
        List<String> resetBy = core.stores().credentials().findByUser(user.id(), Core.PASSWORD_RESET_BY).stream()
                .map(c -> Contact.Kind.PHONE.name().equals(c.label()) ? SMS : EMAIL).toList();
        return provedChannels(user).stream().filter(o -> !resetBy.contains(o)).toList();
    }

    /** Any proved contact re-authenticates, with a password or without (code-only accounts have nothing else). */
    @Override
    public List<String> reauthenticationOptions(User user) {
        return provedChannels(user);
    }

    @Override
    public List<String> amr(String option) {
        return amrFor(SMS.equals(option) ? Contact.Kind.PHONE : Contact.Kind.EMAIL);
    }

    @Override
    public boolean wellFormedAnswer(String option, String answer) {
        return answer.length() <= 16 && answer.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Sends a code for this one step (its hash covers {@code stepId}) to the option's proved contact. */
    @Override
    public void prepareSecondStep(User user, String option, String stepId, ClientInfo client) {
        Contact.Kind kind = SMS.equals(option) ? Contact.Kind.PHONE : Contact.Kind.EMAIL;
        core.codes().sendBound(OtpPurpose.SECOND_FACTOR, kind, destination(user, kind), user.id(), stepId, client);
    }

    /** Whether {@code answer} is the live code sent for this step; counted by the code engine's budgets. */
    @Override
    public boolean verifySecondStep(User user, String option, String stepId, String answer, ClientInfo client) {
        Contact.Kind kind = SMS.equals(option) ? Contact.Kind.PHONE : Contact.Kind.EMAIL;
        try {
            core.codes().consumeBound(OtpPurpose.SECOND_FACTOR, kind, destination(user, kind), answer, user.id(),
                    stepId, client);
            return true;
        } catch (AuthException e) {
            if (e.code() == AuthErrorCode.INVALID_CODE) {
                return false;
            }
            throw e;
        }
    }

    private List<String> provedChannels(User user) {
        List<String> options = new ArrayList<>(2);
        if (user.phoneVerified() && user.phone().isPresent() && core.codes().supports(Contact.Kind.PHONE)) {
            options.add(SMS);
        }
        if (user.emailVerified() && user.email().isPresent() && core.codes().supports(Contact.Kind.EMAIL)) {
            options.add(EMAIL);
        }
        return List.copyOf(options);
    }

    private static String destination(User user, Contact.Kind kind) {
        return (kind == Contact.Kind.PHONE ? user.phone() : user.email()).orElseThrow(Core::invalidToken);
    }

    @Override
    public void bind(FactorContext context) {
        // The built-in factor works on the core directly; the context is for factors from other modules.
    }

    @Override
    public void send(Contact contact, ClientInfo client) {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(client, "client");
        String destination = core.contacts().normalize(contact);
        if (contact.kind() == Contact.Kind.EMAIL && !config.loginByEmail()) {
            throw AuthException.validation("email", "login codes by email are not enabled; use a phone or a password");
        }
        core.codes().requireChannel(contact.kind());
        Optional<StoredUser> user = core.findByContact(contact.kind(), destination);
        boolean send = user
                .map(u -> u.status() != AccountStatus.DISABLED && Core.provedOrNothingIs(u, contact.kind()))
                .orElse(config.loginCreatesAccounts());
        if (send) {
            core.codes().sendAlike(OtpPurpose.LOGIN, contact.kind(), destination,
                    user.map(StoredUser::id).orElse(null), client);
        } else {
            core.codes().throttleOnly(contact.kind(), destination, client);
            String why = user.isEmpty() ? "no account"
                    : user.get().status() == AccountStatus.DISABLED ? "account disabled" : "contact not proved";
            core.events().emit(AuthEventType.CODE_NOT_SENT, user.map(StoredUser::id).orElse(null), contact.kind(),
                    destination, client, null, OtpPurpose.LOGIN.name() + " " + why);
        }
    }

    @Override
    public LoginResult login(Contact contact, String code, ClientInfo client) {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(client, "client");
        String destination = core.contacts().normalize(contact);
        core.codes().consume(OtpPurpose.LOGIN, contact.kind(), destination, Inputs.checkCode(code), null, client);
        return core.stores().inTransaction(() -> {
            StoredUser user = core.findByContact(contact.kind(), destination).orElse(null);
            if (user == null) {
                if (!config.loginCreatesAccounts()) {
                    throw Core.invalidCode();
                }
                user = createCodeOnlyAccount(contact.kind(), destination, client);
            } else if (user.status() == AccountStatus.DISABLED || user.status() == AccountStatus.LOCKED
                    || !Core.provedOrNothingIs(user, contact.kind())) {
                throw Core.invalidCode();
            } else if (user.status() == AccountStatus.PENDING_VERIFICATION) {
                // The code proves this contact and nothing else of the pending registration: whoever registered it
                // may have been someone else, so their password and profile go. The owner sets a password by reset.
                core.stores().credentials().replaceAll(user.id(), Core.PASSWORD, List.of());
                core.updateUser(user.id(), u -> u.withProfile(Map.of(), core.now()));
            }
            StoredUser proved = core.markProved(user, contact.kind(), destination);
            return flow.afterPrimary(proved, this, amrFor(contact.kind()), client, contact.kind(), destination,
                    "code");
        });
    }

    private StoredUser createCodeOnlyAccount(Contact.Kind kind, String destination, ClientInfo client) {
        var now = core.now();
        boolean email = kind == Contact.Kind.EMAIL;
        StoredUser user = new StoredUser(Ids.timeOrdered(now), email ? destination : null, email,
                email ? null : destination, !email, null, null, AccountStatus.ACTIVE,
                core.config().accounts().defaultRoles(), Map.of(), now, now, null, 1);
        core.users().insert(user);
        core.events().emit(AuthEventType.ACCOUNT_REGISTERED, user.id(), kind, destination, client, null,
                "first code login");
        return user;
    }
}
