package dev.latchkey.auth.example;

import dev.latchkey.auth.code.CodeConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the settings of code delivery from the environment: SMTP for email ({@code AUTH_SMTP_*}) and Twilio for SMS
 * ({@code AUTH_TWILIO_*}), each checked as a whole, with a {@link StartupException} naming the first bad variable.
 * {@link Settings} holds what this returns.
 */
public final class DeliverySettings {
    /** Twilio's REST API, the default of {@code AUTH_TWILIO_BASE_URL}. */
    static final URI TWILIO_API = URI.create("https://api.twilio.com");

    private static final List<String> SMTP_VARIABLES = List.of("AUTH_SMTP_PORT", "AUTH_SMTP_USERNAME",
            "AUTH_SMTP_PASSWORD", "AUTH_SMTP_TLS", "AUTH_SMTP_FROM");

    private DeliverySettings() {
    }

    /** The one-time-code settings of either host for these settings, still open for changes. */
    public static CodeConfig.Builder codes(Settings settings) {
        CodeConfig.Builder codes = CodeConfig.newBuilder()
                // The first login by code to a new phone (or email) creates the account: sign-up by code alone.
                .loginCreatesAccounts(true)
                // Codes by email log in too; this gives up NIST AAL2 for login codes (see the README).
                .allowLoginCodesByEmail();
        if (settings.smtp().isEmpty() && settings.twilio().isEmpty()) {
            // Every code goes to the in-memory mock, so there is no SMS bill for the per-address cap to protect;
            // a local client or test suite on one address may ask for many codes. Real providers keep the default.
            codes.sendsPerAddressPerHour(10_000);
        }
        return codes;
    }

    /** SMTP delivery from {@code AUTH_SMTP_*}, or null when {@code AUTH_SMTP_HOST} is unset. */
    static Settings.Smtp smtp(Map<String, String> env) {
        String host = Settings.value(env, "AUTH_SMTP_HOST");
        if (host == null) {
            for (String name : SMTP_VARIABLES) {
                if (Settings.value(env, name) != null) {
                    throw new StartupException("AUTH_SMTP_HOST is required when " + name + " is set");
                }
            }
            return null;
        }
        String tlsRaw = Settings.value(env, "AUTH_SMTP_TLS");
        Settings.SmtpTls tls = Settings.SmtpTls.STARTTLS;
        if (tlsRaw != null) {
            tls = switch (tlsRaw.toLowerCase(Locale.ROOT)) {
                case "none" -> Settings.SmtpTls.NONE;
                case "starttls" -> Settings.SmtpTls.STARTTLS;
                case "smtps" -> Settings.SmtpTls.SMTPS;
                default -> throw new StartupException("AUTH_SMTP_TLS must be one of none, starttls, smtps; got '"
                        + Settings.printable(tlsRaw) + "'");
            };
        }
        String portRaw = Settings.value(env, "AUTH_SMTP_PORT");
        Optional<Integer> port = portRaw == null ? Optional.empty()
                : Optional.of(Settings.portNumber("AUTH_SMTP_PORT", portRaw, 1));
        String username = Settings.value(env, "AUTH_SMTP_USERNAME");
        String password = env.get("AUTH_SMTP_PASSWORD") == null || env.get("AUTH_SMTP_PASSWORD").isEmpty()
                ? null : env.get("AUTH_SMTP_PASSWORD");
        if (username != null && password == null) {
            throw new StartupException("AUTH_SMTP_PASSWORD is required when AUTH_SMTP_USERNAME is set");
        }
        if (password != null && username == null) {
            throw new StartupException("AUTH_SMTP_USERNAME is required when AUTH_SMTP_PASSWORD is set");
        }
        String from = Settings.value(env, "AUTH_SMTP_FROM");
        if (from == null) {
            throw new StartupException("AUTH_SMTP_FROM is required when AUTH_SMTP_HOST is set (the sender address)");
        }
        return new Settings.Smtp(host, port, tls, Optional.ofNullable(username), Optional.ofNullable(password), from);
    }

    /** Twilio delivery from {@code AUTH_TWILIO_*}, or null when none of its credentials is set. */
    static Settings.Twilio twilio(Map<String, String> env) {
        String sid = Settings.value(env, "AUTH_TWILIO_ACCOUNT_SID");
        String token = Settings.value(env, "AUTH_TWILIO_AUTH_TOKEN");
        String from = Settings.value(env, "AUTH_TWILIO_FROM");
        String base = Settings.value(env, "AUTH_TWILIO_BASE_URL");
        if (sid == null && token == null && from == null) {
            if (base != null) {
                throw new StartupException("AUTH_TWILIO_ACCOUNT_SID is required when AUTH_TWILIO_BASE_URL is set");
            }
            return null;
        }
        if (sid == null) {
            throw new StartupException("AUTH_TWILIO_ACCOUNT_SID is required when any AUTH_TWILIO_* is set");
        }
        if (token == null) {
            throw new StartupException("AUTH_TWILIO_AUTH_TOKEN is required when AUTH_TWILIO_ACCOUNT_SID is set");
        }
        if (from == null) {
            throw new StartupException("AUTH_TWILIO_FROM is required when AUTH_TWILIO_ACCOUNT_SID is set (the sending "
                    + "number in E.164 form)");
        }
        URI baseUrl = TWILIO_API;
        if (base != null) {
            try {
                baseUrl = new URI(base);
            } catch (URISyntaxException e) {
                throw new StartupException("AUTH_TWILIO_BASE_URL is not a valid URL: '" + Settings.printable(base)
                        + "'");
            }
        }
        return new Settings.Twilio(sid, token, from, baseUrl);
    }
}
