package dev.latchkey.auth.example;

import dev.latchkey.auth.OtpProvider;
import dev.latchkey.auth.otp.EmailOtpProvider;
import dev.latchkey.auth.otp.MockOtpProvider;
import dev.latchkey.auth.otp.OtpRouter;
import dev.latchkey.auth.otp.SmsOtpProvider;

import java.util.Map;

/**
 * How the example apps (Javalin and Spring) deliver one-time codes: the mock while neither SMTP nor Twilio is configured, else SMTP for email
 * and Twilio for SMS. A provider that refuses its settings stops start-up naming the environment variable at fault.
 */
public final class CodeDelivery {
    private static final String NOT_OFFERED = "%s not offered (%s not set; its code requests answer 502 "
            + "delivery_failed, reason unsupported_channel)";

    private CodeDelivery() {
    }

    /** The mock when {@code mock} is not null, else a router over SMTP and Twilio as configured. */
    public static OtpProvider provider(Settings settings, MockOtpProvider mock) {
        if (mock != null) {
            return mock;
        }
        OtpRouter.Builder router = OtpRouter.newBuilder();
        settings.smtp().ifPresent(smtp -> router.email(emailProvider(smtp)));
        settings.twilio().ifPresent(twilio -> router.phone(smsProvider(twilio)));
        return router.build();
    }

    /**
     * What the start-up log says about delivery, as {@link #provider} arranged it: the mock for both channels, or each
     * channel by its real provider or not offered at all (its code requests answer 502 {@code delivery_failed}).
     */
    public static String describe(Settings settings) {
        if (settings.smtp().isEmpty() && settings.twilio().isEmpty()) {
            return "code delivery: email and SMS by the in-memory mock";
        }
        return "code delivery: " + (settings.smtp().isPresent() ? "email by SMTP" : NOT_OFFERED.formatted("email",
                "AUTH_SMTP_HOST is")) + "; " + (settings.twilio().isPresent() ? "SMS by Twilio"
                : NOT_OFFERED.formatted("SMS", "AUTH_TWILIO_* are"));
    }

    private static EmailOtpProvider emailProvider(Settings.Smtp smtp) {
        try {
            EmailOtpProvider.Builder b = EmailOtpProvider.newBuilder()
                    .host(smtp.host())
                    .tls(switch (smtp.tls()) {
                        case NONE -> EmailOtpProvider.TlsMode.NONE;
                        case STARTTLS -> EmailOtpProvider.TlsMode.STARTTLS_REQUIRED;
                        case SMTPS -> EmailOtpProvider.TlsMode.IMPLICIT;
                    })
                    .from(smtp.from(), Settings.APP_NAME);
            smtp.port().ifPresent(b::port);
            smtp.username().ifPresent(b::username);
            smtp.password().ifPresent(b::password);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new StartupException(variable(e.getMessage(), Map.of("host", "AUTH_SMTP_HOST", "port",
                    "AUTH_SMTP_PORT", "username", "AUTH_SMTP_USERNAME", "password", "AUTH_SMTP_PASSWORD", "from",
                    "AUTH_SMTP_FROM", "sslSocketFactory", "AUTH_SMTP_TLS"), "AUTH_SMTP_HOST") + ": " + e.getMessage(),
                    e);
        }
    }

    private static SmsOtpProvider smsProvider(Settings.Twilio twilio) {
        try {
            return SmsOtpProvider.newBuilder()
                    .accountSid(twilio.accountSid())
                    .authToken(twilio.authToken())
                    .from(twilio.from())
                    .baseUrl(twilio.baseUrl())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new StartupException(variable(e.getMessage(), Map.of("accountSid", "AUTH_TWILIO_ACCOUNT_SID",
                    "authToken", "AUTH_TWILIO_AUTH_TOKEN", "from", "AUTH_TWILIO_FROM", "baseUrl",
                    "AUTH_TWILIO_BASE_URL"), "AUTH_TWILIO_ACCOUNT_SID") + ": " + e.getMessage(), e);
        }
    }

    /** The environment variable behind a builder's message, which starts with the builder's setting name. */
    private static String variable(String message, Map<String, String> names, String fallback) {
        String first = message == null ? "" : message.split("[\\s:]", 2)[0];
        return names.getOrDefault(first, fallback);
    }
}
