package dev.latchkey.auth.metrics;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.password.LoginLimits;
import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.testkit.RecordingOtpProvider;
import dev.latchkey.auth.testkit.TestClock;
import dev.latchkey.auth.testkit.memory.InMemoryAuthStores;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The meters count what a real service over the in-memory stores does. */
class LatchkeyMetricsTest {
    private static final byte[] KEY = "metrics test master key, 32 bytes!!".getBytes(StandardCharsets.US_ASCII);
    private static final ClientInfo CLIENT = ClientInfo.of("203.0.113.9", "JUnit");
    private static final String PASSWORD = "correct horse battery staple";
    private static final String EMAIL = "metrics@example.com";

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingOtpProvider outbox = RecordingOtpProvider.create();
    private final LatchkeyMetrics metrics = LatchkeyMetrics.create();
    private final AuthService auth = service();

    private AuthService service() {
        metrics.bindTo(registry);
        AuthConfig config = AuthConfig.newBuilder().issuer("https://auth.test").audience("metrics-api")
                .masterKey(KEY).clock(new TestClock(Instant.parse("2026-12-01T10:00:00Z")))
                .passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build())
                .loginLimits(LoginLimits.newBuilder().failuresBeforeDelay(3).build())
                .build();
        return AuthService.newBuilder(config, InMemoryAuthStores.create()).otpProvider(outbox)
                .eventListener(metrics).passwordHashTimer(metrics).build();
    }

    @Test
    void bindTo_registersEveryFixedSeriesAtZero() {
        assertThat(count(LatchkeyMetrics.LOGINS, "outcome", "succeeded")).isZero();
        assertThat(count(LatchkeyMetrics.CODES, "channel", "sms", "outcome", "delivery_failed")).isZero();
        assertThat(count(LatchkeyMetrics.REFRESHES, "outcome", "reuse_detected")).isZero();
        assertThat(count(LatchkeyMetrics.THROTTLED, "limit", "lockout")).isZero();
    }

    @Test
    void logins_areCountedByOutcome_andHashingIsTimed() {
        register();
        auth.passwords().login(Contact.email(EMAIL), PASSWORD, CLIENT);
        assertThatThrownBy(() -> auth.passwords().login(Contact.email(EMAIL), "wrong password here", CLIENT))
                .isInstanceOf(AuthException.class);

        assertThat(count(LatchkeyMetrics.LOGINS, "outcome", "succeeded")).isEqualTo(1);
        assertThat(count(LatchkeyMetrics.LOGINS, "outcome", "failed")).isEqualTo(1);
        assertThat(registry.get(LatchkeyMetrics.HASHING).tags("algorithm", "bcrypt", "operation", "hash").timer()
                .count()).isEqualTo(1);
        assertThat(registry.get(LatchkeyMetrics.HASHING).tags("algorithm", "bcrypt", "operation", "verify").timer()
                .count()).isEqualTo(2);
    }

    @Test
    void aThrottledLogin_countsAsALoginOutcomeAndARefusal() {
        register();
        for (int i = 0; i < 4; i++) { // three slots, then the delay gate lets one more through
            assertThatThrownBy(() -> auth.passwords().login(Contact.email(EMAIL), "wrong password here", CLIENT))
                    .isInstanceOf(AuthException.class);
        }
        assertThatThrownBy(() -> auth.passwords().login(Contact.email(EMAIL), PASSWORD, CLIENT))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS));

        assertThat(count(LatchkeyMetrics.LOGINS, "outcome", "throttled")).isEqualTo(1);
        assertThat(count(LatchkeyMetrics.THROTTLED, "limit", "login")).isEqualTo(1);
    }

    @Test
    void refreshes_andReuse_areCounted() {
        register();
        Session first = auth.passwords().login(Contact.email(EMAIL), PASSWORD, CLIENT).sessionOrThrow();
        auth.sessions().refresh(first.refreshToken(), CLIENT);
        assertThatThrownBy(() -> auth.sessions().refresh(first.refreshToken(), CLIENT))
                .isInstanceOf(AuthException.class);

        assertThat(count(LatchkeyMetrics.REFRESHES, "outcome", "refreshed")).isEqualTo(1);
        assertThat(count(LatchkeyMetrics.REFRESHES, "outcome", "reuse_detected")).isEqualTo(1);
    }

    @Test
    void codes_areCountedByChannel() {
        register();
        auth.passwords().requestReset(Contact.email(EMAIL), CLIENT);
        auth.passwords().requestReset(Contact.email("nobody@example.com"), CLIENT);

        assertThat(count(LatchkeyMetrics.CODES, "channel", "email", "outcome", "sent")).isEqualTo(1);
        assertThat(count(LatchkeyMetrics.CODES, "channel", "email", "outcome", "not_sent")).isEqualTo(1);
        assertThat(count(LatchkeyMetrics.CODES, "channel", "sms", "outcome", "sent")).isZero();
    }

    @Test
    void tags_holdNoUserOrDestination() {
        register();
        auth.passwords().login(Contact.email(EMAIL), PASSWORD, CLIENT);
        auth.passwords().requestReset(Contact.email(EMAIL), CLIENT);

        assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags().toString())
                .doesNotContain("metrics@", "203.0.113.9", "***"));
    }

    @Test
    void aTimerThatThrows_neverFailsALogin() {
        AuthConfig config = AuthConfig.newBuilder().issuer("https://auth.test").audience("metrics-api")
                .masterKey(KEY).passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build()).build();
        AuthService failing = AuthService.newBuilder(config, InMemoryAuthStores.create())
                .passwordHashTimer((algorithm, operation, elapsed) -> {
                    throw new IllegalStateException("metrics backend down");
                }).build();
        failing.accounts().register(Registration.newBuilder().email(EMAIL).password(PASSWORD).build());

        assertThat(failing.passwords().login(Contact.email(EMAIL), PASSWORD, CLIENT).sessionOrThrow().accessToken())
                .isNotBlank();
    }

    private void register() {
        auth.accounts().register(Registration.newBuilder().email(EMAIL).password(PASSWORD).build());
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }
}
