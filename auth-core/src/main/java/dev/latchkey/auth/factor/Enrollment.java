package dev.latchkey.auth.factor;

import java.util.Objects;

/**
 * A login waiting for the enrolment a policy requires, as a factor sees it: the account to enrol, and the opaque id of
 * the step, which the factor records with what it confirms (see {@link Factor#confirmedUnder}) so that only this login
 * ends with it.
 */
public record Enrollment(String userId, String stepId) {
    /** Checks the fields. */
    public Enrollment {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(stepId, "stepId");
    }
}
