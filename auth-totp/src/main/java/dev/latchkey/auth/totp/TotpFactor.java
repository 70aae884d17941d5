package dev.latchkey.auth.totp;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.factor.EnrolledFactor;
import dev.latchkey.auth.factor.Enrollment;
import dev.latchkey.auth.factor.Factor;
import dev.latchkey.auth.factor.FactorContext;
import dev.latchkey.auth.factor.KeyedCredentials;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.totp.internal.Base32;
import dev.latchkey.auth.totp.internal.CredentialShape;
import dev.latchkey.auth.totp.internal.OtpauthUri;
import dev.latchkey.auth.totp.internal.QrSvg;
import dev.latchkey.auth.totp.internal.TotpCodes;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static dev.latchkey.auth.totp.internal.CredentialShape.binding;

/**
 * Time-based one-time passwords (RFC 6238) from an authenticator app, as a second factor on auth-core's factor SPI:
 * register it with {@code AuthService.newBuilder(config, stores).factor(TotpFactor.create("Acme"))}.
 *
 * <p>{@link #enroll} makes a 160-bit secret, keeps it encrypted (AES-256-GCM under the key-encryption key, bound to
 * the user and the credential) as a pending credential of type {@value #PENDING_CREDENTIAL_TYPE}, and returns it with
 * its {@code otpauth://} URI and QR code. {@link #confirm} turns it into the active credential (type
 * {@value #CREDENTIAL_TYPE}) once the user types a first valid code. From then on every primary login of the user asks
 * for a second step ({@link #requiresSecondStep}), which this factor answers as option {@value #ID}.
 *
 * <p>A code is accepted for the current time step and one on each side (RFC 6238 section 5.2), and each step at most
 * once per user, across every instance sharing the store: the last accepted step is the credential's counter, advanced
 * with {@link dev.latchkey.auth.store.CredentialStore#advanceCounter} so of concurrent submissions of one code exactly
 * one wins. Codes are compared in constant time; an answer of the wrong length or with anything but digits is simply
 * wrong. Successes add {@code otp} to the token's {@code amr} (RFC 8176).
 *
 * <p>Events: {@code TOTP_ENROLLED} when an enrolment is confirmed, {@code TOTP_REMOVED} when one is removed. No
 * secret or code is ever logged, put in an exception or in {@code toString()}. One instance belongs to one
 * {@code AuthService}. Thread-safe.
 */
public final class TotpFactor implements Factor {
    /** The factor's id and its second-step option. */
    public static final String ID = "totp";
    /** The credential type of a confirmed, active TOTP secret. */
    public static final String CREDENTIAL_TYPE = "totp";
    /** The credential type of a secret enrolled but not confirmed yet; it authenticates nothing. */
    public static final String PENDING_CREDENTIAL_TYPE = "totp_pending";
    /** An enrolment was confirmed and TOTP is active for the user (detail: the shape, and whether it replaced one). */
    public static final AuthEventType TOTP_ENROLLED = AuthEventType.of("TOTP_ENROLLED");
    /** The user's TOTP was removed. */
    public static final AuthEventType TOTP_REMOVED = AuthEventType.of("TOTP_REMOVED");

    private static final int SECRET_BYTES = 20;
    private static final Duration PENDING_TTL = Duration.ofMinutes(10);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int CONFIRM_FAILURES_PER_HOUR = 10;
    /** The label of an active TOTP confirmed while a login waited for it, before that login's step id. */
    private static final String ENROLLED_UNDER = "enrolment ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String issuer;
    private final TotpConfig config;
    private final CredentialShape shape;
    private volatile FactorContext context;

    private TotpFactor(String issuer, TotpConfig config) {
        this.issuer = issuer;
        this.config = config;
        this.shape = CredentialShape.of(config);
    }

    /** The factor with every default, for the application called {@code appName} (the issuer apps show). */
    public static TotpFactor create(String appName) {
        return create(appName, TotpConfig.defaults());
    }

    /**
     * The factor with these settings; {@code appName} is the issuer unless {@link TotpConfig#issuer()} names one.
     *
     * @throws IllegalArgumentException when the issuer used is blank, longer than 100 characters, or contains
     *                                  {@code :} or a control character
     */
    public static TotpFactor create(String appName, TotpConfig config) {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(config, "config");
        String issuer = config.issuer().orElseGet(() -> TotpConfig.checkIssuer(appName, "appName"));
        return new TotpFactor(issuer, config);
    }

