package dev.latchkey.auth.spring;

import java.util.Objects;

/**
 * A {@code latchkey.*} property is missing or invalid: start-up stops with this, and the failure report names the
 * property and says why. The message never holds a secret's value.
 */
public final class LatchkeyPropertyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String property;
    private final String reason;

    /** The property at fault, as written in {@code application.properties}, and why. */
    public LatchkeyPropertyException(String property, String reason, Throwable cause) {
        super(Objects.requireNonNull(property, "property") + ": " + Objects.requireNonNull(reason, "reason"), cause);
        this.property = property;
        this.reason = reason;
    }

    /** The property at fault, such as {@code latchkey.master-key}. */
    public String property() {
        return property;
    }

    /** Why it was refused. */
    public String reason() {
        return reason;
    }
}
