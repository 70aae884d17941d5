package dev.latchkey.auth.spring.properties;

/** Spring Security integration ({@code latchkey.security.*}). */
public class SecurityProperties {
    /**
     * Whether every bearer token is also checked against the database (session not revoked, account active, issued
     * after the last logout-everywhere or password change): database reads on every request, in return for revocation
     * that takes effect at once rather than at expiry.
     */
    private boolean onlineCheck = false;

    public boolean isOnlineCheck() {
        return onlineCheck;
    }

    public void setOnlineCheck(boolean onlineCheck) {
        this.onlineCheck = onlineCheck;
    }
}
