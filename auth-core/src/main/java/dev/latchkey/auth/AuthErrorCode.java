package dev.latchkey.auth;

import java.util.Locale;

/**
 * The stable reason an {@link AuthException} was thrown.
 *
 * <p>Codes are the contract: hosts switch on them and send {@link #code()} to clients. Messages may change between
 * releases; codes and their {@link #httpStatus()} do not. Expected outcomes (a wrong password, an expired code) are
 * distinct from infrastructure failures ({@link #STORE_UNAVAILABLE}, {@link #DELIVERY_FAILED}).
 */
public enum AuthErrorCode {
    /** Unknown account, wrong password or disabled account: deliberately one code so callers cannot tell them apart. */
    INVALID_CREDENTIALS(401),
    /** A one-time code that is wrong, expired, used, voided by a newer one, or meant for another purpose. */
    INVALID_CODE(401),
    /** An access or refresh token that is malformed, forged, expired, revoked or of the wrong type. */
    INVALID_TOKEN(401),
    /** A new password that the password policy rejects; {@link AuthException#reason()} says why. */
    WEAK_PASSWORD(400),
    /** Malformed input; {@link AuthException#field()} names the field. */
    VALIDATION_FAILED(400),
    /**
     * A passkey (WebAuthn credential) offered for registration that fails verification (wrong origin, RP id or
     * challenge, bad attestation, a credential already registered); {@link AuthException#reason()} says which check.
     */
    INVALID_CREDENTIAL(400),
    /** The password was right but the account has not verified its email or phone yet. */
    VERIFICATION_REQUIRED(403),
    /** The caller is not allowed to do this (for example a missing role). */
    FORBIDDEN(403),
    /**
     * The operation is sensitive and the caller authenticated too long ago (RFC 9470): re-authenticate, then retry;
     * {@link AuthException#maxAge()} says how recent authentication must be.
     */
    INSUFFICIENT_USER_AUTHENTICATION(401),
    /** Too many attempts or sends; {@link AuthException#retryAfter()} says when to try again. */
    TOO_MANY_ATTEMPTS(429),
    /** The email or phone already belongs to another account. */
    ACCOUNT_EXISTS(409),
    /** The user or session does not exist (or no longer exists). */
    NOT_FOUND(404),
    /** The record changed since the caller read it (optimistic locking); read it again and retry. */
    VERSION_CONFLICT(409),
    /** The credential is the account's last way to sign in (its only passkey, and no password), so it stays. */
    LAST_CREDENTIAL(409),
    /** The OTP provider could not deliver a message; no usable code was left behind. */
    DELIVERY_FAILED(502),
    /** The database (or another store) could not be reached or failed; the cause is kept. */
    STORE_UNAVAILABLE(503);

    private final int httpStatus;

    AuthErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The stable snake_case form of this code, for example {@code invalid_credentials}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The HTTP status a web layer should answer with for this code. */
    public int httpStatus() {
        return httpStatus;
    }
}
