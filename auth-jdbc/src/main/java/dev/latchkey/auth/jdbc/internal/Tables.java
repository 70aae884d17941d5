package dev.latchkey.auth.jdbc.internal;

/**
 * The names of Latchkey's tables under one table prefix.
 *
 * @param prefix        the validated prefix, possibly empty
 * @param users         accounts
 * @param sessions      sessions
 * @param refreshTokens refresh tokens
 * @param otpCodes      one-time codes
 * @param rateLimits    counters and holds
 * @param schemaVersion applied migrations
 */
public record Tables(String prefix, String users, String sessions, String refreshTokens, String otpCodes,
                     String rateLimits, String schemaVersion) {

    /** The tables under {@code prefix}, which the caller has validated (it is pasted into SQL). */
    public static Tables withPrefix(String prefix) {
        return new Tables(prefix, prefix + "latchkey_users", prefix + "latchkey_sessions",
                prefix + "latchkey_refresh_tokens", prefix + "latchkey_otp_codes", prefix + "latchkey_rate_limits",
                prefix + "latchkey_schema_version");
    }
}
