package dev.latchkey.auth.jdbc.internal;

import java.util.List;

/**
 * The names of Latchkey's tables under one table prefix: the one place that spells them. Stores, the purge, the
 * migrator and the tests take their names from here.
 *
 * @param prefix        the validated prefix, possibly empty
 * @param users         accounts
 * @param sessions      sessions
 * @param refreshTokens refresh tokens
 * @param otpCodes      one-time codes
 * @param rateLimits    counters and holds
 * @param auditEvents   audit events (written only by {@code JdbcAuditLog})
 * @param signingKeys   shared access-token signing keys
 * @param credentials   credentials of every factor (password hashes, ...)
 * @param challenges    single-use challenges
 * @param masterKeys    the registry of master-key ids the data relies on
 * @param schemaVersion applied migrations
 */
public record Tables(String prefix, String users, String sessions, String refreshTokens, String otpCodes,
                     String rateLimits, String auditEvents, String signingKeys, String credentials,
                     String challenges, String masterKeys, String schemaVersion) {
    private static final String STEM = "latchkey_";

    /** The tables under {@code prefix}, which the caller has validated (it is pasted into SQL). */
    public static Tables withPrefix(String prefix) {
        String p = prefix + STEM;
        return new Tables(prefix, p + "users", p + "sessions", p + "refresh_tokens", p + "otp_codes",
                p + "rate_limits", p + "audit_events", p + "signing_keys", p + "credentials", p + "challenges",
                p + "master_keys", p + "schema_version");
    }

    /**
     * Every table, in an order in which each can be dropped (a table holding a foreign key comes before the table it
     * points to), the schema history last.
     */
    public List<String> inDropOrder() {
        return List.of(refreshTokens, sessions, credentials, challenges, users, otpCodes, rateLimits, auditEvents,
                signingKeys, masterKeys, schemaVersion);
    }
}
