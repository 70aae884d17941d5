package dev.latchkey.auth.store;

import java.util.function.Supplier;

/**
 * The stores an {@link dev.latchkey.auth.AuthService} needs, and a way to make several writes one transaction.
 *
 * <p>{@code dev.latchkey.auth.jdbc.JdbcAuthStores} implements it over one SQL database.
 */
public interface AuthStores {
    /** The account store. */
    UserStore users();

    /** The session and refresh-token store. */
    RefreshTokenStore refreshTokens();

    /** The one-time code store. */
    OtpCodeStore otpCodes();

    /** The shared counters behind rate limits and lockouts. */
    RateLimitStore rateLimits();

    /**
     * Runs {@code work} so that every store call it makes on this thread commits or rolls back together. A nested
     * call joins the outer transaction. An exception thrown by {@code work} rolls back and propagates unchanged.
     */
    <T> T inTransaction(Supplier<T> work);
}
