/**
 * A WebAuthn authenticator in software for tests of passkey ceremonies
 * ({@link dev.latchkey.auth.testkit.webauthn.SoftwareAuthenticator}), with JDK keys only: no browser, no device.
 */
package dev.latchkey.auth.testkit.webauthn;
