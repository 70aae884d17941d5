package dev.latchkey.auth.internal;

import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.OtpPurpose;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.factor.EnrolledFactor;
import dev.latchkey.auth.factor.Enrollment;
import dev.latchkey.auth.factor.Factor;
import dev.latchkey.auth.factor.SecondFactorPolicy;
import dev.latchkey.auth.factor.SecondSteps;
import dev.latchkey.auth.store.ChallengeStore;
import dev.latchkey.auth.store.StoredChallenge;
import dev.latchkey.auth.store.StoredUser;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The end of every login: after a first factor, a session, a second step when another factor requires one, or an
 * enrolment when the policy requires a second factor the user lacks. Challenges are opaque, single use, five minutes
 * long, bound to the user and to the factor passed, and known to the {@link ChallengeStore} by their hash only, so any
 * instance can take the answer.
 *
 * <p>A login whose first factor is the one that checks device tokens (the password) ends with a fresh device token
 * in its session, also when a second step came between.
 */
public final class LoginFlow implements SecondSteps {
    /** The challenge purpose of a login's second step. */
    public static final String SECOND_FACTOR = "second_factor";
    /** The challenge purpose of a login waiting for the enrolment the policy requires. */
    public static final String ENROLLMENT = "second_factor_enrollment";
    private static final Duration STEP_TTL = Duration.ofMinutes(5);
    private static final int STEP_ATTEMPTS = 5;
    /** Wrong second-step answers of one user in any hour, across challenges and re-authentications. */
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
    private final SecondFactorPolicy policy;
    private final List<String> enrollable;

    /**
     * The flow over these factors, in the order options are offered; logins first passed with {@code deviceFactor} end with a
     * device token from {@code deviceTokens}.
     *
     * @throws IllegalArgumentException when the policy requires second factors and no factor can be enrolled
     */
    public LoginFlow(Core core, SessionIssuer sessions, List<Factor> factors, Factor deviceFactor,
                     Function<StoredUser, String> deviceTokens) {
        this.core = core;
        this.sessions = sessions;
        this.factors = List.copyOf(factors);
        this.challenges = core.stores().challenges();
        this.deviceFactor = deviceFactor;
        this.deviceTokens = deviceTokens;
        this.policy = core.config().secondFactors().policy();
        this.enrollable = this.factors.stream().filter(Factor::enrollable).map(Factor::id).toList();
        if (policy.requiresAny() && enrollable.isEmpty()) {
            throw new IllegalArgumentException("the second-factor policy " + policy + " needs a factor users can "
                    + "enrol, such as TotpFactor from auth-totp");
        }
    }

    /**
     * The user passed {@code passed}, which added {@code amr}: a session, the second step, or an enrolment. The login
     * event names the contact used (or none) and {@code method}.
     */
    public LoginResult afterPrimary(StoredUser user, Factor passed, List<String> amr, ClientInfo client,
                                    Contact.Kind kind, String destination, String method) {
        User view = core.toUser(user);
        // Options are asked for only once a factor requires a step: most logins need none, and each answer may read
        // the credentials.
        boolean stepRequired = requiresStepBesides(view, passed);
        if (!stepRequired && !policy.appliesTo(user.roles())) {
            return new LoginResult.Authenticated(start(user, passed.id(), amr, client, kind, destination, method));
        }
        String challenge = Secrets.randomToken(32);
        Instant now = core.now();
        Instant expires = now.plus(STEP_TTL);
        String purpose = stepRequired ? SECOND_FACTOR : ENROLLMENT;
        challenges.insert(new StoredChallenge(Secrets.sha256(challenge), purpose, user.id(),
                passed.id() + " " + String.join(" ", amr), now, expires, 0, null));
        if (!stepRequired) {
            core.events().emit(AuthEventType.SECOND_FACTOR_ENROLLMENT_REQUIRED, user.id(), kind, destination, client,
                    null, method);
            return new LoginResult.EnrollmentRequired(challenge, enrollable, expires);
        }
        core.events().emit(AuthEventType.SECOND_FACTOR_REQUIRED, user.id(), kind, destination, client, null, method);
        Set<String> options = new LinkedHashSet<>();
        for (Factor f : factors) {
            if (f != passed) {
                options.addAll(f.secondStepOptions(view));
            }
        }
        return new LoginResult.SecondFactorRequired(challenge, List.copyOf(options), expires);
    }

