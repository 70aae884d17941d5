package dev.latchkey.auth;

/** What happened, in an {@link AuthEvent}. */
public enum AuthEventType {
    /** A new account was registered (directly, pending verification, or by a first code login). */
    ACCOUNT_REGISTERED,
    /** An email or phone was proved with a code. */
    CONTACT_VERIFIED,
    /** A password or code login succeeded. */
    LOGIN_SUCCEEDED,
    /** A password login failed (unknown account, wrong password, disabled or locked account alike). */
    LOGIN_FAILED,
    /** A login was refused by the attempt limits before any password check. */
    LOGIN_THROTTLED,
    /** A one-time code was sent. */
    CODE_SENT,
    /** A one-time code could not be delivered. */
    CODE_DELIVERY_FAILED,
    /** A one-time code was wrong, expired, used or for another purpose. */
    CODE_REJECTED,
    /** Code checks or sends for a destination or address were refused by their limits. */
    CODE_LOCKED,
    /** A refresh token was exchanged for a new one. */
    TOKEN_REFRESHED,
    /** A used refresh token came back; its whole session was revoked. */
    REFRESH_REUSE_DETECTED,
    /** A session ended by logout. */
    LOGGED_OUT,
    /** Every session of a user ended. */
    LOGGED_OUT_EVERYWHERE,
    /** One session was revoked by its owner or the host. */
    SESSION_REVOKED,
    /** A password was changed with the current one. */
    PASSWORD_CHANGED,
    /** A password was reset with a code. */
    PASSWORD_RESET,
    /** An email or phone was replaced after its code was confirmed. */
    CONTACT_CHANGED,
    /** Roles were replaced. */
    ROLES_CHANGED,
    /** Too many consecutive failed logins locked the account until a password reset. */
    ACCOUNT_LOCKED,
    /** A password reset unlocked a locked account. */
    ACCOUNT_UNLOCKED,
    /** The host disabled the account. */
    ACCOUNT_DISABLED,
    /** The host re-enabled the account. */
    ACCOUNT_ENABLED,
    /** The account was deleted. */
    ACCOUNT_DELETED
}
