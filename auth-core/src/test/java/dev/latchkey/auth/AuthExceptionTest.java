package dev.latchkey.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link AuthException#retryAfterSeconds}: the wait in whole seconds, as a Retry-After header wants it. */
class AuthExceptionTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void retryAfterSeconds_roundsAPartSecondUp() {
        AuthException e = AuthException.tooManyAttempts(NOW.plusMillis(29_001), "wait");

        assertThat(e.retryAfterSeconds(CLOCK)).hasValue(30);
    }

    @Test
    void retryAfterSeconds_ofWholeSeconds_isExact() {
        AuthException e = AuthException.tooManyAttempts(NOW.plusSeconds(30), "wait");

        assertThat(e.retryAfterSeconds(CLOCK)).hasValue(30);
    }

    @Test
    void retryAfterSeconds_isMeasuredAgainstTheClockPassedIn() {
        AuthException e = AuthException.tooManyAttempts(NOW.plusSeconds(30), "wait");

        assertThat(e.retryAfterSeconds(Clock.offset(CLOCK, Duration.ofSeconds(20)))).hasValue(10);
    }

    @Test
    void retryAfterSeconds_onceTheTimeHasPassed_isOne() {
        AuthException e = AuthException.tooManyAttempts(NOW.minusSeconds(5), "wait");

        assertThat(e.retryAfterSeconds(CLOCK)).hasValue(1);
    }

    @Test
    void retryAfterSeconds_ofAnotherCode_isEmpty() {
        AuthException e = new AuthException(AuthErrorCode.INVALID_CODE, "wrong");

        assertThat(e.retryAfterSeconds(CLOCK)).isEmpty();
    }

    @Test
    void retryAfterSeconds_withoutAClock_throwsNullPointerNamingIt() {
        AuthException e = AuthException.tooManyAttempts(NOW, "wait");

        assertThatThrownBy(() -> e.retryAfterSeconds(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("clock");
    }
}
