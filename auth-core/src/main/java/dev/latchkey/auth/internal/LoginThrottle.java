package dev.latchkey.auth.internal;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.password.LoginLimits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brute-force limits on password checks (security bar item 28), shared by every instance through the rate-limit store.
 *
 * <p>A check needs a permit before any hashing: one of {@link LoginLimits#failuresBeforeDelay()} slots of the
 * account's sliding {@link LoginLimits#failureWindow()}, or, once those are spent, the account's delay gate, which
 * lets one check through and then closes for a delay that doubles with every consecutive failure (up to
 * {@link LoginLimits#maxDelay()}). The client address has its own, higher, sliding limit. A success clears the
 * account's counters; consecutive failures are counted so the service can lock the account. The address's and the
 * account's sliding windows are counted together ({@link SlidingWindows#acquireEach}), and a success settles both in
 * one step.
 *
 * <p>All of that is for untrusted clients. A client with a valid device token ({@link DeviceTokens}) is trusted: its
 * check takes one of {@link LoginLimits#failuresPerDeviceToken()} slots of the token's own sliding window and touches
 * neither the account's nor the address's counters, so other clients' failures never delay or lock it. When those
 * slots are spent the token goes on the refused list (counters in the same store, so every instance sees it) until
 * the end of the next fixed window, and the client is checked as untrusted meanwhile.
 */
public final class LoginThrottle {
    /**
     * What a check was allowed under, so its outcome can be settled: the account's key and, for a trusted check, the
     * device token's counter (null for an untrusted one, which may hold an address counter instead).
     */
    public record Permit(String accountKey, Instant at, String addressKey, String deviceKey) {
        /** Whether the check runs under a device token's own budget. */
        public boolean trusted() {
            return deviceKey != null;
        }
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

    /**
     * A permit for one password check, or {@link AuthErrorCode#TOO_MANY_ATTEMPTS} with the time to retry: under the
     * device token counted as {@code deviceId} ({@link DeviceTokens#counterId}) when it is not null and still has
     * budget, else under the account's and the address's limits.
     */
    public Permit acquire(String accountKey, String deviceId, ClientInfo client, Instant now) {
        if (deviceId != null && trusted(deviceId, now)) {
            return new Permit(accountKey, now, null, deviceKey(deviceId));
        }
        String addressKey = client.address().map(a -> "login-addr:" + a).orElse(null);
        Duration window = config.failureWindow();
        SlidingWindows.Limit account = new SlidingWindows.Limit(failKey(accountKey), config.failuresBeforeDelay(),
                window);
        List<SlidingWindows.Limit> limits = addressKey == null ? List.of(account)
                : List.of(new SlidingWindows.Limit(addressKey, config.failuresPerAddress(), window), account);
        Map<String, Instant> refused = windows.acquireEach(limits, now);
        if (addressKey != null && refused.containsKey(addressKey)) {
            windows.release(limits, now, refused.keySet());
            throw AuthException.tooManyAttempts(SlidingWindows.windowEnd(now, window),
                    "too many failed logins from this address; try again later");
        }
        if (!refused.containsKey(account.key())) {
            return new Permit(accountKey, now, addressKey, null);
        }
        Duration delay = delay(consecutive(accountKey));
        if (windows.store().tryHold(gateKey(accountKey), now, now.plus(delay))) {
            return new Permit(accountKey, now, addressKey, null);
        }
        if (addressKey != null) {
            windows.release(addressKey, window, now);
        }
        throw AuthException.tooManyAttempts(now.plus(delay), "too many failed logins; try again later");
    }

    /**
     * The check succeeded: the account's counters are cleared (a success ends a run of consecutive failures, whoever
     * made them), and the device token's failures or the address slot are given back.
     */
    public void succeeded(Permit permit) {
        List<String> reset = new ArrayList<>(accountKeys(permit.accountKey()));
        if (permit.trusted()) {
            reset.add(permit.deviceKey());
        }
        List<String> release = permit.addressKey() == null ? List.of() : List.of(permit.addressKey());
        windows.resetAndRelease(reset, release, config.failureWindow(), permit.at());
    }

    /**
     * The check failed; returns the account's consecutive untrusted failures including this one, or 0 for a trusted
     * check (already counted against its device token when the permit was taken).
     */
    public int failed(Permit permit) {
        if (permit.trusted()) {
            return 0;
        }
        String key = consecutiveKey(permit.accountKey());
        return windows.store().increment(key, EPOCH, permit.at().plus(CONSECUTIVE_MEMORY));
    }

    /** Forgets an account's failures (after a success or a password reset), in one reset of its three keys. */
    public void clear(String accountKey) {
        windows.store().resetAll(accountKeys(accountKey));
    }

    /** The keys of an account's failures: its sliding window, its delay gate and its consecutive failures. */
    private static List<String> accountKeys(String accountKey) {
        return List.of(failKey(accountKey), gateKey(accountKey), consecutiveKey(accountKey));
    }

    /** The start of the fixed window of this length holding {@code now}, counted from the epoch. */
    private static Instant fixedWindowStart(Instant now, Duration window) {
        long ms = now.toEpochMilli();
        return Instant.ofEpochMilli(ms - Math.floorMod(ms, window.toMillis()));
    }

    /**
     * Takes a slot of the device token's budget, unless the token is refused; a token whose budget is spent is refused
     * from now to the end of the next fixed window (marks in this window's and the next's counters).
     */
    private boolean trusted(String deviceId, Instant now) {
        Duration window = config.failureWindow();
        Instant current = fixedWindowStart(now, window);
        String refused = refusedKey(deviceId);
        if (windows.store().count(refused, current) > 0) {
            return false;
        }
        if (windows.tryAcquire(deviceKey(deviceId), config.failuresPerDeviceToken(), window, now)) {
            return true;
        }
        Instant next = current.plus(window);
        windows.store().tryAcquire(refused, current, next, 1);
        windows.store().tryAcquire(refused, next, next.plus(window), 1);
        return false;
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

    private static String deviceKey(String deviceId) {
        return "login-device:" + deviceId;
    }

    private static String refusedKey(String deviceId) {
        return "login-device-refused:" + deviceId;
    }
}
