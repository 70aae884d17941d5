package dev.latchkey.auth.webauthn;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.AuthenticationData;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.factor.EnrolledFactor;
import dev.latchkey.auth.factor.Factor;
import dev.latchkey.auth.factor.FactorContext;
import dev.latchkey.auth.store.StoredChallenge;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.webauthn.internal.AssertionCheck;
import dev.latchkey.auth.webauthn.internal.CeremonyChallenges;
import dev.latchkey.auth.webauthn.internal.OptionsJson;
import dev.latchkey.auth.webauthn.internal.PasskeyLogins;
import dev.latchkey.auth.webauthn.internal.PasskeyRecords;
import dev.latchkey.auth.webauthn.internal.RegistrationCeremony;
import dev.latchkey.auth.webauthn.internal.WebAuthnChecks;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Passkeys (WebAuthn Level 3) on auth-core's factor SPI, verified with webauthn4j: register it with
 * {@code AuthService.newBuilder(config, stores).factor(PasskeyFactor.create(passkeyConfig))}.
 *
 * <p>Ceremonies: {@link #registrationOptions} and {@link #register} for a signed-in account (recent authentication for
 * the options), {@link #loginOptions(ClientInfo)} (discoverable: usernameless and autofill) or {@link
 * #loginOptions(Contact, ClientInfo)} (a named account) and {@link #login}. Options are {@code
 * PublicKeyCredentialCreationOptionsJSON} and {@code PublicKeyCredentialRequestOptionsJSON}, responses {@code
 * RegistrationResponseJSON} and {@code AuthenticationResponseJSON}, as browsers' {@code parse...FromJSON} and {@code
 * toJSON()} use them.
 *
 * <p>A passkey login with user verification proves two factors: its session's {@code amr} is {@code hwk user mfa}
 * ({@code swk user mfa} for a backup-eligible, synced passkey; see {@link #amr()}) and no second step follows,
 * whatever the policy. Without user verification it is one factor ({@code hwk user} or {@code swk user}): it signs in
 * alone only an account with no password and no other second factor, is followed by the second step of another enrolled
 * second factor, and is refused for an account with a password and no other second factor (a touch-only security key of
 * a password account is only its second factor). For an account with a password, a passkey is a second factor too:
 * every primary login then asks for a step that lists {@value #ID}, answered with an assertion whose challenge is the
 * step's own challenge ({@link #secondStepOptions}) or one from {@link #loginOptions}.
 *
 * <p>The credential must belong to the account its user handle names: the handle is 32 random bytes per account, never
 * its id, email or phone. A sign count that does not grow (when either count is non-zero) is refused and emits
 * {@link #PASSKEY_CLONE_SUSPECTED}. Challenges are single use, five minutes long, kept hashed in the shared
 * {@link dev.latchkey.auth.store.ChallengeStore}. No challenge, signature or key is ever logged.
 *
 * <p>One instance belongs to one {@code AuthService}. Thread-safe.
 */
public final class PasskeyFactor implements Factor {
    /** The factor's id and its second-step option. */
    public static final String ID = "passkey";
    /** A passkey was registered (detail: its attestation format and AAGUID). */
    public static final AuthEventType PASSKEY_REGISTERED = AuthEventType.of("PASSKEY_REGISTERED");
    /** A passkey signed someone in, answered a second step or re-authenticated a session. */
    public static final AuthEventType PASSKEY_USED = AuthEventType.of("PASSKEY_USED");
    /** A passkey was deleted by its owner, or by an administrator's reset. */
    public static final AuthEventType PASSKEY_REMOVED = AuthEventType.of("PASSKEY_REMOVED");
    /** An assertion's sign count did not grow: the passkey may have been copied; the assertion was refused. */
    public static final AuthEventType PASSKEY_CLONE_SUSPECTED = AuthEventType.of("PASSKEY_CLONE_SUSPECTED");
    /** The label of a passkey registered without one. */
    public static final String DEFAULT_LABEL = "Passkey";

    private final PasskeyConfig config;
    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnChecks checks;
    private final OptionsJson options;
    private volatile Bound bound;

    private record Bound(FactorContext context, PasskeyRecords records, CeremonyChallenges challenges,
                         RegistrationCeremony registration, AssertionCheck assertions, PasskeyLogins logins) {
    }

    private PasskeyFactor(PasskeyConfig config) {
        this.config = config;
        this.checks = new WebAuthnChecks(config, converter);
        this.options = new OptionsJson(config, converter.getJsonMapper());
    }

    /** The factor for this relying party. */
    public static PasskeyFactor create(PasskeyConfig config) {
        return new PasskeyFactor(Objects.requireNonNull(config, "config"));
    }

    /** The relying party's settings. */
    public PasskeyConfig config() {
        return config;
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * {@code ["hwk", "user"]}, what a passkey adds to {@code amr} as a second step or a re-authentication: proof of
     * possession of a key held by an authenticator and a user presence test (RFC 8176 section 2). A passkey login
     * reports the key that signed instead: {@code swk} (a software-secured key) for a backup-eligible passkey, which
     * a passkey provider may copy to the account's other devices, {@code hwk} for one bound to its device (flag BE
     * clear); with user verification the session adds {@code mfa}. RFC 8176 has no value for WebAuthn's user
     * verification, and WebAuthn does not say whether a PIN or a biometric made it, so {@code pin} and {@code fpt}
     * are never claimed. The factor SPI's second step reports one {@code amr} per factor, so there a synced passkey
     * reports {@code hwk} too.
     */
    @Override
    public List<String> amr() {
        return List.of("hwk", "user");
    }

    /** Binds the factor to its service; a second call (another service) is refused. */
    @Override
    public synchronized void bind(FactorContext context) {
        Objects.requireNonNull(context, "context");
        if (bound != null) {
            throw new IllegalStateException("this PasskeyFactor already belongs to a service; create one per service");
        }
        PasskeyRecords records = new PasskeyRecords(context, converter.getJsonMapper());
        CeremonyChallenges challenges = new CeremonyChallenges(context);
        AssertionCheck assertions = new AssertionCheck(context, records, checks, PASSKEY_CLONE_SUSPECTED);
        bound = new Bound(context, records, challenges,
                new RegistrationCeremony(context, records, challenges, checks, options), assertions,
                new PasskeyLogins(this, config, context, records, challenges, assertions, options, PASSKEY_USED));
    }

    /**
     * Creation options for the caller's new passkey, a sensitive operation: the caller must have authenticated
     * recently. The options exclude the caller's passkeys, so an authenticator holding one does not make another.
     *
     * @throws AuthException {@link AuthErrorCode#INSUFFICIENT_USER_AUTHENTICATION}, {@link AuthErrorCode#NOT_FOUND}
     */
    public String registrationOptions(VerifiedAccessToken caller) {
        Objects.requireNonNull(caller, "caller");
        Bound b = bound();
        b.context().requireRecent(caller);
        return b.registration().options(account(caller.userId()));
    }

    /**
     * Verifies the authenticator's {@code RegistrationResponseJSON} to the caller's options and keeps the passkey,
     * labelled {@code label} (null for {@value #DEFAULT_LABEL}). Emits {@link #PASSKEY_REGISTERED}.
     *
     * @throws AuthException {@link AuthErrorCode#INVALID_CREDENTIAL} with the failed check as reason (see the README);
     *                       {@link AuthErrorCode#VALIDATION_FAILED} (field {@code label})
     */
    public Passkey register(VerifiedAccessToken caller, String responseJson, String label, ClientInfo client) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(responseJson, "responseJson");
        Objects.requireNonNull(client, "client");
        Bound b = bound();
        String name = checkLabel(label == null ? DEFAULT_LABEL : label);
        account(caller.userId());
        StoredCredential credential = b.registration().register(caller.userId(), responseJson, name);
        Passkey passkey = b.records().view(credential);
        b.context().emit(PASSKEY_REGISTERED, caller.userId(), client, "format "
                + b.records().stored(credential).format() + ", aaguid " + passkey.aaguid());
        return passkey;
    }

    /**
     * Request options for a usernameless sign-in (any discoverable passkey of this relying party; autofill). Each
     * client address may ask for {@link PasskeyConfig#loginOptionsPerAddressPerHour()} in any hour.
     *
     * @throws AuthException {@link AuthErrorCode#TOO_MANY_ATTEMPTS} past the address's budget (nothing is stored)
     */
    public String loginOptions(ClientInfo client) {
        return bound().logins().options(Objects.requireNonNull(client, "client"));
    }

    /**
     * Request options for the account this email or phone identifies, listing its passkeys, under the same budget as
     * {@link #loginOptions(ClientInfo)}. The answer has the same shape whether or not there is such an account: for
     * none (or one without passkeys) it lists one made-up credential, the same on every call for that contact, and
     * its challenge is bound to no account, so that every answer to it is refused.
     *
     * @throws AuthException {@link AuthErrorCode#TOO_MANY_ATTEMPTS} past the address's budget (nothing is stored)
     */
    public String loginOptions(Contact contact, ClientInfo client) {
        Objects.requireNonNull(contact, "contact");
        return bound().logins().options(contact, Objects.requireNonNull(client, "client"));
    }

    /**
     * Signs in with an {@code AuthenticationResponseJSON} to options from {@link #loginOptions}: a session (two
     * factors with user verification), or the second step. Without user verification the passkey is one factor: it
     * signs in alone only an account with no password and no other second factor, leads to the second step of another
     * second factor, and is refused for an account with a password and no other second factor (there it is the
     * password's second factor). Emits {@link #PASSKEY_USED} once the login succeeded, or {@code LOGIN_FAILED} with
     * the failed check. Each client address may make
     * {@link PasskeyConfig#loginFailuresPerAddressPerHour()} refused logins in any hour.
     *
     * @throws AuthException {@link AuthErrorCode#INVALID_CREDENTIALS} for every failure (unknown credential, another
     *                       account's, a used or expired challenge, a bad signature, origin or RP id, a sign count gone
     *                       backwards, user verification missing where required or where the passkey is a password's
     *                       second factor); {@link AuthErrorCode#TOO_MANY_ATTEMPTS} past the address's budget;
     *                       {@link AuthErrorCode#VALIDATION_FAILED} (field {@code credential}) for what is no
     *                       AuthenticationResponseJSON at all
     */
    public LoginResult login(String responseJson, ClientInfo client) {
        Objects.requireNonNull(client, "client");
        Bound b = bound();
        return b.logins().login(parseAssertion(Objects.requireNonNull(responseJson, "responseJson")), client);
    }

    /**
     * Request options for answering a login's second step ({@code LoginResult.SecondFactorRequired}) with a passkey:
     * the step's challenge is the WebAuthn challenge, and the user's passkeys are listed.
     *
     * @throws AuthException {@link AuthErrorCode#INVALID_TOKEN} for an unknown, used or expired step
     */
    public String secondStepOptions(String challenge) {
        Bound b = bound();
        StoredChallenge step = Optional.ofNullable(challenge).filter(c -> c.matches("[A-Za-z0-9_-]{43}"))
                .flatMap(c -> b.challenges().live(c, "second_factor")) // a login step's purpose
                .orElseThrow(() -> new AuthException(AuthErrorCode.INVALID_TOKEN, "unknown, used or expired step"));
        return options.request(challenge, b.records().descriptors(step.userId()));
    }

    /** The user's passkeys, oldest first. */
    public List<Passkey> list(String userId) {
        PasskeyRecords records = bound().records();
        return records.of(Objects.requireNonNull(userId, "userId")).stream().map(records::view).toList();
    }

    /**
     * Renames one of the user's passkeys.
     *
     * @throws AuthException {@link AuthErrorCode#NOT_FOUND} when the user has no such passkey,
     *                       {@link AuthErrorCode#VALIDATION_FAILED} (field {@code label})
     */
    public Passkey rename(String userId, String credentialId, String label) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(credentialId, "credentialId");
        String name = checkLabel(Objects.requireNonNull(label, "label"));
        Bound b = bound();
        StoredCredential c = b.records().ofUser(userId, credentialId).orElseThrow(PasskeyFactor::noSuchPasskey);
        if (!b.context().credentials().relabel(userId, c.id(), name)) {
            throw noSuchPasskey();
        }
        return b.records().ofUser(userId, credentialId).map(b.records()::view).orElseThrow(PasskeyFactor::noSuchPasskey);
    }

    /**
     * Deletes one of the caller's passkeys, a sensitive operation (recent authentication). Emits
     * {@link #PASSKEY_REMOVED}.
     *
     * @throws AuthException {@link AuthErrorCode#LAST_CREDENTIAL} when it is the account's last way to sign in (its
     *                       only passkey and no password); {@link AuthErrorCode#FORBIDDEN} (reason
     *                       {@code second_factor_required}) when the policy requires a second factor and this is the
     *                       last; {@link AuthErrorCode#NOT_FOUND}; {@link AuthErrorCode#INSUFFICIENT_USER_AUTHENTICATION}
     */
    public void delete(VerifiedAccessToken caller, String credentialId, ClientInfo client) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(client, "client");
        Bound b = bound();
        b.context().requireRecent(caller);
        String userId = caller.userId();
        b.context().inTransaction(() -> {
            // The account first: concurrent deletes of its passkeys run one after another, each counting what the
            // other left, so two of them cannot remove its last way in.
            b.context().lockAccount(userId);
            StoredCredential c = b.records().ofUser(userId, credentialId).orElseThrow(PasskeyFactor::noSuchPasskey);
            User user = account(userId);
            int left = b.records().of(userId).size() - 1;
            if (left == 0 && !user.hasPassword()) {
                throw lastCredential();
            }
            if (left == 0) {
                b.context().requireRemovable(userId, this);
            }
            if (!b.context().credentials().delete(userId, c.id())) {
                throw noSuchPasskey();
            }
            return null;
        });
        b.context().emit(PASSKEY_REMOVED, userId, client, null);
    }

    /** For an account with a password, a passkey makes every primary login ask for a second step. */
    @Override
    public boolean requiresSecondStep(User user) {
        return user.hasPassword() && !bound().records().of(user.id()).isEmpty();
    }

    /** {@code ["passkey"]} for a user with a passkey, else none. */
    @Override
    public List<String> secondStepOptions(User user) {
        return bound().records().of(user.id()).isEmpty() ? List.of() : List.of(ID);
    }

    /** A JSON object: an AuthenticationResponseJSON. */
    @Override
    public boolean wellFormedAnswer(String option, String answer) {
        String trimmed = answer.strip();
        return trimmed.startsWith("{") && trimmed.endsWith("}");
    }

    /**
     * Whether {@code answer} is an assertion of one of the user's passkeys for this step: its challenge is the login
     * step's own (whose store hash is {@code stepId}), or a live one from {@link #loginOptions} for this user or none
     * (used up here, as for a re-authentication).
     */
    @Override
    public boolean verifySecondStep(User user, String option, String stepId, String answer, ClientInfo client) {
        if (!ID.equals(option)) {
            return false;
        }
        Bound b = bound();
        try {
            b.assertions().checkStep(checks.parseAssertion(answer), b.challenges(), user.id(), stepId);
        } catch (WebAuthnChecks.Refusal r) {
            b.assertions().report(r, client); // this transaction commits: a wrong answer is no rollback
            return false;
        }
        return true;
    }

    /** Emits {@link #PASSKEY_USED} once the step (or re-authentication) it answered was committed. */
    @Override
    public void afterSecondStep(User user, String option, ClientInfo client) {
        bound().context().emit(PASSKEY_USED, user.id(), client, "second step or re-authentication");
    }

    /** The user's passkeys, each as type {@value #ID}. */
    @Override
    public List<EnrolledFactor> enrolled(User user) {
        return bound().records().of(user.id()).stream()
                .map(c -> new EnrolledFactor(ID, c.createdAt(), Optional.ofNullable(c.lastUsedAt())))
                .toList();
    }

    /**
     * An administrator's reset of second factors: the passkeys of an account with a password go (there they are a
     * second factor); a passkey-only account keeps its passkeys, which are its way in.
     */
    @Override
    public boolean reset(String userId) {
        Bound b = bound();
        if (!b.context().user(userId).map(User::hasPassword).orElse(false) || b.records().of(userId).isEmpty()) {
            return false;
        }
        b.context().credentials().replaceAll(userId, PasskeyRecords.TYPE, List.of());
        return true;
    }

    @Override
    public String toString() {
        return "PasskeyFactor[" + config + "]";
    }

    private AuthenticationData parseAssertion(String json) {
        try {
            return checks.parseAssertion(json);
        } catch (WebAuthnChecks.Refusal r) {
            throw AuthException.validation("credential", "credential must be an AuthenticationResponseJSON");
        }
    }

    private User account(String userId) {
        return bound().context().user(userId)
                .orElseThrow(() -> new AuthException(AuthErrorCode.NOT_FOUND, "no such account"));
    }

    private static String checkLabel(String label) {
        String name = label.strip();
        if (name.isEmpty() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
            throw AuthException.validation("label", "label must be 1-64 characters without control characters");
        }
        return name;
    }

    private static AuthException lastCredential() {
        return new AuthException(AuthErrorCode.LAST_CREDENTIAL, "this passkey is the account's last way to sign in; "
                + "add another passkey or a password first");
    }

    private static AuthException noSuchPasskey() {
        return new AuthException(AuthErrorCode.NOT_FOUND, "no such passkey");
    }

    private Bound bound() {
        Bound b = bound;
        if (b == null) {
            throw new IllegalStateException("register the factor with AuthService.newBuilder(...).factor(...) first");
        }
        return b;
    }
}
