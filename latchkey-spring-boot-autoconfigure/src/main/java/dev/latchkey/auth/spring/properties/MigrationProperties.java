package dev.latchkey.auth.spring.properties;

/** Latchkey's schema migrations ({@code latchkey.migrations.*}). */
public class MigrationProperties {
    /**
     * Whether start-up applies Latchkey's own migrations to the DataSource; when false, start-up only checks that none
     * is pending and fails if one is.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