    /** The user passed {@code passed}, which proved two factors on its own: a session, {@code amr} plus {@code mfa}. */
    public LoginResult afterMultiFactor(StoredUser user, Factor passed, List<String> amr, ClientInfo client) {
        Set<String> all = new LinkedHashSet<>(amr);
        all.add("mfa");
        return new LoginResult.Authenticated(start(user, passed.id(), List.copyOf(all), client, null, null,
                passed.id()));
    }

    @Override
    public void prepare(String challenge, String factor, ClientInfo client) {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(client, "client");
        Step step = step(challenge, factor);
        step.factor().prepareSecondStep(step.user(), factor, step.stored().hash(), client);
    }

    @Override
    public LoginResult complete(String challenge, String factor, String answer, ClientInfo client) {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(client, "client");
        if (answer.length() > MAX_ANSWER) {
            throw AuthException.validation("code", "a code of at most " + MAX_ANSWER + " characters is required");
        }
        Step step = step(challenge, factor);
        checkAnswerShape(step.factor(), factor, answer);
        if (!challenges.tryAttempt(step.stored().hash(), STEP_ATTEMPTS)) {
            core.events().emit(AuthEventType.SECOND_FACTOR_FAILED, step.user().id(), null, null, client, null,
                    factor + " attempts spent");
            throw AuthException.tooManyAttempts(step.stored().expiresAt(), "too many wrong answers; log in again");
        }
        // The factor's own single-use effect (a TOTP step, a recovery code) and the challenge are used up together,
        // so a lost race for the challenge does not burn the answer.
        checkAnswer(step.user(), step.factor(), factor, step.stored().hash(), answer, client,
                "second-step-fail:" + step.user().id(), () -> {
                    if (!challenges.consume(step.stored().hash(), core.now())) {
                        throw Core.invalidToken();
                    }
                    return true;
                });
        Set<String> amr = new LinkedHashSet<>(step.passedAmr());
        amr.addAll(step.factor().amr(factor));
        amr.add("mfa");
        StoredUser user = core.stored(step.user().id());
        Session session = start(user, step.passedId(), List.copyOf(amr), client, null, null,
                "second factor " + factor);
        return new LoginResult.Authenticated(session);
    }

    /**
     * Checks a second-step answer of {@code user} with {@code factor}'s {@code option} under the hourly budget of wrong
     * answers kept as {@code budget} (the user's, for logins), running {@code useUp} in the same transaction once it is
     * right (for the step's own single use). Returns normally when right, emits {@code SECOND_FACTOR_SUCCEEDED} and
     * calls the factor's {@link Factor#afterSecondStep} after the commit; else throws {@code INVALID_CODE} or
     * {@code TOO_MANY_ATTEMPTS}, or what {@code useUp} threw (its permit is given back: a lost race is no guess).
     */
    public void checkAnswer(User user, Factor factor, String option, String stepId, String answer, ClientInfo client,
                            String budget, BooleanSupplier useUp) {
        // Every answer checked takes a permit of the budget first: a stolen password makes a fresh challenge at each
        // login, and must not make fresh guesses at the second factor.
        Instant now = core.now();
        Optional<Instant> refused = core.windows().acquire(budget, USER_FAILURES_PER_HOUR, HOUR, now);
        if (refused.isPresent()) {
            core.events().emit(AuthEventType.SECOND_FACTOR_FAILED, user.id(), null, null, client, null,
                    option + " user budget spent");
            throw AuthException.tooManyAttempts(refused.get(), "too many wrong second-factor answers; try later");
        }
        boolean right;
        try {
            right = core.stores().inTransaction(() ->
                    factor.verifySecondStep(user, option, stepId, answer, client) && useUp.getAsBoolean());
        } catch (AuthException e) {
            core.windows().release(budget, HOUR, now);
            throw e;
        }
        if (!right) {
            core.events().emit(AuthEventType.SECOND_FACTOR_FAILED, user.id(), null, null, client, null, option);
            throw Core.invalidCode();
        }
        core.windows().release(budget, HOUR, now);
        core.events().emit(AuthEventType.SECOND_FACTOR_SUCCEEDED, user.id(), null, null, client, null, option);
        factor.afterSecondStep(user, option, client);
    }

