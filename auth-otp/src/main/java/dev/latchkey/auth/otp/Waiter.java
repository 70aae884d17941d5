package dev.latchkey.auth.otp;

import java.time.Duration;

/** Waits between delivery attempts; tests pass one that records the waits instead of sleeping. */
@FunctionalInterface
interface Waiter {
    /** The production waiter: sleeps the calling thread. */
    Waiter SLEEP = duration -> Thread.sleep(duration.toMillis());

    /** Blocks for about {@code duration}. */
    void await(Duration duration) throws InterruptedException;
}
