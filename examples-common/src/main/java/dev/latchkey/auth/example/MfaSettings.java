package dev.latchkey.auth.example;

import dev.latchkey.auth.factor.SecondFactorConfig;
import dev.latchkey.auth.factor.SecondFactorPolicy;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The second-factor settings: {@code AUTH_MFA_POLICY} (who must have a second factor) and {@code AUTH_REAUTH_MAX_AGE}
 * (how recent authentication must be, in seconds, for sensitive routes).
 *
 * @param policy       {@code AUTH_MFA_POLICY}: {@code optional} (the default), {@code required}, or
 *                     {@code roles:admin,ops} (required for accounts with any of those roles)
 * @param reauthMaxAge {@code AUTH_REAUTH_MAX_AGE}: 60 to 86400 seconds, default 600
 */
public record MfaSettings(SecondFactorPolicy policy, Duration reauthMaxAge) {
    /** The default of {@code AUTH_REAUTH_MAX_AGE}, in seconds. */
    static final long DEFAULT_REAUTH_MAX_AGE_SECONDS = 600;
    private static final long MIN_REAUTH_MAX_AGE_SECONDS = 60;
    private static final long MAX_REAUTH_MAX_AGE_SECONDS = 86_400;

    /** Checks the fields. */
    public MfaSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reauthMaxAge, "reauthMaxAge");
    }

    /**
     * Reads both variables from {@code env}.
     *
     * @throws StartupException naming the variable with a bad value
     */
    static MfaSettings fromEnvironment(Map<String, String> env) {
        return new MfaSettings(policy(Settings.value(env, "AUTH_MFA_POLICY")),
                reauthMaxAge(Settings.value(env, "AUTH_REAUTH_MAX_AGE")));
    }

    /** The core configuration these settings stand for. */
    SecondFactorConfig config() {
        return SecondFactorConfig.newBuilder().policy(policy).reauthenticationMaxAge(reauthMaxAge).build();
    }

    private static SecondFactorPolicy policy(String raw) {
        if (raw == null) {
            return SecondFactorPolicy.optional();
        }
        try {
            return SecondFactorPolicy.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new StartupException("AUTH_MFA_POLICY must be optional (the default), required, or roles: followed "
                    + "by comma-separated roles such as roles:admin,ops; got '" + Settings.printable(raw) + "'");
        }
    }

    private static Duration reauthMaxAge(String raw) {
        if (raw == null) {
            return Duration.ofSeconds(DEFAULT_REAUTH_MAX_AGE_SECONDS);
        }
        long seconds;
        try {
            seconds = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < MIN_REAUTH_MAX_AGE_SECONDS || seconds > MAX_REAUTH_MAX_AGE_SECONDS) {
            throw new StartupException("AUTH_REAUTH_MAX_AGE must be a number of seconds from "
                    + MIN_REAUTH_MAX_AGE_SECONDS + " to " + MAX_REAUTH_MAX_AGE_SECONDS + " (default "
                    + DEFAULT_REAUTH_MAX_AGE_SECONDS + "); got '" + Settings.printable(raw) + "'");
        }
        return Duration.ofSeconds(seconds);
    }
}
