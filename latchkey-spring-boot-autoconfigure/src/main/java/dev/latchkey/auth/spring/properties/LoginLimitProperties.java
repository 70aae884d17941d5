package dev.latchkey.auth.spring.properties;

import java.time.Duration;

/** Brute-force limits on password logins ({@code latchkey.login-limits.*}). */
public class LoginLimitProperties {
    /** Failures per account in the window before growing delays start. */
    private int failuresBeforeDelay = 10;
    /** The sliding window failures are counted in. */
    private Duration failureWindow = Duration.ofMinutes(15);
    /** The longest delay between two tries. */
    private Duration maxDelay = Duration.ofMinutes(15);
    /** Consecutive failures of clients without a device token that lock the account for them until a password reset. */
    private int failuresBeforeLockout = 100;
    /** Failures per client address in the window. */
    private int failuresPerAddress = 100;
    /** Failures per device token in the window. */
    private int failuresPerDeviceToken = 10;
    /** How long a device token from a successful login stays valid. */
    private Duration deviceTokenTtl = Duration.ofDays(365);

    public int getFailuresBeforeDelay() {
        return failuresBeforeDelay;
    }

    public void setFailuresBeforeDelay(int failuresBeforeDelay) {
        this.failuresBeforeDelay = failuresBeforeDelay;
    }

    public Duration getFailureWindow() {
        return failureWindow;
    }

    public void setFailureWindow(Duration failureWindow) {
        this.failureWindow = failureWindow;
    }

    public Duration getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    public int getFailuresBeforeLockout() {
        return failuresBeforeLockout;
    }

    public void setFailuresBeforeLockout(int failuresBeforeLockout) {
        this.failuresBeforeLockout = failuresBeforeLockout;
    }

    public int getFailuresPerAddress() {
        return failuresPerAddress;
    }

    public void setFailuresPerAddress(int failuresPerAddress) {
        this.failuresPerAddress = failuresPerAddress;
    }

    public int getFailuresPerDeviceToken() {
        return failuresPerDeviceToken;
    }

    public void setFailuresPerDeviceToken(int failuresPerDeviceToken) {
        this.failuresPerDeviceToken = failuresPerDeviceToken;
    }

    public Duration getDeviceTokenTtl() {
        return deviceTokenTtl;
    }

    public void setDeviceTokenTtl(Duration deviceTokenTtl) {
        this.deviceTokenTtl = deviceTokenTtl;
    }
}
