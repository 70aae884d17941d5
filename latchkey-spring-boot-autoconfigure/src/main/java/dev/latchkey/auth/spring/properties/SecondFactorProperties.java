package dev.latchkey.auth.spring.properties;

import java.time.Duration;

/** Who must have a second factor, and step-up ({@code latchkey.second-factors.*}). */
public class SecondFactorProperties {
    /** optional, required, or roles:admin,ops (required for accounts with one of those roles). */
    private String policy = "optional";
    /** How recent authentication must be for sensitive operations. */
    private Duration reauthenticationMaxAge = Duration.ofMinutes(10);

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public Duration getReauthenticationMaxAge() {
        return reauthenticationMaxAge;
    }

    public void setReauthenticationMaxAge(Duration reauthenticationMaxAge) {
        this.reauthenticationMaxAge = reauthenticationMaxAge;
    }
}
