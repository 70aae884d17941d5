package dev.latchkey.auth.example;

import dev.latchkey.auth.webauthn.PasskeyConfig;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The passkey (WebAuthn) settings: {@code AUTH_WEBAUTHN_RP_ID}, {@code AUTH_WEBAUTHN_RP_NAME},
 * {@code AUTH_WEBAUTHN_ORIGINS}, and the per-address limits of the sign-in routes
 * {@code AUTH_WEBAUTHN_OPTIONS_PER_ADDRESS_PER_HOUR} (default 300) and
 * {@code AUTH_WEBAUTHN_FAILURES_PER_ADDRESS_PER_HOUR} (default 30).
 *
 * @param config the relying party they describe
 */
public record PasskeySettings(PasskeyConfig config) {
    /** Checks the field. */
    public PasskeySettings {
        Objects.requireNonNull(config, "config");
    }

    /** The variable of the per-address budget of login options. */
    static final String OPTIONS_PER_HOUR = "AUTH_WEBAUTHN_OPTIONS_PER_ADDRESS_PER_HOUR";
    /** The variable of the per-address budget of refused passkey logins. */
    static final String FAILURES_PER_HOUR = "AUTH_WEBAUTHN_FAILURES_PER_ADDRESS_PER_HOUR";

    /**
     * Reads the variables from {@code env}: the RP id defaults to {@code localhost}, the name to the app's, the
     * origins (comma-separated) to {@code http://localhost:<port>}, the limits to {@link PasskeyConfig}'s.
     *
     * @throws StartupException naming the variable with a bad value
     */
    static PasskeySettings fromEnvironment(Map<String, String> env, int port) {
        String rpId = orDefault(Settings.value(env, "AUTH_WEBAUTHN_RP_ID"), "localhost");
        String rpName = orDefault(Settings.value(env, "AUTH_WEBAUTHN_RP_NAME"), Settings.APP_NAME);
        String raw = Settings.value(env, "AUTH_WEBAUTHN_ORIGINS");
        List<String> origins = raw == null ? List.of("http://localhost:" + port)
                : Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        int optionsPerHour = limit(env, OPTIONS_PER_HOUR, PasskeyConfig.DEFAULT_LOGIN_OPTIONS_PER_ADDRESS_PER_HOUR);
        int failuresPerHour = limit(env, FAILURES_PER_HOUR, PasskeyConfig.DEFAULT_LOGIN_FAILURES_PER_ADDRESS_PER_HOUR);
        try {
            return new PasskeySettings(PasskeyConfig.newBuilder(rpId, rpName).origins(origins)
                    .loginOptionsPerAddressPerHour(optionsPerHour).loginFailuresPerAddressPerHour(failuresPerHour)
                    .build());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "invalid" : e.getMessage();
            String variable = message.startsWith("rpId") ? "AUTH_WEBAUTHN_RP_ID"
                    : message.startsWith("rpName") ? "AUTH_WEBAUTHN_RP_NAME" : "AUTH_WEBAUTHN_ORIGINS";
            throw new StartupException(variable + ": " + Settings.printable(message));
        }
    }

    /** A whole number from 1 to {@link PasskeyConfig#MAX_PER_ADDRESS_PER_HOUR}, else start-up fails naming it. */
    private static int limit(Map<String, String> env, String variable, int fallback) {
        String raw = Settings.value(env, variable);
        if (raw == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1 || value > PasskeyConfig.MAX_PER_ADDRESS_PER_HOUR) {
            throw new StartupException(variable + " must be a whole number from 1 to "
                    + PasskeyConfig.MAX_PER_ADDRESS_PER_HOUR + " (default " + fallback + "); got '"
                    + Settings.printable(raw) + "'");
        }
        return value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
