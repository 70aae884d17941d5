package dev.latchkey.auth.otp.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Computes how long to wait before a retry: exponential growth from an initial wait with "equal jitter", or what the
 * server asked for in {@code Retry-After}, never longer than a cap.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;

    /** A backoff starting at {@code initial} and never waiting longer than {@code max}. */
    public Backoff(Duration initial, Duration max) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry): {@code initial * 2^(retry - 1)} capped at the
     * maximum, then a uniformly random point between half of that and all of it, so that many clients failing at once
     * do not retry in step.
     */
    public Duration beforeRetry(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be at least 1");
        }
        long capMillis = max.toMillis();
        long millis = initial.toMillis();
        for (int i = 1; i < retry && millis < capMillis; i++) {
            millis *= 2;
        }
        millis = Math.min(millis, capMillis);
        long half = millis / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(millis - half + 1));
    }

    /**
     * The wait a {@code Retry-After} header asks for (RFC 9110 section 10.2.3: delay-seconds or an HTTP-date), capped
     * at the maximum; empty when the header is missing or unreadable. A date in the past means no wait.
     */
    public Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        Duration asked;
        if (!value.isEmpty() && value.length() <= 10 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            asked = Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                asked = at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.of(asked.compareTo(max) > 0 ? max : asked);
    }
}
