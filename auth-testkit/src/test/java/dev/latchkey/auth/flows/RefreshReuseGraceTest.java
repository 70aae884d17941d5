package dev.latchkey.auth.flows;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.session.SessionConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.latchkey.auth.flows.MemoryFixture.CLIENT;
import static dev.latchkey.auth.flows.MemoryFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The refresh reuse grace: a rotated token presented again within {@code refreshReuseGrace} returns the same successor
 * (parallel tabs, a retry after a lost answer); after it, or once the successor was used, reuse revokes the session.
 */
class RefreshReuseGraceTest {
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final List<AuthEvent> events = new CopyOnWriteArrayList<>();
    private final MemoryFixture fx = new MemoryFixture(
            b -> b.sessions(SessionConfig.newBuilder().refreshReuseGrace(GRACE).build()),
            b -> b.eventListener(events::add));
    private final AuthService auth = fx.auth;
    private final User user = fx.registerEmail("grace@example.com");

    @Test
    void aRotatedTokenPresentedAgainWithinTheGrace_getsTheSameSuccessorAndTheSessionLives() {
        Session rt1 = fx.loginEmail("grace@example.com");
        Session rt2 = auth.sessions().refresh(rt1.refreshToken(), CLIENT);
        fx.clock.advance(Duration.ofSeconds(9));

        Session again = auth.sessions().refresh(rt1.refreshToken(), CLIENT);

        assertThat(again.refreshToken()).isEqualTo(rt2.refreshToken());
        assertThat(again.sessionId()).isEqualTo(rt1.sessionId());
        assertThat(again.refreshTokenExpiresAt()).isEqualTo(rt2.refreshTokenExpiresAt());
        assertThat(auth.tokens().verifyOnline(again.accessToken()).userId()).isEqualTo(user.id());
        assertThat(auth.sessions().refresh(rt2.refreshToken(), CLIENT).refreshToken())
                .isNotEqualTo(rt2.refreshToken());
        assertThat(auth.sessions().list(user.id())).hasSize(1);
        assertThat(events).noneMatch(e -> e.type() == AuthEventType.REFRESH_REUSE_DETECTED);
    }

    @Test
    void aRotatedTokenPresentedAfterTheGrace_revokesTheFamily() {
        Session rt1 = fx.loginEmail("grace@example.com");
        Session rt2 = auth.sessions().refresh(rt1.refreshToken(), CLIENT);
        fx.clock.advance(GRACE);

        assertCode(() -> auth.sessions().refresh(rt1.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> auth.sessions().refresh(rt2.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertThat(auth.sessions().list(user.id())).isEmpty();
        assertThat(events).anyMatch(e -> e.type() == AuthEventType.REFRESH_REUSE_DETECTED);
    }

    @Test
    void aTokenWhoseSuccessorWasAlreadyUsed_revokesTheFamilyEvenWithinTheGrace() {
        Session rt1 = fx.loginEmail("grace@example.com");
        Session rt2 = auth.sessions().refresh(rt1.refreshToken(), CLIENT);
        Session rt3 = auth.sessions().refresh(rt2.refreshToken(), CLIENT);

        assertCode(() -> auth.sessions().refresh(rt1.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> auth.sessions().refresh(rt3.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertThat(auth.sessions().list(user.id())).isEmpty();
    }

    @Test
    void withinTheGraceALoggedOutSessionStaysOut() {
        Session rt1 = fx.loginEmail("grace@example.com");
        Session rt2 = auth.sessions().refresh(rt1.refreshToken(), CLIENT);
        auth.sessions().logout(rt2.refreshToken(), CLIENT);

        assertCode(() -> auth.sessions().refresh(rt1.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
    }

    @Test
    void anotherInstanceWithTheSameKeysGivesTheSameSuccessor() {
        Session rt1 = fx.loginEmail("grace@example.com");
        Session rt2 = auth.sessions().refresh(rt1.refreshToken(), CLIENT);

        Session again = fx.secondInstance().sessions().refresh(rt1.refreshToken(), CLIENT);

        assertThat(again.refreshToken()).isEqualTo(rt2.refreshToken());
    }

    @Test
    void withoutTheGrace_theDefault_reuseRevokesAtOnce() {
        MemoryFixture plain = new MemoryFixture();
        plain.registerEmail("plain@example.com");
        Session rt1 = plain.loginEmail("plain@example.com");
        Session rt2 = plain.auth.sessions().refresh(rt1.refreshToken(), CLIENT);

        assertThat(SessionConfig.defaults().refreshReuseGrace()).isEqualTo(Duration.ZERO);
        assertCode(() -> plain.auth.sessions().refresh(rt1.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> plain.auth.sessions().refresh(rt2.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
    }

    @Test
    void theGraceIsZeroToFiveMinutes() {
        assertThatThrownBy(() -> SessionConfig.newBuilder().refreshReuseGrace(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refreshReuseGrace");
        assertThatThrownBy(() -> SessionConfig.newBuilder().refreshReuseGrace(Duration.ofMinutes(6)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refreshReuseGrace");
        assertThat(SessionConfig.newBuilder().refreshReuseGrace(Duration.ofMinutes(5)).build().refreshReuseGrace())
                .isEqualTo(Duration.ofMinutes(5));
    }
}
