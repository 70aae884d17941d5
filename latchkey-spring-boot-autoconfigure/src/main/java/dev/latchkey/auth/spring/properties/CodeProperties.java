package dev.latchkey.auth.spring.properties;

import java.time.Duration;

/** One-time codes ({@code latchkey.codes.*}). */
public class CodeProperties {
    /** Digits in a code, at least 6. */
    private int length = 6;
    /** Lifetime of verification, reset and contact-change codes. */
    private Duration ttl = Duration.ofMinutes(5);
    /** Lifetime of login codes, at most 10 minutes. */
    private Duration loginTtl = Duration.ofMinutes(5);
    /** Wrong tries before a code dies. */
    private int maxAttemptsPerCode = 5;
    /** Wrong codes per destination per sliding hour; resending never resets it. */
    private int failuresPerDestinationPerHour = 10;
    /** Wrong codes per client address per sliding hour. */
    private int failuresPerAddressPerHour = 30;
    /** Time between two codes to one destination. */
    private Duration sendCooldown = Duration.ofSeconds(30);
    /** Codes per destination per sliding hour. */
    private int sendsPerDestinationPerHour = 5;
    /** Codes per client address per sliding hour. */
    private int sendsPerAddressPerHour = 30;
    /** Contact-change codes per account per sliding hour. */
    private int changeSendsPerAccountPerHour = 5;
    /** Whether a first login by code to an unknown email or phone creates a code-only account (sign-up by code). */
    private boolean loginCreatesAccounts = false;
    /**
     * Whether login codes may go to emails: a mailbox is a weaker proof than a phone (NIST forbids email for high
     * assurance); turn it on knowingly.
     */
    private boolean allowLoginCodesByEmail = false;

    public int getLength() {
        return length;
    }

    public void setLength(int length) {
        this.length = length;
    }

    public Duration getTtl() {
        return ttl;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    public Duration getLoginTtl() {
        return loginTtl;
    }

    public void setLoginTtl(Duration loginTtl) {
        this.loginTtl = loginTtl;
    }

    public int getMaxAttemptsPerCode() {
        return maxAttemptsPerCode;
    }

    public void setMaxAttemptsPerCode(int maxAttemptsPerCode) {
        this.maxAttemptsPerCode = maxAttemptsPerCode;
    }

    public int getFailuresPerDestinationPerHour() {
        return failuresPerDestinationPerHour;
    }

    public void setFailuresPerDestinationPerHour(int failuresPerDestinationPerHour) {
        this.failuresPerDestinationPerHour = failuresPerDestinationPerHour;
    }

    public int getFailuresPerAddressPerHour() {
        return failuresPerAddressPerHour;
    }

    public void setFailuresPerAddressPerHour(int failuresPerAddressPerHour) {
        this.failuresPerAddressPerHour = failuresPerAddressPerHour;
    }

    public Duration getSendCooldown() {
        return sendCooldown;
    }

    public void setSendCooldown(Duration sendCooldown) {
        this.sendCooldown = sendCooldown;
    }

    public int getSendsPerDestinationPerHour() {
        return sendsPerDestinationPerHour;
    }

    public void setSendsPerDestinationPerHour(int sendsPerDestinationPerHour) {
        this.sendsPerDestinationPerHour = sendsPerDestinationPerHour;
    }

    public int getSendsPerAddressPerHour() {
        return sendsPerAddressPerHour;
    }

    public void setSendsPerAddressPerHour(int sendsPerAddressPerHour) {
        this.sendsPerAddressPerHour = sendsPerAddressPerHour;
    }

    public int getChangeSendsPerAccountPerHour() {
        return changeSendsPerAccountPerHour;
    }

    public void setChangeSendsPerAccountPerHour(int changeSendsPerAccountPerHour) {
        this.changeSendsPerAccountPerHour = changeSendsPerAccountPerHour;
    }

    public boolean isLoginCreatesAccounts() {
        return loginCreatesAccounts;
    }

    public void setLoginCreatesAccounts(boolean loginCreatesAccounts) {
        this.loginCreatesAccounts = loginCreatesAccounts;
    }

    public boolean isAllowLoginCodesByEmail() {
        return allowLoginCodesByEmail;
    }

    public void setAllowLoginCodesByEmail(boolean allowLoginCodesByEmail) {
        this.allowLoginCodesByEmail = allowLoginCodesByEmail;
    }
}
