/**
 * Implementation details of {@code auth-webauthn}: the checks on webauthn4j, the stored form of a passkey, the
 * options JSON and the challenges. Not API: anything here may change or disappear in any release.
 */
package dev.latchkey.auth.webauthn.internal;
