/**
 * Implementation details of {@code auth-totp}: code computation, base32, the otpauth URI, the QR code as SVG, and the
 * recovery-code format. Not API: anything here may change or disappear in any release.
 */
package dev.latchkey.auth.totp.internal;
