package dev.latchkey.auth.flows;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.SessionInfo;
import dev.latchkey.auth.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.latchkey.auth.flows.MemoryFixture.CLIENT;
import static dev.latchkey.auth.flows.MemoryFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

/** Refresh-token rotation, reuse detection, lifetimes, logout and sessions (security bar items 21-24) over the in-memory stores. */
class RefreshTokensTest {
    private final MemoryFixture fx = new MemoryFixture();
    private final AuthService auth = fx.auth;
    private User user;

    private Session login() {
        if (user == null) {
            user = fx.registerEmail("rita@example.com");
        }
        return fx.loginEmail("rita@example.com");
    }

    @Test
    void refreshToken_isOpaqueWith256BitsAndStoredOnlyAsItsSha256() {
        Session s = login();
        assertThat(java.util.Base64.getUrlDecoder().decode(s.refreshToken())).hasSize(32);
        String stored = fx.stores.refreshTokens().findToken(dev.latchkey.auth.internal.Secrets.sha256(s.refreshToken()))
                .orElseThrow().token().tokenHash();
        assertThat(stored).isNotEqualTo(s.refreshToken()).isEqualTo(dev.latchkey.auth.internal.Secrets.sha256(s.refreshToken()));
        assertThat(fx.stores.refreshTokens().findToken(s.refreshToken())).isEmpty();
    }

    @Test
    void refresh_rotatesAndGivesANewAccessToken() {
        Session first = login();
        fx.clock.advance(Duration.ofMinutes(1));
        Session second = auth.sessions().refresh(first.refreshToken(), CLIENT);
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        assertThat(auth.tokens().verifyOnline(second.accessToken()).userId()).isEqualTo(user.id());
    }