    /** Refuses an empty or oversized answer, or one not shaped as {@code factor}'s, before anything is counted. */
    public static void checkAnswerShape(Factor factor, String option, String answer) {
        if (answer.isEmpty() || answer.length() > MAX_ANSWER) {
            throw AuthException.validation("code", "a code of at most " + MAX_ANSWER + " characters is required");
        }
        if (!factor.wellFormedAnswer(option, answer)) {
            throw AuthException.validation("code", "that is not a " + option + " code");
        }
    }

    private static void checkOption(String option) {
        if (option == null || !OPTION.matcher(option).matches()) {
            throw AuthException.validation("factor", "factor must be 1-32 of a-z 0-9 _ -");
        }
    }

    /**
     * The factor offering {@code option} to the user, none of {@code excluded} (the factor passed); for
     * re-authentication, among its {@link Factor#reauthenticationOptions}.
     */
    public Factor offering(User user, String option, Set<Factor> excluded, boolean reauthentication) {
        checkOption(option);
        for (Factor f : factors) {
            if (!excluded.contains(f) && (reauthentication ? f.reauthenticationOptions(user)
                    : f.secondStepOptions(user)).contains(option)) {
                return f;
            }
        }
        throw AuthException.validation("factor", "this account has no second factor '" + option + "'");
    }

    @Override
    public String enrollingUser(String challenge) {
        return enrollment(challenge).userId();
    }

    /** The login waiting for an enrolment under this challenge; see {@link #enrollingUser}. */
    public Enrollment enrollment(String challenge) {
        Live live = live(challenge, ENROLLMENT);
        // An enrolment challenge adds a first factor; it never replaces one (a confirmed TOTP, say) the account has.
        if (hasStepFactor(core.toUser(live.user()))) {
            throw Core.invalidToken();
        }
        return new Enrollment(live.user().id(), live.challenge().hash());
    }

    /** Whether a factor of the user requires a second step (a confirmed TOTP, say). */
    public boolean hasStepFactor(User user) {
        return factors.stream().anyMatch(f -> f.requiresSecondStep(user));
    }

    @Override
    public LoginResult completeEnrollment(String challenge, ClientInfo client) {
        Objects.requireNonNull(client, "client");
        Live live = live(challenge, ENROLLMENT);
        StoredChallenge stored = live.challenge();
        StoredUser user = live.user();
        User view = core.toUser(user);
        String[] data = stored.data().split(" ");
        // Only a factor confirmed under this very challenge ends this login: one enrolled through another login of the
        // account (the owner's, while someone else holds this challenge) does not.
        Factor enrolled = factors.stream()
                .filter(f -> !f.id().equals(data[0]) && f.requiresSecondStep(view)
                        && f.confirmedUnder(view, stored.hash()))
                .findFirst()
                .orElseThrow(() -> AuthException.forbidden("nothing_enrolled",
                        "confirm a second factor before completing the login"));
        if (!challenges.consume(stored.hash(), core.now())) {
            throw Core.invalidToken();
        }
        Set<String> amr = new LinkedHashSet<>(List.of(data).subList(1, data.length));
        amr.addAll(enrolled.amr());
        amr.add("mfa");
        return new LoginResult.Authenticated(start(user, data[0], List.copyOf(amr), client, null, null,
                "enrolled " + enrolled.id()));
    }

