/**
 * Passkeys (WebAuthn) for Latchkey on the factor SPI of {@code auth-core}, verified with webauthn4j:
 * {@link dev.latchkey.auth.webauthn.PasskeyFactor} runs registration and authentication ceremonies in WebAuthn Level
 * 3's JSON forms, signs users in without a password, answers second steps, and lists, renames and deletes passkeys
 * ({@link dev.latchkey.auth.webauthn.Passkey}); {@link dev.latchkey.auth.webauthn.PasskeyConfig} names the relying
 * party.
 *
 * <p>Register it with {@code AuthService.newBuilder(config, stores).factor(passkeys)}. Its data are credentials in the
 * service's {@link dev.latchkey.auth.store.CredentialStore} (types {@code passkey} and {@code passkey_user}) and
 * challenges in its {@link dev.latchkey.auth.store.ChallengeStore}, so every store that passes auth-testkit's
 * contracts works, and no migration is needed.
 */
package dev.latchkey.auth.webauthn;
