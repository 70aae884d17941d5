package dev.latchkey.auth.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.auth.example.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/** With AUTH_SMTP_* set, email codes go by SMTP (to GreenMail here) and the flows complete with them. */
class SmtpDeliveryTest {
    @TempDir
    Path dataDir;

    private GreenMail mail;
    private ExampleApp app;
    private Api api;

    @BeforeEach
    void start() {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        Map<String, String> env = Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_MASTER_KEY", Base64.getEncoder().encodeToString("example-app test master key, 32B".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                "AUTH_DB_URL", "jdbc:h2:mem:smtp-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "AUTH_SMTP_HOST", "127.0.0.1",
                "AUTH_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()),
                "AUTH_SMTP_TLS", "none",
                "AUTH_SMTP_FROM", "no-reply@example.com");
        app = ExampleApp.start(Settings.fromEnvironment(env));
        api = new Api(app.port());
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        mail.stop();
    }

    @Test
    void registration_codeArrivesBySmtp_andVerifies() throws Exception {
        String email = "smtp-user@example.com";

        api.post("/api/auth/register", EndToEndContract.credentials(email, EndToEndContract.PASSWORD)).ok(202);

        assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage message = mail.getReceivedMessages()[0];
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo(email);
        assertThat(message.getFrom()[0].toString()).contains("no-reply@example.com");
        String code = Api.codeIn(GreenMailUtil.getBody(message));
        JsonNode tokens = api.post("/api/auth/register/verify", "{\"email\":" + quote(email) + ",\"code\":"
                + quote(code) + "}").ok(200);
        EndToEndContract.assertTokenResponse(tokens);
        assertThat(tokens.path("user").path("email_verified").asBoolean()).isTrue();
        api.get("/dev/outbox?to=" + email).problem(404, "not_found");
        api.post("/api/auth/otp/send", "{\"phone\":\"+14155552671\"}").problem(502, "delivery_failed");
    }

    @Test
    void passwordReset_codeArrivesBySmtp_andResets() throws Exception {
        String email = "smtp-reset@example.com";
        app.authService().accounts().register(dev.latchkey.auth.Registration.newBuilder().email(email)
                .password(EndToEndContract.PASSWORD).build());

        api.post("/api/auth/password/forgot", "{\"email\":" + quote(email) + "}").ok(202);

        assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
        String code = Api.codeIn(GreenMailUtil.getBody(mail.getReceivedMessages()[0]));
        assertThat(api.post("/api/auth/password/reset", "{\"email\":" + quote(email) + ",\"code\":" + quote(code)
                + ",\"new_password\":" + quote(EndToEndContract.NEW_PASSWORD) + "}").status()).isEqualTo(204);
        api.post("/api/auth/login", EndToEndContract.credentials(email, EndToEndContract.NEW_PASSWORD)).ok(200);
    }
}
