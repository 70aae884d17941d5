package dev.latchkey.auth.spring.internal;

import dev.latchkey.auth.spring.LatchkeyPropertyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up's report for a bad {@code latchkey.*} property: which one, why, and what to do. */
public final class LatchkeyPropertyFailureAnalyzer extends AbstractFailureAnalyzer<LatchkeyPropertyException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LatchkeyPropertyException cause) {
        return new FailureAnalysis("Latchkey cannot start: the property '" + cause.property() + "' " + cause.reason(),
                "Set '" + cause.property() + "' correctly in application.properties or the environment (the "
                + "latchkey.* properties are listed, with their defaults, in the README of "
                + "latchkey-spring-boot-autoconfigure).", cause);
    }
}
