package dev.latchkey.auth.webauthn.internal;

import com.webauthn4j.data.AuthenticationData;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.User;
import dev.latchkey.auth.factor.Factor;
import dev.latchkey.auth.factor.FactorContext;
import dev.latchkey.auth.store.StoredChallenge;
import dev.latchkey.auth.webauthn.PasskeyConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sign-in ceremony: request options (usernameless, or for a named account) and the assertion that answers them.
 *
 * <p>Limits come first, as for codes: each client address may ask for
 * {@link PasskeyConfig#loginOptionsPerAddressPerHour()} options in any hour (each is a stored challenge) and make
 * {@link PasskeyConfig#loginFailuresPerAddressPerHour()} refused logins in any hour; past either, {@link AuthErrorCode#TOO_MANY_ATTEMPTS} with the time to retry. Both are sliding windows every
 * instance shares; a login takes a permit of the failure budget before it is checked and gives it back once it
 * succeeded.
 *
 * <p>Options for a contact that names no account (or one nobody proved) are bound to
 * {@link CeremonyChallenges#NOBODY}, an id no account has, so that every answer to them fails as an answer to
 * another account's options does.
 *
 * <p>A login without user verification is one factor: it ends alone only for an account without a password and
 * without another second factor; with another second factor the second step follows with that; an account with a
 * password and no other second factor is refused ({@link AuthErrorCode#INVALID_CREDENTIALS}), since there the passkey
 * is the second factor of the password and must not replace it. The session's {@code amr} is the assertion's
 * ({@link AssertionCheck.Passed#amr()}), plus {@code mfa} with user verification.
 */
public final class PasskeyLogins {
    private static final Duration HOUR = Duration.ofHours(1);

    private final Factor factor;
    private final FactorContext context;
    private final PasskeyRecords records;
    private final CeremonyChallenges challenges;
    private final AssertionCheck assertions;
    private final OptionsJson options;
    private final AuthEventType used;
    private final int optionsPerHour;
    private final int failuresPerHour;

    /**
     * The ceremony of {@code factor} under the limits of {@code config}; {@code used} is emitted for each login that
     * succeeded.
     */
    public PasskeyLogins(Factor factor, PasskeyConfig config, FactorContext context, PasskeyRecords records,
                         CeremonyChallenges challenges, AssertionCheck assertions, OptionsJson options,
                         AuthEventType used) {
        this.factor = factor;
        this.optionsPerHour = config.loginOptionsPerAddressPerHour();
        this.failuresPerHour = config.loginFailuresPerAddressPerHour();
        this.context = context;
        this.records = records;
        this.challenges = challenges;
        this.assertions = assertions;
        this.options = options;
        this.used = used;
    }

    /** Usernameless request options, under the address's options budget. */
    public String options(ClientInfo client) {
        optionsPermit(client);
        return options.request(challenges.issue(CeremonyChallenges.LOGIN, null), List.of());
    }

    /** Request options for the account {@code contact} identifies (a made-up credential for none). */
    public String options(Contact contact, ClientInfo client) {
        optionsPermit(client);
        Optional<User> user = context.findByContact(contact);
        List<OptionsJson.Descriptor> allow = user.map(u -> records.descriptors(u.id())).orElse(List.of());
        if (allow.isEmpty()) {
            allow = List.of(records.madeUp(contact));
        }
        String challenge = user.isPresent() ? challenges.issue(CeremonyChallenges.LOGIN, user.get().id())
                : challenges.issueForNobody(CeremonyChallenges.LOGIN);
        return options.request(challenge, allow);
    }

    /** Checks the assertion {@code data} to options from {@link #options} and ends the login. */
    public LoginResult login(AuthenticationData data, ClientInfo client) {
        String budget = client.address().map(a -> "passkey-login-fail:" + a).orElse(null);
        if (budget != null) {
            Optional<Instant> refused = context.acquire(budget, failuresPerHour, HOUR);
            if (refused.isPresent()) {
                context.emit(AuthEventType.LOGIN_FAILED, null, client, "passkey address failure cap");
                throw AuthException.tooManyAttempts(refused.get(), "too many refused passkey sign-ins from this "
                        + "address; try again later");
            }
        }
        byte[] challenge = data.getCollectedClientData().getChallenge().getValue();
        Optional<StoredChallenge> stored = challenges.live(Base64Url.encode(challenge), CeremonyChallenges.LOGIN);
        AssertionCheck.Passed passed;
        try {
            passed = context.inTransaction(() -> {
                if (stored.isEmpty() || !challenges.consume(stored.get())) {
                    throw new WebAuthnChecks.Refusal("challenge");
                }
                return assertions.check(data, challenge, CeremonyChallenges.account(stored.get()));
            });
        } catch (WebAuthnChecks.Refusal r) {
            stored.ifPresent(challenges::consume);
            assertions.report(r, client);
            context.emit(AuthEventType.LOGIN_FAILED, null, client, "passkey " + r.reason());
            throw invalidCredentials();
        }
        LoginResult result = complete(passed, client);
        if (budget != null) {
            context.release(budget, HOUR);
        }
        context.emit(used, passed.userId(), client, passed.userVerified() ? "login, user verified"
                : result instanceof LoginResult.Authenticated ? "login" : "login, second step next");
        return result;
    }

    private LoginResult complete(AssertionCheck.Passed passed, ClientInfo client) {
        User user = context.user(passed.userId()).orElseThrow(PasskeyLogins::invalidCredentials);
        if (passed.userVerified()) {
            return context.completeMultiFactor(user, factor, passed.amr(), client);
        }
        if (user.hasPassword() && !context.requiresStepBesides(user, factor)) {
            context.emit(AuthEventType.LOGIN_FAILED, user.id(), client, "passkey without user verification: the "
                    + "second factor of a password");
            throw invalidCredentials();
        }
        return context.completePrimary(user, factor, passed.amr(), client);
    }

    private void optionsPermit(ClientInfo client) {
        Optional<String> address = client.address();
        if (address.isEmpty()) {
            return;
        }
        Optional<Instant> refused = context.acquire("passkey-options:" + address.get(), optionsPerHour, HOUR);
        if (refused.isPresent()) {
            throw AuthException.tooManyAttempts(refused.get(), "too many passkey sign-in requests from this address; "
                    + "try again later");
        }
    }

    private static AuthException invalidCredentials() {
        return new AuthException(AuthErrorCode.INVALID_CREDENTIALS, "the passkey was not accepted");
    }
}