    /** The settings of new enrolments. */
    public TotpConfig config() {
        return config;
    }

    /** The issuer written into enrolment URIs. */
    public String issuer() {
        return issuer;
    }

    @Override
    public String id() {
        return ID;
    }

    /** {@code ["otp"]}: a one-time password (RFC 8176 section 2). */
    @Override
    public List<String> amr() {
        return List.of("otp");
    }

    /**
     * Binds the factor to its service; a second call (another service) is refused. Fails at once, not at the first
     * enrolment, when the service has no key to encrypt secrets with ({@code AuthConfig}'s {@code masterKey} or
     * {@code keyEncryptionKey}).
     */
    @Override
    public synchronized void bind(FactorContext context) {
        Objects.requireNonNull(context, "context");
        if (this.context != null) {
            throw new IllegalStateException("this TotpFactor already belongs to a service; create one per service");
        }
        context.encrypt(new byte[SECRET_BYTES], "totp\u0000start-up check");
        this.context = context;
    }

    /**
     * Starts an enrolment for the user: a new secret from {@link SecureRandom}, stored encrypted as a pending
     * credential that replaces any pending one. Nothing changes for logins until {@link #confirm}; an active TOTP stays
     * active until the new one is confirmed. The account name in the URI is the user's email, else their phone.
     *
     * @throws AuthException {@link AuthErrorCode#NOT_FOUND} for an unknown user
     */
    public TotpEnrollment enroll(String userId) {
        Objects.requireNonNull(userId, "userId");
        return start(userId);
    }

    /**
     * As {@link #enroll(String)} for the caller, a sensitive operation: the caller must have authenticated recently
     * ({@link dev.latchkey.auth.factor.StepUp}).
     *
     * @throws AuthException {@link AuthErrorCode#INSUFFICIENT_USER_AUTHENTICATION} otherwise
     */
    public TotpEnrollment enroll(VerifiedAccessToken caller) {
        Objects.requireNonNull(caller, "caller");
        context().requireRecent(caller);
        return start(caller.userId());
    }

