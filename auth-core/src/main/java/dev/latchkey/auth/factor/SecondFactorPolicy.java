package dev.latchkey.auth.factor;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who must have a second factor: nobody ({@link #optional()}, the default), everybody ({@link #required()}), or the
 * accounts with any of some roles ({@link #requiredForRoles}). Where it is required and the user has none enrolled, a
 * login ends in {@link dev.latchkey.auth.LoginResult.EnrollmentRequired}, and the last one cannot be removed. Immutable.
 */
public final class SecondFactorPolicy {
    private static final Pattern ROLE = Pattern.compile("^[A-Za-z0-9_.:-]{1,64}$");
    private static final SecondFactorPolicy OPTIONAL = new SecondFactorPolicy(false, Set.of());
    private static final SecondFactorPolicy REQUIRED = new SecondFactorPolicy(true, Set.of());

    private final boolean everyone;
    private final Set<String> roles;

    private SecondFactorPolicy(boolean everyone, Set<String> roles) {
        this.everyone = everyone;
        this.roles = roles;
    }

    /** Second factors are the users' choice. */
    public static SecondFactorPolicy optional() {
        return OPTIONAL;
    }

    /** Every account must have a second factor. */
    public static SecondFactorPolicy required() {
        return REQUIRED;
    }

    /**
     * Accounts with any of {@code roles} must have a second factor.
     *
     * @throws IllegalArgumentException for an empty set or a role not of 1-64 {@code A-Z a-z 0-9 _ . : -}
     */
    public static SecondFactorPolicy requiredForRoles(Set<String> roles) {
        Objects.requireNonNull(roles, "roles");
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("requiredForRoles needs at least one role");
        }
        for (String role : roles) {
            if (role == null || !ROLE.matcher(role).matches()) {
                throw new IllegalArgumentException("roles are 1-64 of A-Z a-z 0-9 _ . : -");
            }
        }
        return new SecondFactorPolicy(false, Set.copyOf(new TreeSet<>(roles)));
    }

    /**
     * The policy written as {@code optional}, {@code required} or {@code roles:admin,ops} (the example app's
     * {@code AUTH_MFA_POLICY}).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static SecondFactorPolicy parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("optional")) {
            return OPTIONAL;
        }
        if (t.equals("required")) {
            return REQUIRED;
        }
        if (t.startsWith("roles:")) {
            Set<String> roles = new TreeSet<>();
            for (String role : text.trim().substring("roles:".length()).split(",", -1)) {
                roles.add(role.trim());
            }
            return requiredForRoles(roles);
        }
        throw new IllegalArgumentException("a second-factor policy is optional, required or roles:<role>,<role>");
    }

    /** Whether an account with these roles must have a second factor. */
    public boolean appliesTo(Set<String> userRoles) {
        Objects.requireNonNull(userRoles, "userRoles");
        return everyone || userRoles.stream().anyMatch(roles::contains);
    }

    /** Whether this policy ever requires a second factor. */
    public boolean requiresAny() {
        return everyone || !roles.isEmpty();
    }

    /** The policy in {@link #parse} form. */
    @Override
    public String toString() {
        return everyone ? "required" : roles.isEmpty() ? "optional" : "roles:" + String.join(",", new TreeSet<>(roles));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecondFactorPolicy p && p.everyone == everyone && p.roles.equals(roles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(everyone, roles);
    }
}
