package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.jdbc.TestDatabase;
import dev.latchkey.auth.password.LoginLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hardening finding 5, anonymous lockout (security bar item 28, OWASP device cookies): whoever knows an email can no
 * longer lock its owner out, slow the owner down, or sign the owner out by guessing passwords. A password login hands
 * a device token; a client presenting it has its own small budget instead of the account's untrusted limits.
 */
class DeviceTokensTest {
    private static final String EMAIL = "owner@example.com";
    private static final String WRONG = "not the password!";
    private static final ClientInfo OWNER = ClientInfo.of("192.0.2.10", "owner's browser");

    private final List<AuthEvent> events = new CopyOnWriteArrayList<>();
    private final AuthFixture fx = new AuthFixture(TestDatabase.H2,
            b -> b.codes(CodeConfig.newBuilder().loginCreatesAccounts(true).build()), b -> b.eventListener(events::add));
    private final AuthService auth = fx.auth;
    private int attackerAddress;

    @AfterEach
    void close() {
        fx.close();
    }

    /** The owner's first password login, from a client without a device token: the token it hands out. */
    private String ownersDeviceToken() {
        return fx.loginEmail(EMAIL).deviceToken().orElseThrow();
    }

    private static ClientInfo owner(String deviceToken) {
        return OWNER.withDeviceToken(deviceToken);
    }

    private static AuthErrorCode codeOf(AuthService service, String password, ClientInfo client) {
        try {
            service.passwords().login(Contact.email(EMAIL), password, client).sessionOrThrow();
            return null;
        } catch (AuthException e) {
            return e.code();
        }
    }

    /** An attacker's client: a new address each time, so no address limit gets in the way. */
    private ClientInfo attacker() {
        attackerAddress++;
        return ClientInfo.of("198.51." + (attackerAddress / 200) + "." + (attackerAddress % 200), "bot");
    }

    /** Untrusted wrong passwords until the account's limits answer 429: the attacker's burst. */
    private void burstUntilDelayed(AuthService service) {
        for (int i = 0; i < 50; i++) {
            if (codeOf(service, WRONG, attacker()) == AuthErrorCode.TOO_MANY_ATTEMPTS) {
                return;
            }
        }
        throw new AssertionError("the account was never delayed");
    }

    /** {@code failures} untrusted wrong passwords, waiting out every delay as a patient attacker would. */
    private void attack(int failures) {
        int done = 0;
        while (done < failures) {
            try {
                auth.passwords().login(Contact.email(EMAIL), WRONG, attacker()).sessionOrThrow();
                throw new AssertionError("a wrong password logged in");
            } catch (AuthException e) {
                if (e.code() == AuthErrorCode.TOO_MANY_ATTEMPTS) {
                    fx.clock.advance(Duration.between(fx.clock.instant(), e.retryAfter().orElseThrow()));
                } else {
                    assertThat(e.code()).isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
                    done++;
                }
            }
        }
    }

