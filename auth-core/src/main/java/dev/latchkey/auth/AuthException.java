package dev.latchkey.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one unchecked exception Latchkey throws for expected failures and infrastructure failures alike.
 *
 * <p>Switch on {@link #code()}; the message is for humans and may change. Messages never contain passwords, codes,
 * tokens, hashes or credentials. Wrong use of the API (a null argument, an invalid configuration) throws the usual
 * {@link NullPointerException} (naming the argument) or {@link IllegalArgumentException} instead; the one exception
 * is a token string (access token, refresh token, challenge), which arrives from clients: null or blank, it is
 * {@link AuthErrorCode#INVALID_TOKEN} like any other bad token (and logging out with one does nothing).
 */
public final class AuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final AuthErrorCode code;
    private final String field;
    private final String reason;
    private final Instant retryAfter;
    private final Duration maxAge;

    private AuthException(AuthErrorCode code, String message, String field, String reason, Instant retryAfter,
                          Throwable cause) {
        this(code, message, field, reason, retryAfter, null, cause);
    }

    private AuthException(AuthErrorCode code, String message, String field, String reason, Instant retryAfter,
                          Duration maxAge, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
        this.reason = reason;
        this.retryAfter = retryAfter;
        this.maxAge = maxAge;
    }

    /** An exception with a code and a human-readable message. */
    public AuthException(AuthErrorCode code, String message) {
        this(code, message, null, null, null, null);
    }

    /** An exception with a code, a message and the lower-level cause it wraps. */
    public AuthException(AuthErrorCode code, String message, Throwable cause) {
        this(code, message, null, null, null, cause);
    }

    /** {@link AuthErrorCode#VALIDATION_FAILED} naming the offending input field. */
    public static AuthException validation(String field, String message) {
        return new AuthException(AuthErrorCode.VALIDATION_FAILED, message, Objects.requireNonNull(field, "field"),
                null, null, null);
    }

    /** {@link AuthErrorCode#WEAK_PASSWORD} with a stable snake_case reason such as {@code too_short}. */
    public static AuthException weakPassword(String reason, String message) {
        return new AuthException(AuthErrorCode.WEAK_PASSWORD, message, "password",
                Objects.requireNonNull(reason, "reason"), null, null);
    }

    /**
     * {@link AuthErrorCode#INSUFFICIENT_USER_AUTHENTICATION}: the caller must have authenticated within {@code maxAge}
     * (what a web layer puts in {@code WWW-Authenticate}'s {@code max_age}).
     */
    public static AuthException insufficientAuthentication(Duration maxAge, String message) {
        return new AuthException(AuthErrorCode.INSUFFICIENT_USER_AUTHENTICATION, message, null, null, null,
                Objects.requireNonNull(maxAge, "maxAge"), null);
    }

    /** {@link AuthErrorCode#TOO_MANY_ATTEMPTS}, retryable at {@code retryAfter}. */
    public static AuthException tooManyAttempts(Instant retryAfter, String message) {
        return new AuthException(AuthErrorCode.TOO_MANY_ATTEMPTS, message, null, null,
                Objects.requireNonNull(retryAfter, "retryAfter"), null);
    }

    /** {@link AuthErrorCode#FORBIDDEN} with a stable snake_case reason such as {@code second_factor_required}. */
    public static AuthException forbidden(String reason, String message) {
        return new AuthException(AuthErrorCode.FORBIDDEN, message, null, Objects.requireNonNull(reason, "reason"), null,
                null);
    }

    /** {@link AuthErrorCode#INVALID_CREDENTIAL} with a stable snake_case reason such as {@code origin}. */
    public static AuthException invalidCredential(String reason, String message) {
        return new AuthException(AuthErrorCode.INVALID_CREDENTIAL, message, null, Objects.requireNonNull(reason,
                "reason"), null, null);
    }

    /** {@link AuthErrorCode#DELIVERY_FAILED} with a stable snake_case reason such as {@code invalid_destination}. */
    public static AuthException deliveryFailed(String reason, String message, Throwable cause) {
        return new AuthException(AuthErrorCode.DELIVERY_FAILED, message, null, Objects.requireNonNull(reason, "reason"),
                null, cause);
    }

    /** {@link AuthErrorCode#STORE_UNAVAILABLE} wrapping the store's own failure. */
    public static AuthException storeUnavailable(String message, Throwable cause) {
        return new AuthException(AuthErrorCode.STORE_UNAVAILABLE, message, cause);
    }

    /** The stable error code. */
    public AuthErrorCode code() {
        return code;
    }

    /** The input field at fault, for validation and password errors. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /**
     * A stable snake_case refinement of the code: for {@link AuthErrorCode#WEAK_PASSWORD} one of {@code too_short},
     * {@code too_long}, {@code common}, {@code context}, {@code control_characters}; for
     * {@link AuthErrorCode#DELIVERY_FAILED} one of
     * {@code invalid_destination}, {@code credentials_rejected}, {@code unavailable}, {@code timeout},
     * {@code rejected}, {@code unsupported_channel}; for {@link AuthErrorCode#INVALID_CREDENTIAL} the passkey check
     * that failed (see auth-webauthn); for {@link AuthErrorCode#FORBIDDEN} such as {@code second_factor_required}.
     */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /**
     * For {@link AuthErrorCode#TOO_MANY_ATTEMPTS}: a time from which a retry is not refused by the same limit. It may be
     * a little later than strictly needed (a send cooldown reports its full length), never earlier.
     */
    public Optional<Instant> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** For {@link AuthErrorCode#INSUFFICIENT_USER_AUTHENTICATION}: how recent the caller's authentication must be. */
    public Optional<Duration> maxAge() {
        return Optional.ofNullable(maxAge);
    }

    /**
     * For {@link AuthErrorCode#TOO_MANY_ATTEMPTS}: {@link #retryAfter()} as whole seconds from {@code clock}'s now,
     * rounded up and at least 1, the form of an HTTP {@code Retry-After} header (RFC 9110 section 10.2.3); empty for
     * other codes. Pass the service's clock ({@link AuthConfig#clock()}). The seconds are measured when you ask, not
     * when the exception was made, so a handler that runs later (or a test that moved its clock) still gets the true
     * wait; never less than 1, since the attempt was just refused.
     */
    public OptionalLong retryAfterSeconds(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (retryAfter == null) {
            return OptionalLong.empty();
        }
        Duration wait = Duration.between(clock.instant(), retryAfter);
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return OptionalLong.of(Math.max(1, seconds));
    }
}
