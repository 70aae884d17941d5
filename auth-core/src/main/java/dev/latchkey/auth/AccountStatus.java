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
    /** Locked after too many consecutive failed logins; every login answers {@link AuthErrorCode#INVALID_CREDENTIALS}
     * until a password reset with a code unlocks it. */
    LOCKED
}