    @Test
    void passwordLogin_handsADeviceToken_codeLoginsAndRefreshesDoNot() {
        User user = fx.registerEmail(EMAIL);
        Session session = fx.loginEmail(EMAIL);
        String token = session.deviceToken().orElseThrow();
        assertThat(token).matches("[A-Za-z0-9_-]{40,128}");
        assertThat(new String(Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("the token names no account").doesNotContain(user.id());
        assertThat(fx.loginEmail(EMAIL).deviceToken()).as("a fresh token per login").get().isNotEqualTo(token);
        assertThat(auth.sessions().refresh(session.refreshToken(), CLIENT).deviceToken()).isEmpty();
        auth.loginCodes().send(Contact.phone("+14155550142"), CLIENT);
        assertThat(auth.loginCodes().login(Contact.phone("+14155550142"), fx.latestCode("+14155550142"), CLIENT)
                .sessionOrThrow().deviceToken()).isEmpty();
    }

    @Test
    void deviceToken_neverShowsInToString() {
        fx.registerEmail(EMAIL);
        Session session = fx.loginEmail(EMAIL);
        String token = session.deviceToken().orElseThrow();
        assertThat(session.toString()).doesNotContain(token);
        assertThat(owner(token).toString()).doesNotContain(token).contains("deviceToken=****");
        assertThat(owner(token).deviceToken()).contains(token);
        assertThat(owner("  ").deviceToken()).isEmpty();
    }

    @Test
    void ownerWithDeviceToken_logsInDespiteAnAttackersHundredFailures() {
        String id = fx.registerEmail(EMAIL).id();
        String token = ownersDeviceToken();
        attack(100);
        assertThat(auth.accounts().get(id).status()).isEqualTo(AccountStatus.LOCKED);
        assertThat(codeOf(auth, PASSWORD, attacker())).as("untrusted: locked, even with the right password")
                .isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);

        Session session = auth.passwords().login(Contact.email(EMAIL), PASSWORD, owner(token)).sessionOrThrow();

        assertThat(auth.tokens().verifyOnline(session.accessToken()).userId()).isEqualTo(id);
        assertThat(session.deviceToken()).isPresent();
        assertThat(auth.accounts().get(id).status()).as("still locked for untrusted clients")
                .isEqualTo(AccountStatus.LOCKED);
    }

    @Test
    void attackersBurst_doesNotSlowTheOwnersDeviceToken() {
        fx.registerEmail(EMAIL);
        String token = ownersDeviceToken();
        for (int i = 0; i < 20; i++) {
            codeOf(auth, WRONG, attacker());
        }
        burstUntilDelayed(auth);
        assertThat(codeOf(auth, PASSWORD, attacker())).as("an untrusted client waits, right password or not")
                .isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);

        assertThat(codeOf(auth, WRONG, owner(token))).as("the owner's typo is not delayed either")
                .isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
        assertThat(codeOf(auth, PASSWORD, owner(token))).as("logged in at once").isNull();
    }

    @Test
    void failedLogins_neverRevokeSessions() {
        // A lockout after 10 failures, so that it comes while the access token is still fresh.
        try (AuthFixture quick = new AuthFixture(TestDatabase.H2, b -> b.loginLimits(
                LoginLimits.newBuilder().failuresBeforeDelay(3).failuresBeforeLockout(10).build()))) {
            String id = quick.registerEmail(EMAIL).id();
            Session session = quick.auth.passwords().login(Contact.email(EMAIL), PASSWORD, OWNER).sessionOrThrow();
            int failures = 0;
            while (failures < 10) {
                AuthErrorCode code = codeOf(quick.auth, WRONG, attacker());
                if (code == AuthErrorCode.TOO_MANY_ATTEMPTS) {
                    quick.clock.advance(Duration.ofMinutes(1));
                } else {
                    failures++;
                }
            }
            assertThat(quick.auth.accounts().get(id).status()).isEqualTo(AccountStatus.LOCKED);

            assertThat(quick.auth.tokens().verifyOnline(session.accessToken()).sessionId())
                    .isEqualTo(session.sessionId());
            Session refreshed = quick.auth.sessions().refresh(session.refreshToken(), OWNER);
            assertThat(quick.auth.tokens().verifyOnline(refreshed.accessToken()).userId()).isEqualTo(id);
            assertThat(quick.auth.sessions().list(id)).extracting(s -> s.id()).containsExactly(session.sessionId());
        }
    }

    @Test
    void deviceToken_ofAnotherAccount_isUntrusted() {
        fx.registerEmail(EMAIL);
        fx.registerEmail("other@example.com");
        String othersToken = fx.loginEmail("other@example.com").deviceToken().orElseThrow();
        burstUntilDelayed(auth);

        assertThat(codeOf(auth, PASSWORD, owner(othersToken))).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(events).filteredOn(e -> e.type() == AuthEventType.LOGIN_THROTTLED).last()
                .extracting(AuthEvent::detail).isEqualTo("untrusted device token");
    }

    @Test
    void tamperedDeviceToken_isUntrusted() {
        fx.registerEmail(EMAIL);
        String token = ownersDeviceToken();
        burstUntilDelayed(auth);
        char last = token.charAt(token.length() - 1);
        char middle = token.charAt(token.length() / 2);
        List<String> forged = List.of(
                token.substring(0, token.length() / 2) + (middle == 'A' ? 'B' : 'A') + token.substring(token.length() / 2 + 1),
                token.substring(0, token.length() - 1) + (char) (last ^ 1),
                token + "=", token + "AA", token.substring(1), "not a token at all", "x".repeat(4000));

        for (String t : forged) {
            assertThat(codeOf(auth, PASSWORD, owner(t))).as(t).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
        }
        assertThat(codeOf(auth, PASSWORD, owner(token))).as("the real one").isNull();
    }