    @Override
    public List<EnrolledFactor> enrolled(String userId) {
        Objects.requireNonNull(userId, "userId");
        User view = core.toUser(core.stored(userId));
        List<EnrolledFactor> all = new ArrayList<>();
        factors.forEach(f -> all.addAll(f.enrolled(view)));
        return List.copyOf(all);
    }

    @Override
    public boolean required(String userId) {
        Objects.requireNonNull(userId, "userId");
        return policy.appliesTo(core.stored(userId).roles());
    }

    @Override
    public void reset(String userId, ClientInfo client) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(client, "client");
        StoredUser user = core.stored(userId);
        List<String> removed = core.stores().inTransaction(() ->
                factors.stream().filter(f -> f.reset(userId)).map(Factor::id).toList());
        core.events().emit(AuthEventType.SECOND_FACTORS_RESET, userId, null, null, client, null,
                removed.isEmpty() ? "nothing enrolled" : String.join(" ", removed));
        notice(user, OtpPurpose.SECOND_FACTORS_RESET_NOTICE);
    }

    /** Whether {@code factor} may lose what the user has of it under the policy; else {@code FORBIDDEN}. */
    public void requireRemovable(String userId, Factor factor) {
        StoredUser user = core.stored(userId);
        User view = core.toUser(user);
        if (policy.appliesTo(user.roles()) && !requiresStepBesides(view, factor)) {
            throw AuthException.forbidden("second_factor_required",
                    "a second factor is required for this account; enrol another before removing this one");
        }
    }

    /** Whether a factor other than {@code factor} asks the user for a second step. */
    public boolean requiresStepBesides(User user, Factor factor) {
        return factors.stream().anyMatch(f -> f != factor && f.requiresSecondStep(user));
    }

    /** Sends a notice to each proved contact of the user. */
    public void notice(StoredUser user, OtpPurpose purpose) {
        if (user.email() != null && user.emailVerified()) {
            core.codes().notice(purpose, Contact.Kind.EMAIL, user.email());
        }
        if (user.phone() != null && user.phoneVerified()) {
            core.codes().notice(purpose, Contact.Kind.PHONE, user.phone());
        }
    }

    private Session start(StoredUser user, String passedId, List<String> amr, ClientInfo client, Contact.Kind kind,
                          String destination, String method) {
        Session session = sessions.start(user, amr, client,
                passedId.equals(deviceFactor.id()) ? deviceTokens.apply(user) : null);
        core.events().emit(AuthEventType.LOGIN_SUCCEEDED, user.id(), kind, destination, client, session.sessionId(),
                method);
        return session;
    }

    private record Step(StoredChallenge stored, User user, Factor factor, String passedId, List<String> passedAmr) {
    }

    /** The live second-step challenge and the factor offering {@code option} to its user; else a typed failure. */
    private Step step(String challenge, String option) {
        checkOption(option);
        Live live = live(challenge, SECOND_FACTOR);
        StoredChallenge stored = live.challenge();
        User view = core.toUser(live.user());
        String[] data = stored.data().split(" ");
        Factor passed = factors.stream().filter(f -> f.id().equals(data[0])).findFirst().orElse(null);
        Factor f = offering(view, option, passed == null ? Set.of() : Set.of(passed), false);
        return new Step(stored, view, f, data[0], List.of(data).subList(1, data.length));
    }

    private record Live(StoredChallenge challenge, StoredUser user) {
    }

    /** The live challenge of this purpose and its user, who may still log in; else {@code INVALID_TOKEN}. */
    private Live live(String challenge, String purpose) {
        Inputs.checkChallenge(challenge);
        Instant now = core.now();
        StoredChallenge stored = challenges.find(Secrets.sha256(challenge))
                .filter(c -> purpose.equals(c.purpose()) && c.consumedAt() == null && now.isBefore(c.expiresAt()))
                .orElseThrow(Core::invalidToken);
        // A locked account's owner reaches a second step only through a trusted password check.
        StoredUser user = core.users().findById(stored.userId()).filter(Core::keepsSessions)
                .orElseThrow(Core::invalidToken);
        return new Live(stored, user);
    }
}
