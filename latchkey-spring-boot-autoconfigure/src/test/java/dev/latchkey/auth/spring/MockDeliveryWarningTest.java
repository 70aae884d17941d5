package dev.latchkey.auth.spring;

import dev.latchkey.auth.OtpProvider;
import dev.latchkey.auth.otp.MockOtpProvider;
import dev.latchkey.auth.testkit.CapturedLogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "mock with a loud warning": while no {@code latchkey.delivery.*} provider is set, start-up logs a boxed
 * warning that codes reach no one, once; with real delivery, or a host's own provider, it does not.
 */
class MockDeliveryWarningTest {
    private static final String BOX = "* LATCHKEY MOCK CODE DELIVERY: email and SMS codes are NOT sent to anyone.";

    @BeforeEach
    @AfterEach
    void clearLogs() {
        CapturedLogs.clear();
    }

    @Test
    void noDeliveryProperties_logTheBoxedWarningOnce() {
        List<String> lines = startupLines(Contexts.withDatabase());

        assertThat(lines).filteredOn(l -> l.contains("MOCK CODE DELIVERY")).containsExactly(BOX);
        assertThat(lines).contains("* For development and tests only: set latchkey.delivery.smtp.* or");
    }

    @Test
    void smtpDelivery_logsNoMockWarning() {
        List<String> lines = startupLines(Contexts.withDatabase().withPropertyValues(
                "latchkey.delivery.smtp.host=127.0.0.1", "latchkey.delivery.smtp.tls=none",
                "latchkey.delivery.smtp.from=auth@example.test"));

        assertThat(lines).noneMatch(l -> l.contains("MOCK CODE DELIVERY"));
        assertThat(lines).contains("Latchkey code delivery: email by SMTP, SMS not offered");
    }

    @Test
    void theHostsOwnProvider_logsNoMockWarning() {
        List<String> lines = startupLines(Contexts.withDatabase().withBean(OtpProvider.class,
                MockOtpProvider::create));

        assertThat(lines).noneMatch(l -> l.contains("MOCK CODE DELIVERY"));
    }

    private static List<String> startupLines(ApplicationContextRunner runner) {
        CapturedLogs.clear();
        runner.run(context -> assertThat(context).hasNotFailed());
        return CapturedLogs.latchkeyLines().stream().map(CapturedLogs.Line::text).toList();
    }
}
