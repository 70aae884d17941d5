package dev.latchkey.auth.spring;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code delivery from {@code latchkey.delivery.smtp.*} reaches a real SMTP server (GreenMail on loopback), and the
 * master key can come from the environment variable {@code LATCHKEY_MASTER_KEY}.
 */
class CodeDeliveryPropertiesTest {
    private GreenMail smtp;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void smtpProperties_sendAResetCodeByEmail_withTheAppNameAsSender() throws Exception {
        Contexts.withDatabase().withPropertyValues(Contexts.FAST, "latchkey.app-name=Acme",
                        "latchkey.delivery.smtp.host=127.0.0.1", "latchkey.delivery.smtp.tls=none",
                        "latchkey.delivery.smtp.port=" + smtp.getSmtp().getPort(),
                        "latchkey.delivery.smtp.from=auth@acme.test")
                .run(context -> {
                    AuthService auth = context.getBean(AuthService.class);
                    auth.accounts().register(Registration.newBuilder().email("ada@example.com")
                            .password("correct horse battery staple").build());
                    auth.passwords().requestReset(Contact.email("ada@example.com"),
                            ClientInfo.of("127.0.0.1", "JUnit"));

                    assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
                    MimeMessage message = smtp.getReceivedMessages()[0];
                    assertThat(message.getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
                    assertThat(message.getFrom()[0].toString()).contains("Acme").contains("auth@acme.test");
                });
    }

    @Test
    void theMasterKey_comesFromTheEnvironmentVariable() {
        Contexts.bare().withUserConfiguration(Contexts.H2.class)
                .withPropertyValues("latchkey.issuer=https://auth.example.test", "latchkey.audience=test-api")
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("environment",
                                Map.of("LATCHKEY_MASTER_KEY", Contexts.MASTER_KEY))))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(AuthService.class));
    }
}
