package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.password.LoginLimits;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.jdbc.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.latchkey.auth.jdbc.flows.AbuseResistanceTest.codeOf;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-address limits count one client once, however its address is written: loopback as 127.0.0.1 or ::1 or
 * ::ffff:127.0.0.1, and an IPv6 client rotating inside its /64 (hardening item 9).
 */
class PerAddressLimitsTest {
    private static final List<String> LOOPBACK_SPELLINGS = List.of("127.0.0.1", "::1", "::ffff:127.0.0.1",
            "0:0:0:0:0:0:0:1");

    @Test
    void failedLoginsFromEverySpellingOfLoopback_spendOneAddressBudget() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.loginLimits(LoginLimits.newBuilder().failuresPerAddress(12).build()))) {
            for (int i = 0; i < 12; i++) {
                ClientInfo client = ClientInfo.of(LOOPBACK_SPELLINGS.get(i % 4), "bot");
                int n = i;
                assertThat(codeOf(() -> fx.auth.passwords().login(Contact.email("victim" + n + "@example.com"), "guess guess 1",
                        client).sessionOrThrow())).isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
            }
            for (String spelling : LOOPBACK_SPELLINGS) {
                assertThat(codeOf(() -> fx.auth.passwords().login(Contact.email("victim99@example.com"), "guess guess 1",
                        ClientInfo.of(spelling, "bot")).sessionOrThrow())).as(spelling).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
            }
        }
    }

    @Test
    void failedLoginsRotatingThroughOneSlash64_spendOneAddressBudget() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.loginLimits(LoginLimits.newBuilder().failuresPerAddress(12).build()))) {
            for (int i = 0; i < 12; i++) {
                ClientInfo client = ClientInfo.of("2001:db8:7:9:" + Integer.toHexString(i + 1) + "::" + (i + 7), "bot");
                int n = i;
                assertThat(codeOf(() -> fx.auth.passwords().login(Contact.email("victim" + n + "@example.com"), "guess guess 1",
                        client).sessionOrThrow())).isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
            }
            assertThat(codeOf(() -> fx.auth.passwords().login(Contact.email("victim99@example.com"), "guess guess 1",
                    ClientInfo.of("2001:db8:7:9:dead:beef:0:1", "bot")).sessionOrThrow())).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(codeOf(() -> fx.auth.passwords().login(Contact.email("victim99@example.com"), "guess guess 1",
                    ClientInfo.of("2001:db8:7:a::1", "bot")).sessionOrThrow())).as("the next /64 has its own budget")
                    .isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
        }
    }

    @Test
    void codeSendsFromEverySpellingOfLoopback_spendOneAddressSendCap() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2,
                b -> b.codes(CodeConfig.newBuilder().loginCreatesAccounts(true).sendsPerAddressPerHour(4).build()))) {
            for (int i = 0; i < 4; i++) {
                fx.auth.loginCodes().send(Contact.phone("+1415555" + (4000 + i)), ClientInfo.of(LOOPBACK_SPELLINGS.get(i),
                        "bot"));
            }
            for (String spelling : LOOPBACK_SPELLINGS) {
                assertCode(() -> fx.auth.loginCodes().send(Contact.phone("+14155554999"), ClientInfo.of(spelling, "bot")),
                        AuthErrorCode.TOO_MANY_ATTEMPTS);
            }
            assertThat(fx.outbox.all()).hasSize(4);
        }
    }

    @Test
    void auditEvents_showTheAddressAsTheHostGaveIt() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            List<AuthEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            var auth = dev.latchkey.auth.AuthService.newBuilder(fx.configBuilder().build(), fx.stores)
                    .otpProvider(fx.outbox).eventListener(events::add).build();

            codeOf(() -> auth.passwords().login(Contact.email("nobody@example.com"), "guess guess 1",
                    ClientInfo.of("2001:db8:7:9::42", "bot")).sessionOrThrow());

            assertThat(events).extracting(AuthEvent::clientAddress).contains("2001:db8:7:9::42");
        }
    }
}
