package dev.latchkey.auth.password.internal;

import dev.latchkey.auth.internal.PasswordHasher;
import dev.latchkey.auth.password.PasswordHashTimer;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A {@link PasswordHasher} that tells a {@link PasswordHashTimer} how long each hash and check took. */
public final class TimedPasswordHasher implements PasswordHasher {
    private static final String SUFFIX = "-hmac-sha384";

    private final PasswordHasher hasher;
    private final PasswordHashTimer timer;
    private final String algorithm;

    /** Times {@code hasher} into {@code timer}. */
    public TimedPasswordHasher(PasswordHasher hasher, PasswordHashTimer timer) {
        this.hasher = hasher;
        this.timer = timer;
        String format = hasher.format();
        this.algorithm = format.endsWith(SUFFIX) ? format.substring(0, format.length() - SUFFIX.length()) : format;
    }

    @Override
    public String format() {
        return hasher.format();
    }

    @Override
    public String hash(String password) {
        long start = System.nanoTime();
        try {
            return hasher.hash(password);
        } finally {
            record("hash", start);
        }
    }

    @Override
    public boolean verify(String password, String storedHash) {
        return timed(() -> hasher.verify(password, storedHash));
    }

    @Override
    public void verifyDummy(String password) {
        timed(() -> {
            hasher.verifyDummy(password);
            return false;
        });
    }

    @Override
    public boolean needsRehash(String storedHash) {
        return hasher.needsRehash(storedHash);
    }

    private boolean timed(BooleanSupplier check) {
        long start = System.nanoTime();
        try {
            return check.getAsBoolean();
        } finally {
            record("verify", start);
        }
    }

    private void record(String operation, long start) {
        try {
            timer.record(algorithm, operation, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            // A metrics failure never fails a login.
        }
    }

    @Override
    public String toString() {
        return "TimedPasswordHasher[" + hasher.format() + "]";
    }
}
