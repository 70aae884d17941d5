// Passkeys (WebAuthn) in the browser: the API's options go through PublicKeyCredential.parse*OptionsFromJSON
// unchanged, and credential.toJSON() goes back as `credential`. Browser refusals become ApiErrors with codes of their
// own (passkey_cancelled, passkey_exists, passkey_unavailable) so that errors.js gives them a sentence.

import { ApiError } from './api.js';

let autofill = null; // the AbortController of the pending conditional (autofill) request, if any

/** Whether this browser can use passkeys with the API's JSON forms. */
export function supported() {
  return typeof window.PublicKeyCredential === 'function'
    && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function'
    && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function';
}

/** Whether the browser offers passkeys in a field's autofill (conditional mediation). */
export async function autofillSupported() {
  if (!supported() || typeof PublicKeyCredential.isConditionalMediationAvailable !== 'function') {
    return false;
  }
  try {
    return await PublicKeyCredential.isConditionalMediationAvailable();
  } catch {
    return false;
  }
}

/** Ends a pending autofill request (before a modal one, or when its view goes). */
export function stopAutofill() {
  if (autofill) {
    autofill.abort();
    autofill = null;
  }
}

/** The browser's refusal as an ApiError, or null for an aborted request (nobody is waiting for it). */
function refusal(e) {
  const name = e && e.name;
  if (name === 'AbortError') {
    return null;
  }
  const code = { NotAllowedError: 'passkey_cancelled', InvalidStateError: 'passkey_exists' }[name] || 'passkey_unavailable';
  return new ApiError(0, { code }, null);
}

/** An assertion (AuthenticationResponseJSON) for request options from the API, asked in a dialog. */
export async function assertion(options) {
  stopAutofill();
  try {
    const credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    return credential.toJSON();
  } catch (e) {
    throw refusal(e) || new ApiError(0, { code: 'passkey_cancelled' }, null);
  }
}

/**
 * Waits for the person to pick a passkey in the autofill of a field with autocomplete "username webauthn"; resolves
 * to the assertion, or null when the request was stopped or the browser refused it (autofill is only an offer).
 */
export async function autofillAssertion(options) {
  stopAutofill();
  const controller = new AbortController();
  autofill = controller;
  try {
    const credential = await navigator.credentials.get({
      mediation: 'conditional', signal: controller.signal,
      publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options),
    });
    return credential ? credential.toJSON() : null;
  } catch {
    return null;
  } finally {
    if (autofill === controller) {
      autofill = null;
    }
  }
}

/** A new passkey's RegistrationResponseJSON for creation options from the API. */
export async function creation(options) {
  stopAutofill();
  try {
    const credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
    return credential.toJSON();
  } catch (e) {
    throw refusal(e) || new ApiError(0, { code: 'passkey_cancelled' }, null);
  }
}