    private TotpEnrollment start(String userId) {
        FactorContext ctx = context();
        User user = ctx.user(userId).orElseThrow(() -> new AuthException(AuthErrorCode.NOT_FOUND, "no such account"));
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        try {
            String id = UUID.randomUUID().toString();
            ctx.credentials().replaceAll(userId, PENDING_CREDENTIAL_TYPE, List.of(new StoredCredential(id, userId,
                    PENDING_CREDENTIAL_TYPE, null, null, ctx.encrypt(secret, binding(userId, id)), shape.data(), 0,
                    ctx.clock().instant(), null)));
            String base32 = Base32.encode(secret);
            String uri = OtpauthUri.of(issuer, accountName(user), base32, config.algorithm(), config.digits(),
                    config.period());
            return new TotpEnrollment(base32, uri, QrSvg.render(uri));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Confirms the pending enrolment with a first code from the app: it becomes the user's active TOTP (replacing an
     * earlier one), and the step of that code is used up. Emits {@code TOTP_ENROLLED}. An enrolment waits 10 minutes
     * for its confirmation; a user gets at most 10 wrong confirmation codes in any hour.
     *
     * @throws AuthException {@link AuthErrorCode#INVALID_CODE} for a wrong code, {@link AuthErrorCode#NOT_FOUND} when
     *                       no enrolment waits for confirmation (or it expired),
     *                       {@link AuthErrorCode#TOO_MANY_ATTEMPTS} past the wrong codes allowed
     */
    public void confirm(String userId, String code, ClientInfo client) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(client, "client");
        activate(userId, code, client, null);
    }

    /**
     * As {@link #confirm} for a login that a policy stopped at {@code LoginResult.EnrollmentRequired}, whose challenge
     * names the user ({@link #enroll(String)} them with {@code secondSteps().enrollingUser(challenge)} first): the TOTP
     * is recorded as confirmed under that login, and {@code secondSteps().completeEnrollment(challenge, client)} then
     * ends it. Returns the user's id.
     *
     * @throws AuthException as {@link #confirm}, and {@link AuthErrorCode#INVALID_TOKEN} for an unknown, used or
     *                       expired challenge
     */
    public String confirmEnrollment(String challenge, String code, ClientInfo client) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(client, "client");
        Enrollment enrollment = context().enrollment(challenge);
        activate(enrollment.userId(), code, client, enrollment.stepId());
        return enrollment.userId();
    }

    private void activate(String userId, String code, ClientInfo client, String stepId) {
        FactorContext ctx = context();
        String budget = "totp-confirm:" + userId;
        Optional<Instant> refused = ctx.acquire(budget, CONFIRM_FAILURES_PER_HOUR, HOUR);
        if (refused.isPresent()) {
            throw AuthException.tooManyAttempts(refused.get(), "too many wrong TOTP codes; try again later");
        }
        String detail = ctx.inTransaction(() -> {
            StoredCredential pending = newest(ctx.credentials().findByUser(userId, PENDING_CREDENTIAL_TYPE));
            Instant now = ctx.clock().instant();
            if (pending == null || !now.isBefore(pending.createdAt().plus(PENDING_TTL))) {
                throw new AuthException(AuthErrorCode.NOT_FOUND, "no TOTP enrolment waits for confirmation; enrol "
                        + "again");
            }
            CredentialShape enrolled = CredentialShape.parse(pending.data());
            byte[] secret = ctx.decrypt(pending.secret(), binding(userId, pending.id()));
            try {
                long step = TotpCodes.matchingStep(enrolled.algorithm(), secret, enrolled.digits(),
                        TotpCodes.step(now, enrolled.period()), code, pending.counter());
                if (step < 0 || !ctx.credentials().advanceCounter(pending.id(), step, now)) {
                    throw new AuthException(AuthErrorCode.INVALID_CODE, "the code is wrong");
                }
                boolean replaces = !ctx.credentials().findByUser(userId, CREDENTIAL_TYPE).isEmpty();
                String id = UUID.randomUUID().toString();
                StoredCredential active = new StoredCredential(id, userId, CREDENTIAL_TYPE, null,
                        stepId == null ? null : ENROLLED_UNDER + stepId, ctx.encrypt(secret, binding(userId, id)),
                        pending.data(), step, now, now);
                ctx.credentials().replaceAll(userId, PENDING_CREDENTIAL_TYPE, List.of());
                ctx.credentials().replaceAll(userId, CREDENTIAL_TYPE, List.of(active));
                return enrolled.describe() + (replaces ? ", replaced the previous one" : "");
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        });
        ctx.release(budget, HOUR);
        ctx.emit(TOTP_ENROLLED, userId, client, detail);
    }

    /** Whether the user's active TOTP was confirmed under this enrolment step ({@link #confirmEnrollment}). */
    @Override
    public boolean confirmedUnder(User user, String stepId) {
        String label = ENROLLED_UNDER + stepId;
        return context().credentials().findByUser(user.id(), CREDENTIAL_TYPE).stream()
                .anyMatch(c -> label.equals(c.label()));
    }

    /** Whether the user has a confirmed TOTP. */
    public boolean isActive(String userId) {
        Objects.requireNonNull(userId, "userId");
        return !context().credentials().findByUser(userId, CREDENTIAL_TYPE).isEmpty();
    }

    /**
     * Removes the user's TOTP, active and pending, in one transaction; true when an active one went (then
     * {@code TOTP_REMOVED} is emitted). Recovery codes are {@link RecoveryCodeFactor}'s and stay.
     *
     * @throws AuthException {@link AuthErrorCode#FORBIDDEN} (reason {@code second_factor_required}) when the
     *                       second-factor policy requires one of the user and this is their last
     */
    public boolean remove(String userId, ClientInfo client) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(client, "client");
        FactorContext ctx = context();
        if (isActive(userId)) {
            ctx.requireRemovable(userId, this);
        }
        boolean removed = reset(userId);
        if (removed) {
            ctx.emit(TOTP_REMOVED, userId, client, null);
        }
        return removed;
    }

    /**
     * As {@link #remove(String, ClientInfo)} for the caller, a sensitive operation: the caller must have authenticated
     * recently.
     *
     * @throws AuthException {@link AuthErrorCode#INSUFFICIENT_USER_AUTHENTICATION} otherwise, or
     *                       {@link AuthErrorCode#FORBIDDEN} for the last factor under a policy that requires one
     */
    public boolean remove(VerifiedAccessToken caller, ClientInfo client) {
        Objects.requireNonNull(caller, "caller");
        context().requireRecent(caller);
        return remove(caller.userId(), client);
    }

    /** Deletes the user's TOTP, active and pending, in one transaction; true when an active one went. */
    @Override
    public boolean reset(String userId) {
        Objects.requireNonNull(userId, "userId");
        FactorContext ctx = context();
        return ctx.inTransaction(() -> {
            boolean active = !ctx.credentials().findByUser(userId, CREDENTIAL_TYPE).isEmpty();
            ctx.credentials().replaceAll(userId, CREDENTIAL_TYPE, List.of());
            ctx.credentials().replaceAll(userId, PENDING_CREDENTIAL_TYPE, List.of());
            return active;
        });
    }

    /** True: users can enrol TOTP while a login waits for the second factor a policy requires. */
    @Override
    public boolean enrollable() {
        return true;
    }

    /** The user's confirmed TOTP, as type {@value #ID}. */
    @Override
    public List<EnrolledFactor> enrolled(User user) {
        return context().credentials().findByUser(user.id(), CREDENTIAL_TYPE).stream()
                .map(c -> new EnrolledFactor(ID, c.createdAt(), Optional.ofNullable(c.lastUsedAt())))
                .toList();
    }

    /** Digits only; a code of the wrong length is merely wrong. */
    @Override
    public boolean wellFormedAnswer(String option, String answer) {
        return !answer.isEmpty() && answer.length() <= 10 && answer.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** True for a user with a confirmed TOTP: every primary login then needs a second step. */
    @Override
    public boolean requiresSecondStep(User user) {
        return isActive(user.id());
    }

    /** {@code ["totp"]} for a user with a confirmed TOTP, else none. */
    @Override
    public List<String> secondStepOptions(User user) {
        return requiresSecondStep(user) ? List.of(ID) : List.of();
    }

    /**
     * Whether {@code answer} is the code of a step around now that was not accepted before; accepting it uses the
     * step up (atomically, across instances).
     */
    @Override
    public boolean verifySecondStep(User user, String option, String stepId, String answer, ClientInfo client) {
        if (!ID.equals(option) || answer == null) {
            return false;
        }
        FactorContext ctx = context();
        Instant now = ctx.clock().instant();
        for (StoredCredential c : ctx.credentials().findByUser(user.id(), CREDENTIAL_TYPE)) {
            CredentialShape enrolled = CredentialShape.parse(c.data());
            byte[] secret = ctx.decryptCredential(c, binding(user.id(), c.id()));
            try {
                long step = TotpCodes.matchingStep(enrolled.algorithm(), secret, enrolled.digits(),
                        TotpCodes.step(now, enrolled.period()), answer, c.counter());
                if (step >= 0 && ctx.credentials().advanceCounter(c.id(), step, now)) {
                    return true;
                }
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }
        return false;
    }

    /** Active and pending secrets, encrypted: a master-key rotation re-encrypts them (also at their next use). */
    @Override
    public List<KeyedCredentials> keyedCredentials() {
        return List.of(KeyedCredentials.encrypted(CREDENTIAL_TYPE, CredentialShape::binding),
                KeyedCredentials.encrypted(PENDING_CREDENTIAL_TYPE, CredentialShape::binding));
    }

    @Override
    public String toString() {
        return "TotpFactor[issuer=" + issuer + ", " + config + "]";
    }

    private FactorContext context() {
        FactorContext ctx = context;
        if (ctx == null) {
            throw new IllegalStateException("register the factor with AuthService.newBuilder(...).factor(...) first");
        }
        return ctx;
    }

    private static StoredCredential newest(List<StoredCredential> credentials) {
        return credentials.isEmpty() ? null : credentials.get(credentials.size() - 1);
    }

    private static String accountName(User user) {
        return user.email().or(user::phone).orElse(user.id());
    }
}
