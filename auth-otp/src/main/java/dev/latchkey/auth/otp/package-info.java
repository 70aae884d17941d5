/**
 * Ready-made {@link dev.latchkey.auth.OtpProvider}s: an in-memory {@link dev.latchkey.auth.otp.MockOtpProvider} for
 * tests and local development, {@link dev.latchkey.auth.otp.SmsOtpProvider} over Twilio's Programmable Messaging REST
 * API, {@link dev.latchkey.auth.otp.EmailOtpProvider} over SMTP, and {@link dev.latchkey.auth.otp.OtpRouter}, which
 * sends each message to the provider for its channel.
 *
 * <p>Every provider is immutable once built, thread-safe, and reports failures as
 * {@link dev.latchkey.auth.AuthException#deliveryFailed(String, String, Throwable)} with a stable reason. None of them
 * logs a code, a message text or a credential.
 */
package dev.latchkey.auth.otp;
