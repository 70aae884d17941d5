/**
 * Implementation details of {@code auth-otp}. Not API: anything here may change or disappear in any release.
 */
package dev.latchkey.auth.otp.internal;
