package dev.latchkey.auth;

/**
 * Delivers one-time codes and notices by SMS or email.
 *
 * <p>A provider only delivers: generating, storing, expiring and checking codes is the {@link AuthService}'s job.
 * {@code auth-otp} ships a mock provider (an in-memory outbox), an SMS provider over Twilio's REST API, an email
 * provider over SMTP and a router that picks one by channel. Implementations must be thread-safe and must never log
 * the code or the message text.
 */
public interface OtpProvider {
    /**
     * Delivers the message, or throws.
     *
     * @throws AuthException {@link AuthErrorCode#DELIVERY_FAILED} with a {@link AuthException#reason()} when the
     *                       message could not be handed over; the service then discards the code
     */
    void deliver(OtpMessage message);

    /** Whether this provider can deliver on the channel ({@link Contact.Kind#EMAIL} or {@link Contact.Kind#PHONE}). */
    boolean supports(Contact.Kind channel);
}