    @Test
    void deviceTokenBudget_spent_fallsBackToUntrusted() {
        fx.registerEmail(EMAIL);
        String token = ownersDeviceToken();
        burstUntilDelayed(auth);
        for (int i = 0; i < 10; i++) {
            assertThat(codeOf(auth, WRONG, owner(token))).as("trusted failure %s", i + 1)
                    .isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
        }
        assertThat(events).filteredOn(e -> e.type() == AuthEventType.LOGIN_FAILED).last()
                .extracting(AuthEvent::detail).isEqualTo("device token");

        assertThat(codeOf(auth, PASSWORD, owner(token))).as("the 11th: untrusted, so the account's delay applies")
                .isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
    }

    @Test
    void spentDeviceToken_isRefusedUntilTheEndOfTheNextWindow_thenTrustedAgain() {
        fx.registerEmail(EMAIL);
        fx.clock.set(Instant.parse("2026-11-22T10:00:00Z"));
        String token = ownersDeviceToken();
        for (int i = 0; i < 11; i++) {
            codeOf(auth, WRONG, owner(token));
        }
        // At 10:25 a sliding count alone would give the token 6 tries again; the refusal holds to 10:30.
        fx.clock.set(Instant.parse("2026-11-22T10:25:00Z"));
        burstUntilDelayed(auth);
        assertThat(codeOf(auth, PASSWORD, owner(token))).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);

        fx.clock.set(Instant.parse("2026-11-22T10:30:00Z"));
        burstUntilDelayed(auth);
        assertThat(codeOf(auth, PASSWORD, owner(token))).isNull();
    }

    @Test
    void untrustedFailures_stillLockTheAccountAtAHundred_trustedFailuresDoNotCount() {
        String id = fx.registerEmail(EMAIL).id();
        String token = ownersDeviceToken();
        attack(99);
        for (int i = 0; i < 5; i++) {
            assertThat(codeOf(auth, WRONG, owner(token))).isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
        }
        assertThat(auth.accounts().get(id).status()).as("trusted failures do not count").isEqualTo(AccountStatus.ACTIVE);

        attack(1);

        assertThat(auth.accounts().get(id).status()).as("the 100th consecutive untrusted failure")
                .isEqualTo(AccountStatus.LOCKED);
        assertThat(events).filteredOn(e -> e.type() == AuthEventType.ACCOUNT_LOCKED).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deviceTokenBudget_isSharedByTwoInstances(TestDatabase db) {
        try (AuthFixture two = new AuthFixture(db)) {
            two.registerEmail(EMAIL);
            String token = two.loginEmail(EMAIL).deviceToken().orElseThrow();
            AuthService second = two.secondInstance();
            burstUntilDelayed(two.auth);
            for (int i = 0; i < 10; i++) {
                assertThat(codeOf(i % 2 == 0 ? two.auth : second, WRONG, owner(token)))
                        .isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
            }
            assertThat(codeOf(second, PASSWORD, owner(token))).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(codeOf(two.auth, PASSWORD, owner(token))).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
        }
    }

    @Test
    void secondInstance_acceptsTheDeviceTokenOfTheFirst() {
        fx.registerEmail(EMAIL);
        String token = ownersDeviceToken();
        AuthService second = fx.secondInstance();
        burstUntilDelayed(second);
        assertThat(codeOf(second, PASSWORD, owner(token))).isNull();
    }

    @Test
    void passwordChange_voidsEarlierDeviceTokens() {
        fx.registerEmail(EMAIL);
        Session session = fx.loginEmail(EMAIL);
        String token = session.deviceToken().orElseThrow();
        auth.passwords().change(auth.tokens().verify(session.accessToken()), PASSWORD, "a brand new passphrase");
        burstUntilDelayed(auth);
        assertThat(codeOf(auth, "a brand new passphrase", owner(token))).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
    }

    @Test
    void expiredDeviceToken_isUntrusted() {
        fx.registerEmail(EMAIL);
        String token = ownersDeviceToken();
        fx.clock.advance(Duration.ofDays(365));
        burstUntilDelayed(auth);
        assertThat(codeOf(auth, PASSWORD, owner(token))).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
    }
}
