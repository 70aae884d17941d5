package dev.latchkey.auth.internal;

import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.factor.Factor;
import dev.latchkey.auth.factor.SecondSteps;
import dev.latchkey.auth.store.ChallengeStore;
import dev.latchkey.auth.store.StoredChallenge;
import dev.latchkey.auth.store.StoredUser;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The end of every login: after a first factor, a session, or a second step when another factor requires one. The
 * second step's challenge is opaque, single use, five minutes long, bound to the user and to the factor passed, and
 * known to the {@link ChallengeStore} by its hash only, so any instance can take the answer.
 *
 * <p>A login whose first factor is the one that checks device tokens (the password) ends with a fresh device token
 * in its session, also when a second step came between.
 */
public final class LoginFlow implements SecondSteps {
    /** The challenge purpose of a login's second step. */
    public static final String SECOND_FACTOR = "second_factor";
    private static final Duration STEP_TTL = Duration.ofMinutes(5);
    private static final int STEP_ATTEMPTS = 5;
    /** Wrong second-step answers of one user in any hour, across challenges. */
    private static final int USER_FAILURES_PER_HOUR = 10;
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Pattern OPTION = Pattern.compile("^[a-z0-9_-]{1,32}$");
    private static final int MAX_ANSWER = 8192;

    private final Core core;
    private final SessionIssuer sessions;
    private final List<Factor> factors;
    private final ChallengeStore challenges;
    private final Factor deviceFactor;
    private final Function<StoredUser, String> deviceTokens;

    /**
     * The flow over these factors, in registration order; logins first passed with {@code deviceFactor} end with a
     * device token from {@code deviceTokens}.
     */
    public LoginFlow(Core core, SessionIssuer sessions, List<Factor> factors, Factor deviceFactor,
                     Function<StoredUser, String> deviceTokens) {
        this.core = core;
        this.sessions = sessions;
        this.factors = List.copyOf(factors);
        this.challenges = core.stores().challenges();
        this.deviceFactor = deviceFactor;
        this.deviceTokens = deviceTokens;
    }

    /**
     * The user passed {@code passed}, which added {@code amr}: a session, or the second step. The login event names
     * the contact used (or none) and {@code method}.
     */
    public LoginResult afterPrimary(StoredUser user, Factor passed, List<String> amr, ClientInfo client,
                                    Contact.Kind kind, String destination, String method) {
        User view = core.toUser(user);
        // Options are asked for only once a factor requires a step: most logins need none, and each answer may read
        // the credentials.
        boolean required = factors.stream().anyMatch(f -> f != passed && f.requiresSecondStep(view));
        if (!required) {
            Session session = sessions.start(user, amr, client,
                    passed == deviceFactor ? deviceTokens.apply(user) : null);
            core.events().emit(AuthEventType.LOGIN_SUCCEEDED, user.id(), kind, destination, client,
                    session.sessionId(), method);
            return new LoginResult.Authenticated(session);
        }
        String challenge = Secrets.randomToken(32);
        Instant now = core.now();
        Instant expires = now.plus(STEP_TTL);
        challenges.insert(new StoredChallenge(Secrets.sha256(challenge), SECOND_FACTOR, user.id(),
                passed.id() + " " + String.join(" ", amr), now, expires, 0, null));
        core.events().emit(AuthEventType.SECOND_FACTOR_REQUIRED, user.id(), kind, destination, client, null, method);
        Set<String> options = new LinkedHashSet<>();
        for (Factor f : factors) {
            if (f != passed) {
                options.addAll(f.secondStepOptions(view));
            }
        }
        return new LoginResult.SecondFactorRequired(challenge, List.copyOf(options), expires);
    }

    @Override
    public void prepare(String challenge, String factor, ClientInfo client) {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(client, "client");
        Step step = step(challenge, factor, client);
        step.factor().prepareSecondStep(step.user(), factor, client);
    }

