package dev.latchkey.auth.webauthn;

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
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.factor.SecondFactorConfig;
import dev.latchkey.auth.factor.SecondFactorPolicy;
import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.RecordingOtpProvider;
import dev.latchkey.auth.testkit.TestClock;
import dev.latchkey.auth.testkit.webauthn.Credential;
import dev.latchkey.auth.testkit.webauthn.SoftwareAuthenticator;
import dev.latchkey.auth.totp.TotpAlgorithm;
import dev.latchkey.auth.totp.TotpEnrollment;
import dev.latchkey.auth.totp.TotpFactor;
import dev.latchkey.auth.totp.internal.Base32;
import dev.latchkey.auth.totp.internal.TotpCodes;
import org.assertj.core.api.ThrowableAssert;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One application with passkeys (and TOTP, the other second factor) over the stores it is given: a movable clock, the
 * events it emitted, and the steps of the ceremonies as a browser with a {@link SoftwareAuthenticator} takes them.
 */
final class PasskeyFixture {
    static final byte[] MASTER_KEY = "test master key, 32 bytes or more!!".getBytes(StandardCharsets.US_ASCII);
    static final ClientInfo CLIENT = ClientInfo.of("203.0.113.7", "JUnit");
    static final String PASSWORD = "correct horse battery staple";
    static final String RP_ID = "example.com";
    static final String ORIGIN = "https://example.com";
    static final JsonMapper JSON = JsonMapper.builder().build();

    final TestClock clock = new TestClock(Instant.parse("2026-11-22T10:00:00Z"));
    final List<AuthEvent> events = new CopyOnWriteArrayList<>();
    final RecordingOtpProvider outbox = RecordingOtpProvider.create();
    final AuthStores stores;
    final PasskeyConfig config;
    final PasskeyFactor passkeys;
    final TotpFactor totp;
    final AuthService auth;

    PasskeyFixture(AuthStores stores) {
        this(stores, UserVerification.PREFERRED);
    }

    PasskeyFixture(AuthStores stores, UserVerification uv) {
        this(stores, PasskeyConfig.newBuilder(RP_ID, "Acme").origins(List.of(ORIGIN,
                "android:apk-key-hash:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")).userVerification(uv).build(),
                SecondFactorPolicy.optional());
    }

    PasskeyFixture(AuthStores stores, PasskeyConfig config, SecondFactorPolicy policy) {
        this.stores = stores;
        this.config = config;
        this.passkeys = PasskeyFactor.create(config);
        this.totp = TotpFactor.create("Acme");
        this.auth = service(stores, passkeys, totp, policy);
    }

    /** A service over {@code over} with these factor instances, as another application instance has. */
    AuthService service(AuthStores over, PasskeyFactor passkeyFactor, TotpFactor totpFactor, SecondFactorPolicy policy) {
        AuthConfig authConfig = AuthConfig.newBuilder().issuer("https://auth.test").audience("test-api")
                .appName("Acme").masterKey(MASTER_KEY)
                .passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build()).clock(clock)
                .codes(CodeConfig.newBuilder().allowLoginCodesByEmail().loginCreatesAccounts(true).build())
                .secondFactors(SecondFactorConfig.newBuilder().policy(policy).build()).build();
        return AuthService.newBuilder(authConfig, over).otpProvider(outbox).factor(passkeyFactor).factor(totpFactor)
                .eventListener(events::add).eventListener(AuthEventListener.logging()).build();
    }

    /** An account with a password. */
    User register(String email) {
        return auth.accounts().register(Registration.newBuilder().email(email).password(PASSWORD).build());
    }

    /** An account made by a first login by code: no password, a proved email. */
    Session codeAccount(String email) {
        clock.advance(Duration.ofSeconds(31)); // past the cooldown of an earlier code
        auth.loginCodes().send(Contact.email(email), CLIENT);
        return auth.loginCodes().login(Contact.email(email), outbox.lastCode(email), CLIENT).sessionOrThrow();
    }

    /** A fresh password login's token (for an account without a second factor yet). */
    VerifiedAccessToken signIn(String email) {
        return token(auth.passwords().login(Contact.email(email), PASSWORD, CLIENT).sessionOrThrow());
    }

    VerifiedAccessToken token(Session session) {
        return auth.tokens().verify(session.accessToken());
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** Registers a new passkey of {@code authenticator} for the caller, as a browser would. */
    Credential enrol(SoftwareAuthenticator authenticator, VerifiedAccessToken caller) {
        Credential credential = create(authenticator, caller);
        passkeys.register(caller, credential.registration().json(), null, CLIENT);
        return credential;
    }

    /** Runs the creation ceremony for the caller's options, without registering its answer. */
    Credential create(SoftwareAuthenticator authenticator, VerifiedAccessToken caller) {
        JsonNode options = json(passkeys.registrationOptions(caller));
        return authenticator.register(RP_ID, ORIGIN, options.path("challenge").asString(),
                options.path("user").path("id").asString());
    }

    /** The challenge of new usernameless request options. */
    String loginChallenge() {
        return json(passkeys.loginOptions(CLIENT)).path("challenge").asString();
    }

    /** A usernameless passkey login with {@code credential}. */
    LoginResult login(Credential credential) {
        return passkeys.login(credential.assertion(RP_ID, ORIGIN, loginChallenge()).json(), CLIENT);
    }

    /** Enrols and confirms TOTP for the user, with the code an app shows now; then moves to the next step. */
    void confirmTotp(String userId) {
        TotpEnrollment enrollment = totp.enroll(userId);
        totp.confirm(userId, TotpCodes.code(TotpAlgorithm.SHA1, Base32.decode(enrollment.secret()),
                TotpCodes.step(clock.instant(), Duration.ofSeconds(30)), 6), CLIENT);
        clock.advance(Duration.ofSeconds(30));
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

    /** Asserts that {@code call} fails with {@code invalid_credential} for {@code reason}. */
    static void assertRefused(ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.code()).isEqualTo(AuthErrorCode.INVALID_CREDENTIAL);
            assertThat(e.reason()).contains(reason);
        });
    }
}
