package dev.latchkey.auth.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that tests move by hand instead of sleeping: pass it to {@code AuthConfig.Builder#clock} and call
 * {@link #advance(Duration)} to let codes, tokens and windows expire. Thread-safe.
 */
public final class TestClock extends Clock {
    private final AtomicReference<Instant> now;

    /** A clock standing at {@code start}. */
    public TestClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /** Moves the clock forward (or back, for a negative duration). */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        now.updateAndGet(t -> t.plus(duration));
    }

    /** Moves the clock to {@code instant}. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock: it is always UTC. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
