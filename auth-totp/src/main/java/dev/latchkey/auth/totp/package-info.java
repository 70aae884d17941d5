/**
 * Second factors for Latchkey on the factor SPI of {@code auth-core}: {@link dev.latchkey.auth.totp.TotpFactor}, TOTP
 * (RFC 6238) from an authenticator app, enrolled with an {@code otpauth://} URI and its QR code as SVG
 * ({@link dev.latchkey.auth.totp.TotpEnrollment}) and set up by {@link dev.latchkey.auth.totp.TotpConfig}; and
 * {@link dev.latchkey.auth.totp.RecoveryCodeFactor}, single-use recovery codes for when the app is lost.
 *
 * <p>Register both with {@code AuthService.newBuilder(config, stores).factor(totp).factor(recovery)}. Their data are
 * credentials in the service's {@link dev.latchkey.auth.store.CredentialStore} (types {@code totp},
 * {@code totp_pending} and {@code recovery_code}), so every store that passes auth-testkit's contracts works, and no
 * migration is needed.
 */
package dev.latchkey.auth.totp;
