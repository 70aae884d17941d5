package dev.latchkey.auth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a primary login (password, login code, registration completion) ends in: a session, a second step the user
 * must pass first, or, where the policy requires a second factor and the user has none, an enrolment. With no second
 * factor enrolled and the default policy, it is always {@link Authenticated}.
 *
 * <pre>{@code
 * LoginResult result = auth.passwords().login(contact, password, client);
 * if (result instanceof LoginResult.SecondFactorRequired step) {
 *     askFor(step.factors(), step.challenge());
 * } else {
 *     respond(result.sessionOrThrow());
 * }
 * }</pre>
 */
public sealed interface LoginResult permits LoginResult.Authenticated, LoginResult.SecondFactorRequired,
        LoginResult.EnrollmentRequired {

    /** The session, when this result is {@link Authenticated}; otherwise {@link AuthErrorCode#INVALID_CREDENTIALS}. */
    default Session sessionOrThrow() {
        if (this instanceof Authenticated a) {
            return a.session();
        }
        throw new AuthException(AuthErrorCode.INVALID_CREDENTIALS, "a second factor is required");
    }

    /** The user is logged in. */
    record Authenticated(Session session) implements LoginResult {
        /** Checks the session. */
        public Authenticated {
            Objects.requireNonNull(session, "session");
        }
    }

    /**
     * The first factor passed and a second is required. Answer the opaque, single-use {@code challenge} with one of
     * {@code factors} through {@link dev.latchkey.auth.factor.SecondSteps#complete}; it expires at {@code expiresAt}
     * (5 minutes) and is bound to the user and the factor already passed.
     */
    record SecondFactorRequired(String challenge, List<String> factors, Instant expiresAt) implements LoginResult {
        /** Checks and copies the fields. */
        public SecondFactorRequired {
            Objects.requireNonNull(challenge, "challenge");
            Objects.requireNonNull(expiresAt, "expiresAt");
            factors = List.copyOf(factors);
        }

        /** Leaves the challenge out. */
        @Override
        public String toString() {
            return "SecondFactorRequired[factors=" + factors + ", expiresAt=" + expiresAt + ", challenge=****]";
        }
    }

    /**
     * The first factor passed, the {@link dev.latchkey.auth.factor.SecondFactorPolicy} requires a second factor, and
     * the user has none. The opaque, single-use {@code challenge} allows only enrolling one of {@code factors} for
     * its user ({@link dev.latchkey.auth.factor.SecondSteps#enrollingUser}); once one is confirmed,
     * {@link dev.latchkey.auth.factor.SecondSteps#completeEnrollment} ends the login. It expires at {@code expiresAt}.
     */
    record EnrollmentRequired(String challenge, List<String> factors, Instant expiresAt) implements LoginResult {
        /** Checks and copies the fields. */
        public EnrollmentRequired {
            Objects.requireNonNull(challenge, "challenge");
            Objects.requireNonNull(expiresAt, "expiresAt");
            factors = List.copyOf(factors);
        }

        /** Leaves the challenge out. */
        @Override
        public String toString() {
            return "EnrollmentRequired[factors=" + factors + ", expiresAt=" + expiresAt + ", challenge=****]";
        }
    }
}
