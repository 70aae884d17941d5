package dev.latchkey.auth.factor;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.User;

import java.util.List;

/**
 * A way to authenticate, added to the service as a unit: it brings its own flows (its own API object), its data (in
 * the {@link dev.latchkey.auth.store.CredentialStore} under its own credential types, or in stores of its own), its
 * events ({@link dev.latchkey.auth.AuthEventType#of}), and its settings (its constructor's). The core never names a
 * factor: password and one-time codes are factors on this interface too.
 *
 * <p>A factor is registered with {@link dev.latchkey.auth.AuthService.Builder#factor(Factor)}; the builder calls
 * {@link #bind(FactorContext)} once, before the service is used. A factor that can be a second step says so with
 * {@link #secondStepOptions(User)}; one that makes a second step mandatory once enrolled (TOTP, a passkey) says so with
 * {@link #requiresSecondStep(User)}, and one a user can enrol when the {@link SecondFactorPolicy} requires it says so
 * with {@link #enrollable()}. A factor that logs users in on its own (a passkey) ends its ceremony with
 * {@link FactorContext#completePrimary}, so the second step applies to it like to any other first factor.
 */
public interface Factor {
    /** The factor's stable id, 1-32 of {@code a-z 0-9 _ -}, e.g. {@code password}. */
    String id();

    /** What a success with this factor adds to a token's {@code amr} (RFC 8176), e.g. {@code ["pwd"]}. */
    List<String> amr();

    /** Hands the factor what it works with; called once by the service's builder. */
    void bind(FactorContext context);

    /**
     * The second-step options this factor offers this user (usually the factor's id; a code factor offers
     * {@code sms} and {@code email} by the proved contacts); empty when it offers none, the default.
     */
    default List<String> secondStepOptions(User user) {
        return List.of();
    }

    /** Whether this factor, enrolled and confirmed, makes a second step required for this user; default false. */
    default boolean requiresSecondStep(User user) {
        return false;
    }

    /** What a success with one of its second-step options adds to {@code amr}; by default {@link #amr()}. */
    default List<String> amr(String option) {
        return amr();
    }

    /**
     * Prepares a second step with one of this factor's options, e.g. sends a code; by default there is nothing to
     * prepare. {@code stepId} names this step (a login's challenge, or a session's re-authentication) opaquely and is
     * the same when it is answered: what is sent for one step must not answer another. For a login's second step it is
     * the challenge's {@link dev.latchkey.auth.store.StoredChallenge#hash()} (base64url SHA-256 of the challenge), so a
     * factor may use the challenge itself (a passkey's WebAuthn challenge) and recognise it.
     */
    default void prepareSecondStep(User user, String option, String stepId, ClientInfo client) {
    }

    /**
     * Checks an answer to a second step with one of this factor's options; true when it is right. The core counts
     * attempts and makes the step single use; a factor with replayable answers (a TOTP step) must itself accept each
     * answer once. Called inside a transaction that is rolled back when the step cannot be used up after all.
     */
    default boolean verifySecondStep(User user, String option, String stepId, String answer, ClientInfo client) {
        return false;
    }

    /**
     * Whether {@code answer} has the shape of an answer for {@code option} at all (a TOTP code is digits): one that has
     * not is refused as {@link dev.latchkey.auth.AuthErrorCode#VALIDATION_FAILED} (field {@code code}) before anything
     * is counted or looked up. Default: any shape.
     */
    default boolean wellFormedAnswer(String option, String answer) {
        return true;
    }

    /**
     * The options with which this user may re-authenticate a session for a sensitive operation
     * ({@link StepUp#reauthenticate(dev.latchkey.auth.VerifiedAccessToken, String, String, ClientInfo)}); by default
     * {@link #secondStepOptions}.
     */
    default List<String> reauthenticationOptions(User user) {
        return secondStepOptions(user);
    }

    /**
     * Whether a user can enrol this factor while a login waits for it
     * ({@link dev.latchkey.auth.LoginResult.EnrollmentRequired}); such a factor must then
     * {@link #requiresSecondStep} once confirmed. Default false.
     */
    default boolean enrollable() {
        return false;
    }

    /**
     * Whether the user confirmed this factor while the login with enrolment step {@code stepId} waited for it
     * ({@link FactorContext#enrollment}); only then does {@link SecondSteps#completeEnrollment} end that login with it.
     * Default false.
     */
    default boolean confirmedUnder(User user, String stepId) {
        return false;
    }

    /**
     * Called once a second step (or a re-authentication) answered with this factor's {@code option} was committed:
     * for what must happen only then, such as a notice. Default: nothing.
     */
    default void afterSecondStep(User user, String option, ClientInfo client) {
    }

    /** What of this factor the user has enrolled and confirmed, for listing; default none. */
    default List<EnrolledFactor> enrolled(User user) {
        return List.of();
    }

    /**
     * Removes everything of this factor the user has (an administrator's reset, inside one transaction with the other
     * factors'); true when there was anything. Default: nothing to remove.
     */
    default boolean reset(String userId) {
        return false;
    }

    /**
     * The credential types of this factor whose secrets are made under the master key (encrypted or keyed hashes
     * from the {@link FactorContext}), so that master-key rotation counts and rewrites them; default none.
     */
    default List<KeyedCredentials> keyedCredentials() {
        return List.of();
    }
}
