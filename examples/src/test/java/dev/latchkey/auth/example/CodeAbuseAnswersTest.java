package dev.latchkey.auth.example;

import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.otp.MockOtpProvider;
import dev.latchkey.auth.password.PasswordConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static dev.latchkey.auth.example.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over HTTP: a code that cannot be delivered answers 202 like a delivered one where the answer must not tell whether
 * an account exists (hardening item 15), while a contact change, whose destination the caller chose, still answers
 * 502; contact-change codes are capped per account and per client address (hardening item 7); and wrong codes are
 * capped per client address (hardening item 6).
 */
class CodeAbuseAnswersTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String LANDLINE = "+14155552671";

    @TempDir
    Path dataDir;

    private ExampleApp app;
    private Api api;
    private MockOtpProvider mock;

    private void start(UnaryOperator<dev.latchkey.auth.code.CodeConfig.Builder> codes) {
        Settings settings = Settings.fromEnvironment(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_DB_URL", "jdbc:h2:mem:abuse-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        app = ExampleApp.start(settings, config -> config
                .passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build())
                .codes(codes.apply(ExampleApp.codes(settings)).build()));
        api = new Api(app.port());
        mock = app.mockOtpProvider().orElseThrow();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private void account(String email, String phone) {
        Registration.Builder r = Registration.newBuilder().password(PASSWORD);
        if (email != null) {
            r.email(email);
        }
        if (phone != null) {
            r.phone(phone);
        }
        app.authService().accounts().register(r.build());
    }

    private String accessToken(String email) {
        return api.post("/api/auth/login", "{\"email\":" + quote(email) + ",\"password\":" + quote(PASSWORD) + "}")
                .ok(200).path("access_token").asText();
    }

    private long deliveryFailures(Instant since) {
        return app.auditLog().count(AuthEventType.CODE_DELIVERY_FAILED, since);
    }

    @Test
    void forgotPasswordForAnAccountsLandline_answers202ByteForByteLikeANumberWithoutAccount() {
        start(c -> c);
        account(null, LANDLINE);
        Instant since = Instant.now().minusSeconds(5);
        mock.failNextDeliveries(1, "invalid_destination");

        Api.Reply landline = api.post("/api/auth/password/forgot", "{\"phone\":" + quote(LANDLINE) + "}");
        Api.Reply unknown = api.post("/api/auth/password/forgot", "{\"phone\":\"+14155552699\"}");

        landline.ok(202);
        assertThat(landline.body()).isEqualTo(unknown.body());
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(deliveryFailures(since)).isEqualTo(1);
    }

    @Test
    void loginCodeToAnAccountsLandline_answers202() {
        start(c -> c);
        account(null, LANDLINE);
        mock.failNextDeliveries(1, "invalid_destination");

        Api.Reply landline = api.post("/api/auth/otp/send", "{\"phone\":" + quote(LANDLINE) + "}");

        landline.ok(202);
        assertThat(landline.body()).isEqualTo(api.post("/api/auth/otp/send", "{\"phone\":\"+14155552699\"}").body());
    }

    @Test
    void registrationWhoseCodeCannotBeDelivered_answers202LikeATakenEmail() {
        start(c -> c);
        account("taken@example.com", null);
        mock.failNextDeliveries(1, "invalid_destination");

        Api.Reply undeliverable = api.post("/api/auth/register", "{\"email\":\"gone@example.com\",\"password\":"
                + quote(PASSWORD) + "}");
        Api.Reply taken = api.post("/api/auth/register", "{\"email\":\"taken@example.com\",\"password\":"
                + quote(PASSWORD) + "}");

        undeliverable.ok(202);
        assertThat(undeliverable.body()).isEqualTo(taken.body());
    }

    @Test
    void wrongCodesFromOneAddressForManyPhones_answer429WithRetryAfter() {
        start(c -> c.failuresPerAddressPerHour(5));
        for (int i = 0; i < 5; i++) {
            api.post("/api/auth/otp/verify", "{\"phone\":\"+1415555" + (8200 + i) + "\",\"code\":\"000000\"}")
                    .problem(401, "invalid_code");
        }

        Api.Reply refused = api.post("/api/auth/otp/verify", "{\"phone\":\"+14155558299\",\"code\":\"000000\"}");

        refused.problem(429, "too_many_attempts");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(3600L, 4500L);
    }

    @Test
    void contactChangeToALandline_stillAnswers502ToTheCallerWhoChoseIt() {
        start(c -> c);
        account("owner@example.com", null);
        String token = accessToken("owner@example.com");
        mock.failNextDeliveries(1, "invalid_destination");

        api.post("/api/profile/phone", "{\"phone\":" + quote(LANDLINE) + "}", token).problem(502, "delivery_failed");
    }

    @Test
    void sixthContactChangeCodeOfAnAccountInAnHour_answers429() {
        start(c -> c);
        account("pumper@example.com", null);
        String token = accessToken("pumper@example.com");
        for (int i = 0; i < 5; i++) {
            api.post("/api/profile/phone", "{\"phone\":\"+1415555" + (8000 + i) + "\"}", token).ok(202);
        }

        Api.Reply sixth = api.post("/api/profile/phone", "{\"phone\":\"+14155558005\"}", token);

        sixth.problem(429, "too_many_attempts");
        assertThat(sixth.header("Retry-After")).isNotBlank();
        assertThat(mock.messages("+14155558005")).isEmpty();
    }

    @Test
    void contactChangeCodes_countAgainstTheClientAddressSendCap() {
        start(c -> c.sendsPerAddressPerHour(3));
        account("first@example.com", null);
        account("second@example.com", null);
        String first = accessToken("first@example.com");
        String second = accessToken("second@example.com");
        api.post("/api/profile/phone", "{\"phone\":\"+14155558100\"}", first).ok(202);
        api.post("/api/profile/email", "{\"email\":\"first.new@example.com\"}", first).ok(202);
        api.post("/api/profile/phone", "{\"phone\":\"+14155558101\"}", second).ok(202);

        api.post("/api/profile/phone", "{\"phone\":\"+14155558102\"}", second).problem(429, "too_many_attempts");
    }
}
