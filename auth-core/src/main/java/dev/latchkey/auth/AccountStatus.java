package dev.latchkey.auth;

/** The life-cycle state of an account. */
public enum AccountStatus {
    /** The account can log in. */
    ACTIVE,
    /** Registered, but its email or phone has not been verified with a code yet; password login answers
     * {@link AuthErrorCode#VERIFICATION_REQUIRED}. */
    PENDING_VERIFICATION,
    /** Disabled by the host; every login answers {@link AuthErrorCode#INVALID_CREDENTIALS} and every session is
     * revoked. */
    DISABLED,
    /**
     * Locked after too many consecutive failed password logins of untrusted clients
     * ({@link dev.latchkey.auth.password.LoginLimits#failuresBeforeLockout()}): a password login from a client without
     * a valid device token answers {@link AuthErrorCode#INVALID_CREDENTIALS}, even with the right password, and so does
     * a code login, until a password reset with a code unlocks the account. A password login presenting a valid device
     * token of the account still succeeds, and existing sessions and access tokens stay valid: failed logins never
     * revoke anything.
     */
    LOCKED
}
