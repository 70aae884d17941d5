package dev.latchkey.auth.flows;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.testkit.RecordingOtpProvider;
import dev.latchkey.auth.testkit.TestClock;
import dev.latchkey.auth.testkit.memory.InMemoryAuthStores;
import org.assertj.core.api.ThrowableAssert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One application's auth stack over the in-memory stores: the service flows tested without a database. A movable
 * clock, a recording OTP provider, and {@link #secondInstance()}: another service over the same data, as a second app
 * instance would be.
 */
final class MemoryFixture {
    static final byte[] MASTER_KEY = "test master key, 32 bytes or more!!".getBytes(StandardCharsets.US_ASCII);
    static final ClientInfo CLIENT = ClientInfo.of("203.0.113.7", "JUnit");
    static final String PASSWORD = "correct horse battery staple";

    final TestClock clock = new TestClock(Instant.parse("2026-11-22T10:00:00Z"));
    final RecordingOtpProvider outbox = RecordingOtpProvider.create();
    final InMemoryAuthStores stores = InMemoryAuthStores.create();
    private final UnaryOperator<AuthConfig.Builder> tweaks;
    private final UnaryOperator<AuthService.Builder> serviceTweaks;
    final AuthService auth;

    MemoryFixture() {
        this(b -> b, b -> b);
    }

    MemoryFixture(UnaryOperator<AuthConfig.Builder> tweaks, UnaryOperator<AuthService.Builder> serviceTweaks) {
        this.tweaks = tweaks;
        this.serviceTweaks = serviceTweaks;
        this.auth = newService(stores);
    }

    AuthConfig.Builder configBuilder() {
        return tweaks.apply(AuthConfig.newBuilder().issuer("https://auth.test").audience("test-api").appName("Acme")
                .masterKey(MASTER_KEY).passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build())
                .clock(clock));
    }

    private AuthService newService(InMemoryAuthStores over) {
        return serviceTweaks.apply(AuthService.newBuilder(configBuilder().build(), over).otpProvider(outbox)).build();
    }

    /** Another app instance over the same data, clock and outbox. */
    AuthService secondInstance() {
        return newService(stores.anotherInstance());
    }

    User registerEmail(String email) {
        return auth.accounts().register(Registration.newBuilder().email(email).password(PASSWORD).build());
    }

    Session loginEmail(String email) {
        return auth.passwords().login(Contact.email(email), PASSWORD, CLIENT).sessionOrThrow();
    }

    String latestCode(String destination) {
        return outbox.lastCode(destination);
    }

    /** Asserts that {@code call} fails with {@code code}. */
    static void assertCode(ThrowableAssert.ThrowingCallable call, AuthErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
