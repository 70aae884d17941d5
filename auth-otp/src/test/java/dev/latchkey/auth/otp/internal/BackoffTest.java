package dev.latchkey.auth.otp.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2));

    @Test
    void beforeRetry_doublesWithJitterUpToTheCap() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.beforeRetry(1)).isBetween(Duration.ofMillis(125), Duration.ofMillis(250));
            assertThat(backoff.beforeRetry(2)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
            assertThat(backoff.beforeRetry(3)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
            assertThat(backoff.beforeRetry(4)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
            assertThat(backoff.beforeRetry(60)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
        }
    }

    @Test
    void retryAfter_readsSecondsAndDates_andCapsThem() {
        assertThat(backoff.retryAfter(Optional.of("1"), NOW)).contains(Duration.ofSeconds(1));
        assertThat(backoff.retryAfter(Optional.of("120"), NOW)).contains(Duration.ofSeconds(2));
        assertThat(backoff.retryAfter(Optional.of("Wed, 04 Mar 2026 05:06:08 GMT"), NOW))
                .contains(Duration.ofSeconds(1));
        assertThat(backoff.retryAfter(Optional.of("Wed, 04 Mar 2026 05:00:00 GMT"), NOW)).contains(Duration.ZERO);
    }

    @Test
    void retryAfter_missingOrUnreadable_isEmpty() {
        assertThat(backoff.retryAfter(Optional.empty(), NOW)).isEmpty();
        assertThat(backoff.retryAfter(Optional.of("soon"), NOW)).isEmpty();
        assertThat(backoff.retryAfter(Optional.of("-5"), NOW)).isEmpty();
        assertThat(backoff.retryAfter(Optional.of("99999999999999999999"), NOW)).isEmpty();
    }
}
