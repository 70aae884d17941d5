package dev.latchkey.auth.factor;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One second factor a user has enrolled, as listed by {@link SecondSteps#enrolled}: its type (e.g. {@code totp}),
 * when it was enrolled and when it last answered a step. Holds nothing secret.
 */
public record EnrolledFactor(String type, Instant createdAt, Optional<Instant> lastUsedAt) {
    /** Checks the fields. */
    public EnrolledFactor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }
}
