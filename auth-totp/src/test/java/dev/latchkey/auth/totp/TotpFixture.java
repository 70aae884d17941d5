package dev.latchkey.auth.totp;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.AuthEventListener;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.User;
import dev.latchkey.auth.factor.SecondFactorConfig;
import dev.latchkey.auth.factor.SecondFactorPolicy;
import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.RecordingOtpProvider;
import dev.latchkey.auth.testkit.TestClock;
import dev.latchkey.auth.testkit.memory.InMemoryAuthStores;
import dev.latchkey.auth.totp.internal.Base32;
import dev.latchkey.auth.totp.internal.TotpCodes;
import org.assertj.core.api.ThrowableAssert;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One application with both factors over the stores it is given (the in-memory ones by default): a movable clock,
 * the events it emitted, and codes computed from an enrolment's secret at the clock's time, as an authenticator app
 * would.
 */
final class TotpFixture {
    static final byte[] MASTER_KEY = "test master key, 32 bytes or more!!".getBytes(StandardCharsets.US_ASCII);
    static final ClientInfo CLIENT = ClientInfo.of("203.0.113.7", "JUnit");
    static final String PASSWORD = "correct horse battery staple";
    /** The start of a 30-second step. */
    static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    final TestClock clock = new TestClock(START);
    final List<AuthEvent> events = new CopyOnWriteArrayList<>();
    final RecordingOtpProvider outbox = RecordingOtpProvider.create();
    final AuthStores stores;
    final TotpConfig config;
    final TotpFactor totp;
    final RecoveryCodeFactor recovery;
    final SecondFactorPolicy policy;
    final AuthService auth;

    TotpFixture() {
        this(InMemoryAuthStores.create(), TotpConfig.defaults());
    }

    TotpFixture(TotpConfig config) {
        this(InMemoryAuthStores.create(), config);
    }

    TotpFixture(AuthStores stores, TotpConfig config) {
        this(stores, config, SecondFactorPolicy.optional());
    }

    TotpFixture(SecondFactorPolicy policy) {
        this(InMemoryAuthStores.create(), TotpConfig.defaults(), policy);
    }

    TotpFixture(AuthStores stores, TotpConfig config, SecondFactorPolicy policy) {
        this.policy = policy;
        this.stores = stores;
        this.config = config;
        this.totp = TotpFactor.create("Acme", config);
        this.recovery = RecoveryCodeFactor.create();
        this.auth = service(stores, totp, recovery);
    }

    /** A service over {@code over} with its own instances of the two factors, as another app instance has. */
    AuthService service(AuthStores over, TotpFactor totpFactor, RecoveryCodeFactor recoveryFactor) {
        return service(over, totpFactor, recoveryFactor, MASTER_KEY);
    }

    /** As {@link #service(AuthStores, TotpFactor, RecoveryCodeFactor)}, under these master keys. */
    AuthService service(AuthStores over, TotpFactor totpFactor, RecoveryCodeFactor recoveryFactor, byte[] masterKey,
                        byte[]... previousMasterKeys) {
        AuthConfig authConfig = AuthConfig.newBuilder().issuer("https://auth.test").audience("test-api")
                .appName("Acme").masterKey(masterKey).previousMasterKeys(previousMasterKeys)
                .passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build()).clock(clock)
                .secondFactors(SecondFactorConfig.newBuilder().policy(policy).build()).build();
        return AuthService.newBuilder(authConfig, over).otpProvider(outbox).factor(totpFactor).factor(recoveryFactor)
                .eventListener(events::add).eventListener(AuthEventListener.logging()).build();
    }

    User register(String email) {
        return auth.accounts().register(Registration.newBuilder().email(email).password(PASSWORD).build());
    }

    /** A registered user whose TOTP is confirmed, the clock then moved to the next step. */
    Enrolled enrolled(String email) {
        return enrol(register(email));
    }

    /** Enrols and confirms TOTP for {@code user}, then moves the clock to the next step. */
    Enrolled enrol(User user) {
        TotpEnrollment enrollment = totp.enroll(user.id());
        totp.confirm(user.id(), code(enrollment), CLIENT);
        clock.advance(config.period());
        return new Enrolled(user, enrollment);
    }

    record Enrolled(User user, TotpEnrollment enrollment) {
    }

    LoginResult passwordLogin(String email) {
        return passwordLogin(auth, email);
    }

    static LoginResult passwordLogin(AuthService service, String email) {
        return service.passwords().login(Contact.email(email), PASSWORD, CLIENT);
    }

    /** The challenge of a login that asks for a second step. */
    static String challenge(LoginResult result) {
        assertThat(result).isInstanceOf(LoginResult.SecondFactorRequired.class);
        return ((LoginResult.SecondFactorRequired) result).challenge();
    }

    /** The code an authenticator app shows now for this enrolment. */
    String code(TotpEnrollment enrollment) {
        return codeAt(enrollment, clock.instant());
    }

    /** The code an authenticator app shows at {@code time}, with this fixture's settings. */
    String codeAt(TotpEnrollment enrollment, Instant time) {
        return TotpCodes.code(config.algorithm(), Base32.decode(enrollment.secret()),
                TotpCodes.step(time, config.period()), config.digits());
    }

    /** The code of the step {@code steps} away from now. */
    String codeStepsAway(TotpEnrollment enrollment, int steps) {
        return codeAt(enrollment, clock.instant().plus(config.period().multipliedBy(steps)));
    }

    /** A code of the right shape that is none of the three accepted now. */
    String wrongCode(TotpEnrollment enrollment) {
        List<String> accepted = List.of(codeStepsAway(enrollment, -1), code(enrollment), codeStepsAway(enrollment, 1));
        for (int i = 0; ; i++) {
            String candidate = String.format("%0" + config.digits() + "d", i);
            if (!accepted.contains(candidate)) {
                return candidate;
            }
        }
    }

    List<String> eventNames() {
        return events.stream().map(e -> e.type().name()).toList();
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    /** Asserts that {@code call} fails with {@code code}. */
    static void assertCode(ThrowableAssert.ThrowingCallable call, AuthErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
