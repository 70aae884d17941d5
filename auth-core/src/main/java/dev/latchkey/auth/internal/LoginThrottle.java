package dev.latchkey.auth.internal;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.password.LoginLimits;

import java.time.Duration;
import java.time.Instant;

/**
 * Brute-force limits on password checks (security bar item 28), shared by every instance through the rate-limit store.
 *
 * <p>A check needs a permit before any hashing: one of {@link LoginLimits#failuresBeforeDelay()} slots of the
 * account's sliding {@link LoginLimits#failureWindow()}, or, once those are spent, the account's delay gate, which
 * lets one check through and then closes for a delay that doubles with every consecutive failure (up to
 * {@link LoginLimits#maxDelay()}). The client address has its own, higher, sliding limit. A success clears the
 * account's counters; consecutive failures are counted so the service can lock the account.
 */
public final class LoginThrottle {
    /** What a check was allowed under, so its outcome can be settled. */
    public record Permit(String accountKey, Instant at, boolean slot, String addressKey) {
    }

    private static final Instant EPOCH = Instant.EPOCH;
    private static final Duration CONSECUTIVE_MEMORY = Duration.ofDays(90);

    private final LoginLimits config;
    private final SlidingWindows windows;

    /** Limits over these windows. */
    public LoginThrottle(LoginLimits config, SlidingWindows windows) {
        this.config = config;
        this.windows = windows;
    }

    /** A permit for one password check, or {@link AuthErrorCode#TOO_MANY_ATTEMPTS} with the time to retry. */
    public Permit acquire(String accountKey, ClientInfo client, Instant now) {
        String addressKey = client.address().map(a -> "login-addr:" + a).orElse(null);
        Duration window = config.failureWindow();
        if (addressKey != null && !windows.tryAcquire(addressKey, config.failuresPerAddress(), window, now)) {
            throw AuthException.tooManyAttempts(SlidingWindows.windowEnd(now, window),
                    "too many failed logins from this address; try again later");
        }
        if (windows.tryAcquire(failKey(accountKey), config.failuresBeforeDelay(), window, now)) {
            return new Permit(accountKey, now, true, addressKey);
        }
        Duration delay = delay(consecutive(accountKey));
        if (windows.store().tryHold(gateKey(accountKey), now, now.plus(delay))) {
            return new Permit(accountKey, now, false, addressKey);
        }
        if (addressKey != null) {
            windows.release(addressKey, window, now);
        }
        throw AuthException.tooManyAttempts(now.plus(delay), "too many failed logins; try again later");
    }

    /** The check succeeded: the account's counters are cleared and the address slot is given back. */
    public void succeeded(Permit permit) {
        clear(permit.accountKey());
        if (permit.addressKey() != null) {
            windows.release(permit.addressKey(), config.failureWindow(), permit.at());
        }
    }

    /** The check failed; returns the account's consecutive failures including this one. */
    public int failed(Permit permit) {
        String key = consecutiveKey(permit.accountKey());
        windows.store().tryAcquire(key, EPOCH, permit.at().plus(CONSECUTIVE_MEMORY), Integer.MAX_VALUE);
        return windows.store().count(key, EPOCH);
    }

    /** Forgets an account's failures (after a success or a password reset). */
    public void clear(String accountKey) {
        windows.store().reset(failKey(accountKey));
        windows.store().reset(gateKey(accountKey));
        windows.store().reset(consecutiveKey(accountKey));
    }

    private int consecutive(String accountKey) {
        return windows.store().count(consecutiveKey(accountKey), EPOCH);
    }

    /** One second after the first spent window, doubling per further consecutive failure, capped. */
    private Duration delay(int consecutive) {
        int over = Math.max(0, consecutive - config.failuresBeforeDelay());
        long seconds = over >= 30 ? Long.MAX_VALUE : 1L << over;
        Duration d = Duration.ofSeconds(Math.min(seconds, config.maxDelay().toSeconds()));
        return d.isZero() ? Duration.ofSeconds(1) : d;
    }

    private static String failKey(String accountKey) {
        return "login-fail:" + accountKey;
    }

    private static String gateKey(String accountKey) {
        return "login-gate:" + accountKey;
    }

    private static String consecutiveKey(String accountKey) {
        return "login-consecutive:" + accountKey;
    }
}