    @Override
    public LoginResult complete(String challenge, String factor, String answer, ClientInfo client) {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(client, "client");
        if (answer.isEmpty() || answer.length() > MAX_ANSWER) {
            throw AuthException.validation("code", "an answer is required");
        }
        Step step = step(challenge, factor, client);
        if (!challenges.tryAttempt(step.stored().hash(), STEP_ATTEMPTS)) {
            core.events().emit(AuthEventType.SECOND_FACTOR_FAILED, step.user().id(), null, null, client, null,
                    factor + " attempts spent");
            throw AuthException.tooManyAttempts(step.stored().expiresAt(), "too many wrong answers; log in again");
        }
        // Every answer checked takes a permit of the user's own budget across challenges first: a stolen password
        // makes a fresh challenge at each login, and must not make fresh guesses at the second factor.
        Instant now = core.now();
        String userBudget = "second-step-fail:" + step.user().id();
        Optional<Instant> refused = core.windows().acquire(userBudget, USER_FAILURES_PER_HOUR, HOUR, now);
        if (refused.isPresent()) {
            core.events().emit(AuthEventType.SECOND_FACTOR_FAILED, step.user().id(), null, null, client, null,
                    factor + " user budget spent");
            throw AuthException.tooManyAttempts(refused.get(), "too many wrong second-factor answers; try later");
        }
        // The factor's own single-use effect (a TOTP step, a recovery code) and the challenge are used up together,
        // so a lost race for the challenge does not burn the answer.
        boolean right = core.stores().inTransaction(() -> {
            if (!step.factor().verifySecondStep(step.user(), factor, answer, client)) {
                return false;
            }
            if (!challenges.consume(step.stored().hash(), core.now())) {
                throw Core.invalidToken();
            }
            return true;
        });
        if (!right) {
            core.events().emit(AuthEventType.SECOND_FACTOR_FAILED, step.user().id(), null, null, client, null, factor);
            throw Core.invalidCode();
        }
        core.windows().release(userBudget, HOUR, now);
        Set<String> amr = new LinkedHashSet<>(step.passedAmr());
        amr.addAll(step.factor().amr(factor));
        amr.add("mfa");
        StoredUser user = core.stored(step.user().id());
        Session session = sessions.start(user, List.copyOf(amr), client,
                step.passedId().equals(deviceFactor.id()) ? deviceTokens.apply(user) : null);
        core.events().emit(AuthEventType.LOGIN_SUCCEEDED, user.id(), null, null, client, session.sessionId(),
                "second factor " + factor);
        return new LoginResult.Authenticated(session);
    }

    private record Step(StoredChallenge stored, User user, Factor factor, String passedId, List<String> passedAmr) {
    }

    /** The live challenge and the factor offering {@code option} to its user; else a typed failure. */
    private Step step(String challenge, String option, ClientInfo client) {
        if (!OPTION.matcher(option).matches()) {
            throw AuthException.validation("factor", "factor must be 1-32 of a-z 0-9 _ -");
        }
        if (!Inputs.plausibleToken(challenge)) {
            throw Core.invalidToken();
        }
        Instant now = core.now();
        StoredChallenge stored = challenges.find(Secrets.sha256(challenge))
                .filter(c -> SECOND_FACTOR.equals(c.purpose()) && c.consumedAt() == null && now.isBefore(c.expiresAt()))
                .orElseThrow(Core::invalidToken);
        // A locked account's owner reaches a second step only through a trusted password check.
        Optional<StoredUser> user = core.users().findById(stored.userId()).filter(Core::keepsSessions);
        if (user.isEmpty()) {
            throw Core.invalidToken();
        }
        User view = core.toUser(user.get());
        String[] data = stored.data().split(" ");
        String passedId = data[0];
        for (Factor f : factors) {
            if (!f.id().equals(passedId) && f.secondStepOptions(view).contains(option)) {
                return new Step(stored, view, f, passedId, List.of(data).subList(1, data.length));
            }
        }
        throw AuthException.validation("factor", "this account has no second factor '" + option + "'");
    }
}
