package dev.latchkey.auth;

/** What a one-time code (or a message without one) is for. A code for one purpose never works for another. */
public enum OtpPurpose {
    /** Log in without a password. */
    LOGIN,
    /** Prove an email address after registration. */
    VERIFY_EMAIL,
    /** Prove a phone number after registration. */
    VERIFY_PHONE,
    /** Reset a forgotten password. */
    RESET_PASSWORD,
    /** Prove a new email address before it replaces the old one. */
    CHANGE_EMAIL,
    /** Prove a new phone number before it replaces the old one. */
    CHANGE_PHONE,
    /** A notice without a code: the account's email or phone was changed. */
    CONTACT_CHANGED_NOTICE,
    /** A notice without a code: someone tried to register with this email or phone, which already has an account. */
    ACCOUNT_EXISTS_NOTICE,
    /** Answer the second step of a login, or re-authenticate, after the password; bound to that one step. */
    SECOND_FACTOR,
    /** A notice without a code: a recovery code of the account was used. */
    RECOVERY_CODE_USED_NOTICE,
    /** A notice without a code: an administrator removed the account's second factors. */
    SECOND_FACTORS_RESET_NOTICE;

    /** Whether messages for this purpose carry a one-time code (notices do not). */
    public boolean carriesCode() {
        return !name().endsWith("_NOTICE");
    }
}
