package dev.latchkey.auth.spring.internal;

import dev.latchkey.auth.OtpProvider;
import dev.latchkey.auth.otp.EmailOtpProvider;
import dev.latchkey.auth.otp.MockOtpProvider;
import dev.latchkey.auth.otp.OtpRouter;
import dev.latchkey.auth.otp.SmsOtpProvider;
import dev.latchkey.auth.spring.LatchkeyPropertyException;
import dev.latchkey.auth.spring.properties.DeliveryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The code delivery {@code latchkey.delivery.*} describes: SMTP for email when {@code smtp.host} is set, Twilio for
 * SMS when {@code twilio.account-sid} is set (a channel without its provider is not offered), and while neither is
 * set the in-memory mock, announced by a loud warning. A provider that refuses its settings stops start-up naming the
 * property.
 */
public final class CodeDeliveryFactory {
    private static final Logger log = LoggerFactory.getLogger(CodeDeliveryFactory.class);

    private CodeDeliveryFactory() {
    }

    /** Whether these settings leave every channel to the mock. */
    public static boolean mock(DeliveryProperties p) {
        return blank(p.getSmtp().getHost()) && blank(p.getTwilio().getAccountSid());
    }

    /** The provider; {@code appName} is the sender's display name of emails. */
    public static OtpProvider provider(DeliveryProperties p, String appName) {
        if (mock(p)) {
            warnMock();
            return MockOtpProvider.create();
        }
        OtpRouter.Builder router = OtpRouter.newBuilder();
        if (!blank(p.getSmtp().getHost())) {
            router.email(named("latchkey.delivery.smtp.", () -> email(p.getSmtp(), appName)));
        }
        if (!blank(p.getTwilio().getAccountSid())) {
            router.phone(named("latchkey.delivery.twilio.", () -> sms(p.getTwilio())));
        }
        log.info("Latchkey code delivery: email {}, SMS {}", blank(p.getSmtp().getHost()) ? "not offered" : "by SMTP",
                blank(p.getTwilio().getAccountSid()) ? "not offered" : "by Twilio");
        return router.build();
    }

    private static EmailOtpProvider email(DeliveryProperties.Smtp smtp, String appName) {
        EmailOtpProvider.Builder b = EmailOtpProvider.newBuilder().host(smtp.getHost()).tls(smtp.getTls());
        if (smtp.getFrom() == null) {
            throw new IllegalArgumentException("from is required with the host");
        }
        b.from(smtp.getFrom(), appName);
        if (smtp.getPort() != null) {
            b.port(smtp.getPort());
        }
        if (smtp.getUsername() != null) {
            b.username(smtp.getUsername());
        }
        if (smtp.getPassword() != null) {
            b.password(smtp.getPassword());
        }
        return b.build();
    }

    private static SmsOtpProvider sms(DeliveryProperties.Twilio twilio) {
        SmsOtpProvider.Builder b = SmsOtpProvider.newBuilder().accountSid(twilio.getAccountSid())
                .baseUrl(twilio.getBaseUrl());
        if (twilio.getAuthToken() != null) {
            b.authToken(twilio.getAuthToken());
        }
        if (twilio.getFrom() != null) {
            b.from(twilio.getFrom());
        }
        return b.build();
    }

    /** Builds a provider, naming {@code prefix + the builder's setting} when it refuses. */
    private static <T> T named(String prefix, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            String message = e.getMessage() == null ? "is invalid" : e.getMessage();
            String setting = message.split("[\\s:(]", 2)[0];
            String name = setting.equals("sslSocketFactory") ? "tls" : AuthConfigFactory.kebab(setting);
            String reason = message.substring(setting.length()).trim();
            throw new LatchkeyPropertyException(prefix + name, reason.isEmpty() ? "is invalid" : reason, e);
        }
    }

    private static void warnMock() {
        log.warn("");
        log.warn("************************************************************************************");
        log.warn("* LATCHKEY MOCK CODE DELIVERY: email and SMS codes are NOT sent to anyone.");
        log.warn("* They are kept in memory (the MockOtpProvider bean's outbox).");
        log.warn("* For development and tests only: set latchkey.delivery.smtp.* or");
        log.warn("* latchkey.delivery.twilio.* for real delivery.");
        log.warn("************************************************************************************");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
