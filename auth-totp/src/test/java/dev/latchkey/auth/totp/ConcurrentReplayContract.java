package dev.latchkey.auth.totp;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.testkit.contract.Concurrently;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.latchkey.auth.totp.TotpFixture.CLIENT;
import static dev.latchkey.auth.totp.TotpFixture.assertCode;
import static dev.latchkey.auth.totp.TotpFixture.challenge;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TOTP step and a recovery code are each accepted once (security bar item 33): of 20 second steps answered at the
 * same moment with one valid code, each with its own challenge, exactly one gets a session and the others
 * {@code invalid_code}. Subclasses say over which stores, and through which service instances.
 */
abstract class ConcurrentReplayContract {
    static final int SUBMISSIONS = 20;

    /** The application, with the user's factors registered. */
    protected abstract TotpFixture fixture();

    /** The service instance that takes submission {@code i}. */
    protected abstract AuthService instance(int i);

    @Test
    void twentyConcurrentSubmissionsOfOneTotpCode_giveExactlyOneSession() throws Exception {
        TotpFixture fx = fixture();
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        String code = fx.code(ann.enrollment());
        List<String> challenges = challenges(fx);
        long sessions = Concurrently.countTrue(SUBMISSIONS, i -> answer(i, challenges.get(i), "totp", code));
        assertThat(sessions).isEqualTo(1);
    }

    @Test
    void twentyConcurrentUsesOfOneRecoveryCode_giveExactlyOneSession() throws Exception {
        TotpFixture fx = fixture();
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        String code = fx.recovery.regenerate(ann.user().id(), CLIENT).get(0);
        List<String> challenges = challenges(fx);
        long sessions = Concurrently.countTrue(SUBMISSIONS, i -> answer(i, challenges.get(i), "recovery_code", code));
        assertThat(sessions).isEqualTo(1);
        assertThat(fx.recovery.remaining(ann.user().id())).isEqualTo(9);
    }

    @Test
    void aCodeAcceptedOnOneInstance_isRefusedOnTheOther() {
        TotpFixture fx = fixture();
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        String totpCode = fx.code(ann.enrollment());
        String recoveryCode = fx.recovery.regenerate(ann.user().id(), CLIENT).get(0);
        AuthService first = instance(0);
        AuthService second = instance(1);
        first.secondSteps().complete(challenge(TotpFixture.passwordLogin(first, "ann@example.com")), "totp",
                totpCode, CLIENT).sessionOrThrow();
        first.secondSteps().complete(challenge(TotpFixture.passwordLogin(first, "ann@example.com")),
                "recovery_code", recoveryCode, CLIENT).sessionOrThrow();
        String there = challenge(TotpFixture.passwordLogin(second, "ann@example.com"));
        assertCode(() -> second.secondSteps().complete(there, "totp", totpCode, CLIENT), AuthErrorCode.INVALID_CODE);
        assertCode(() -> second.secondSteps().complete(there, "recovery_code", recoveryCode, CLIENT),
                AuthErrorCode.INVALID_CODE);
    }

    /** One challenge per submission, each from a password login on the instance that will answer it. */
    private List<String> challenges(TotpFixture fx) {
        List<String> challenges = new ArrayList<>();
        for (int i = 0; i < SUBMISSIONS; i++) {
            challenges.add(challenge(TotpFixture.passwordLogin(instance(i), "ann@example.com")));
        }
        return challenges;
    }

    /**
     * True for a session; false for {@code invalid_code}, or for {@code too_many_attempts} once the user's budget of
     * wrong answers across challenges is spent; anything else fails the test.
     */
    private boolean answer(int i, String challenge, String factor, String code) {
        try {
            instance(i).secondSteps().complete(challenge, factor, code, CLIENT).sessionOrThrow();
            return true;
        } catch (AuthException e) {
            if (e.code() != AuthErrorCode.INVALID_CODE && e.code() != AuthErrorCode.TOO_MANY_ATTEMPTS) {
                throw e;
            }
            return false;
        }
    }
}
