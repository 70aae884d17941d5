package dev.latchkey.auth.spring.properties;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Defaults of new accounts ({@code latchkey.accounts.*}). */
public class AccountProperties {
    /** Roles of every new account. */
    private Set<String> defaultRoles = new LinkedHashSet<>(List.of("user"));
    /**
     * The region (ISO 3166 code, e.g. US) of phone numbers typed without +; none by default, so every number needs its
     * country code.
     */
    private String defaultPhoneRegion;

    public Set<String> getDefaultRoles() {
        return defaultRoles;
    }

    public void setDefaultRoles(Set<String> defaultRoles) {
        this.defaultRoles = defaultRoles;
    }

    public String getDefaultPhoneRegion() {
        return defaultPhoneRegion;
    }

    public void setDefaultPhoneRegion(String defaultPhoneRegion) {
        this.defaultPhoneRegion = defaultPhoneRegion;
    }
}
