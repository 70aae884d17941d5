package dev.latchkey.auth.example;

import dev.latchkey.auth.webauthn.PasskeyConfig;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The passkey (WebAuthn) settings: {@code AUTH_WEBAUTHN_RP_ID}, {@code AUTH_WEBAUTHN_RP_NAME} and
 * {@code AUTH_WEBAUTHN_ORIGINS}.
 *
 * @param config the relying party they describe
 */
public record PasskeySettings(PasskeyConfig config) {
    /** Checks the field. */
    public PasskeySettings {
        Objects.requireNonNull(config, "config");
    }

    /**
     * Reads the variables from {@code env}: the RP id defaults to {@code localhost}, the name to the app's, the
     * origins (comma-separated) to {@code http://localhost:<port>}.
     *
     * @throws StartupException naming the variable with a bad value
     */
    static PasskeySettings fromEnvironment(Map<String, String> env, int port) {
        String rpId = orDefault(Settings.value(env, "AUTH_WEBAUTHN_RP_ID"), "localhost");
        String rpName = orDefault(Settings.value(env, "AUTH_WEBAUTHN_RP_NAME"), Settings.APP_NAME);
        String raw = Settings.value(env, "AUTH_WEBAUTHN_ORIGINS");
        List<String> origins = raw == null ? List.of("http://localhost:" + port)
                : Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        try {
            return new PasskeySettings(PasskeyConfig.newBuilder(rpId, rpName).origins(origins).build());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "invalid" : e.getMessage();
            String variable = message.startsWith("rpId") ? "AUTH_WEBAUTHN_RP_ID"
                    : message.startsWith("rpName") ? "AUTH_WEBAUTHN_RP_NAME" : "AUTH_WEBAUTHN_ORIGINS";
            throw new StartupException(variable + ": " + Settings.printable(message));
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