    @Test
    void reusingARotatedToken_failsAndRevokesTheWholeFamily() {
        Session rt1 = login();
        Session rt2 = auth.sessions().refresh(rt1.refreshToken(), CLIENT);
        assertCode(() -> auth.sessions().refresh(rt1.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> auth.sessions().refresh(rt2.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> auth.tokens().verifyOnline(rt2.accessToken()), AuthErrorCode.INVALID_TOKEN);
    }

    @Test
    void reuse_leavesOtherSessionsOfTheUserAlone() {
        Session a = login();
        Session b = login();
        auth.sessions().refresh(a.refreshToken(), CLIENT);
        assertCode(() -> auth.sessions().refresh(a.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertThat(auth.sessions().refresh(b.refreshToken(), CLIENT).sessionId()).isEqualTo(b.sessionId());
    }

    @Test
    void unusedRefreshToken_diesAfterTheIdleLifetime() {
        Session s = login();
        fx.clock.advance(Duration.ofDays(30));
        assertCode(() -> auth.sessions().refresh(s.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
    }

    @Test
    void refreshingJustBeforeIdleExpiry_keepsTheSessionAlive() {
        Session s = login();
        fx.clock.advance(Duration.ofDays(29));
        Session next = auth.sessions().refresh(s.refreshToken(), CLIENT);
        fx.clock.advance(Duration.ofDays(29));
        assertThat(auth.sessions().refresh(next.refreshToken(), CLIENT).sessionId()).isEqualTo(s.sessionId());
    }

    @Test
    void session_neverOutlivesTheAbsoluteLifetimeHoweverOftenRefreshed() {
        Session s = login();
        for (int day = 20; day < 90; day += 20) {
            fx.clock.advance(Duration.ofDays(20));
            s = auth.sessions().refresh(s.refreshToken(), CLIENT);
        }
        assertThat(s.refreshTokenExpiresAt()).isEqualTo(fx.clock.instant().minus(Duration.ofDays(80)).plus(Duration.ofDays(90)));
        fx.clock.advance(Duration.ofDays(10));
        Session last = s;
        assertCode(() -> auth.sessions().refresh(last.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
    }

    @Test
    void logout_revokesTheFamilyAndIsIdempotent() {
        Session s = login();
        auth.sessions().logout(s.refreshToken(), ClientInfo.unknown());
        auth.sessions().logout(s.refreshToken(), ClientInfo.unknown());
        auth.sessions().logout("not-a-token", ClientInfo.unknown());
        assertCode(() -> auth.sessions().refresh(s.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> auth.tokens().verifyOnline(s.accessToken()), AuthErrorCode.INVALID_TOKEN);
        assertThat(auth.tokens().verify(s.accessToken()).sessionId()).isEqualTo(s.sessionId());
    }

    @Test
    void logoutEverywhere_revokesAllFamiliesAndEarlierAccessTokensButNotLaterOnes() {
        Session a = login();
        Session b = login();
        fx.clock.advance(Duration.ofMillis(300));
        auth.sessions().logoutEverywhere(user.id());
        assertCode(() -> auth.sessions().refresh(a.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> auth.sessions().refresh(b.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> auth.tokens().verifyOnline(a.accessToken()), AuthErrorCode.INVALID_TOKEN);
        Session fresh = fx.loginEmail("rita@example.com");
        assertThat(auth.tokens().verifyOnline(fresh.accessToken()).userId()).isEqualTo(user.id());
    }

    @Test
    void twoLogoutsEverywhereInOneSecond_stillRejectTokensIssuedBetweenThem() {
        login();
        auth.sessions().logoutEverywhere(user.id());
        Session between = fx.loginEmail("rita@example.com");
        fx.clock.advance(Duration.ofMillis(100));
        auth.sessions().logoutEverywhere(user.id());
        assertCode(() -> auth.tokens().verifyOnline(between.accessToken()), AuthErrorCode.INVALID_TOKEN);
        Session after = fx.loginEmail("rita@example.com");
        assertThat(auth.tokens().verifyOnline(after.accessToken()).userId()).isEqualTo(user.id());
    }

    @Test
    void listSessions_showsClientMetadataAndLastUse() {
        Session s = auth.passwords().login(dev.latchkey.auth.Contact.email(fx.registerEmail("sam@example.com").email().orElseThrow()),
                MemoryFixture.PASSWORD, ClientInfo.of("198.51.100.4", "Firefox")).sessionOrThrow();
        fx.clock.advance(Duration.ofHours(1));
        auth.sessions().refresh(s.refreshToken(), CLIENT);
        List<SessionInfo> sessions = auth.sessions().list(s.user().id());
        assertThat(sessions).singleElement().satisfies(info -> {
            assertThat(info.id()).isEqualTo(s.sessionId());
            assertThat(info.clientAddress()).contains("198.51.100.4");
            assertThat(info.userAgent()).contains("Firefox");
            assertThat(info.lastUsedAt()).isEqualTo(fx.clock.instant());
            assertThat(info.createdAt()).isEqualTo(fx.clock.instant().minus(Duration.ofHours(1)));
        });
    }

    @Test
    void revokeSession_endsThatSessionOnlyAndRefusesOtherUsersSessions() {
        Session a = login();
        Session b = login();
        User other = fx.registerEmail("tom@example.com");
        assertCode(() -> auth.sessions().revoke(other.id(), a.sessionId()), AuthErrorCode.NOT_FOUND);
        assertCode(() -> auth.sessions().revoke(user.id(), "bad\u0000id"), AuthErrorCode.NOT_FOUND);
        assertCode(() -> auth.sessions().revoke(user.id(), "x".repeat(100_000)), AuthErrorCode.NOT_FOUND);
        auth.sessions().revoke(user.id(), a.sessionId());
        assertCode(() -> auth.sessions().refresh(a.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertThat(auth.sessions().list(user.id())).extracting(SessionInfo::id).containsExactly(b.sessionId());
    }

    @Test
    void purgeExpired_deletesEndedSessionsButKeepsLiveOnes() {
        Session old = login();
        auth.sessions().logout(old.refreshToken(), ClientInfo.unknown());
        fx.clock.advance(Duration.ofDays(1));
        Session live = login();
        assertThat(auth.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(fx.stores.refreshTokens().findSession(old.sessionId())).isEmpty();
        assertThat(auth.sessions().refresh(live.refreshToken(), CLIENT).sessionId()).isEqualTo(live.sessionId());
    }

    @Test
    void garbageRefreshTokens_areInvalidTokenNotErrors() {
        assertCode(() -> auth.sessions().refresh("", CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> auth.sessions().refresh("x".repeat(10_000), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> auth.sessions().refresh(null, CLIENT), AuthErrorCode.INVALID_TOKEN);
        Session s = login();
        assertCode(() -> auth.sessions().refresh(s.accessToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
    }
}
