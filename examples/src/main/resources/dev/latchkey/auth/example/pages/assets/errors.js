// Readable text for every stable error code of the API (examples/README.md, Errors), with reasons and fields.

const CODES = {
  invalid_credentials: 'That email or phone and password do not match an account.',
  invalid_code: 'That code is not right, or it has expired. Check it, or ask for a new one.',
  invalid_token: 'This step has expired or your session has ended. Please start again.',
  weak_password: 'Choose a stronger password.',
  validation_failed: 'Please check this.',
  verification_required: 'This account is not verified yet. Finish signing up with the code we sent, or sign up again.',
  forbidden: 'That is not allowed.',
  insufficient_user_authentication: 'Please confirm it is you first.',
  too_many_attempts: 'Too many attempts.',
  account_exists: 'Another account already uses that email or phone.',
  not_found: 'That was not found. It may be gone already.',
  version_conflict: 'Something else changed this at the same time. Please try again.',
  delivery_failed: 'We could not send the code. Check the address or number, or try again later.',
  store_unavailable: 'The service is unavailable at the moment. Please try again shortly.',
  payload_too_large: 'That is too long.',
  unsupported_media_type: 'The page sent a request the server does not accept. Please reload the page.',
  method_not_allowed: 'The page sent a request the server does not accept. Please reload the page.',
  rotation_not_supported: 'Signing keys cannot be rotated with this configuration.',
  internal_error: 'Something went wrong on our side. Please try again.',
  network_error: 'The server could not be reached. Check your connection and try again.',
  invalid_credential: 'That passkey could not be added. Please try again.',
  last_credential: 'This passkey is the only way to sign in to your account, so it cannot be deleted. Add another passkey or a password first.',
  // The browser's refusals of a passkey request (passkeys.js), and a passkey sign-in the server refused.
  passkey_cancelled: 'The passkey request was cancelled or timed out. Try again, or sign in another way.',
  passkey_exists: 'This device already has a passkey for your account.',
  passkey_unavailable: 'Passkeys do not work here: this browser or address cannot use them. Sign in another way.',
  passkey_refused: 'That passkey did not sign you in: it may have been deleted from its account. Sign in another way.',
  // Deleting an account without a password before asking for its code (account.js).
  code_first: 'First choose "Send me a code", then enter the code we send you.',
  // "Confirm it is you" with nothing this browser can offer (account.js): only a passkey, and no passkeys here.
  sign_in_again: 'This change needs a recent sign-in, and this browser cannot confirm it here. Sign out, then sign in again.',
};

const REASONS = {
  weak_password: {
    too_short: 'The password is too short: use at least 8 characters.',
    too_long: 'The password is too long.',
    common: 'That password is too common: it is on a list attackers try first.',
    context: 'The password must not contain your email name, your phone number or the name of this site.',
    control_characters: 'The password must not contain tabs, line breaks or other control characters.',
  },
  forbidden: {
    second_factor_required: 'Two-step verification is required for this account, so the last method cannot be removed.',
    nothing_enrolled: 'There is no second step to set up for this sign-in.',
    cross_site_request: 'This request came from another site and was refused.',
  },
  invalid_credential: {
    malformed: 'The browser sent a passkey the server could not read. Please try again.',
    challenge: 'The passkey request expired or was already used. Please try again.',
    origin: 'The passkey was made for another site, so it cannot be added here.',
    rp_id: 'The passkey was made for another site, so it cannot be added here.',
    type: 'The browser sent something other than a new passkey. Please try again.',
    signature: 'The passkey could not be verified. Please try again.',
    user_verification: 'This site needs a passkey that checks it is you (a PIN, fingerprint or face). Use another authenticator.',
    user_presence: 'The authenticator did not confirm someone was there. Please try again and touch it when asked.',
    algorithm: 'This authenticator uses a kind of key this site does not accept. Use another one.',
    attestation: 'The authenticator sent a statement this site does not accept. Use another one.',
    credential_id: 'The passkey could not be read. Please try again.',
    already_registered: 'That passkey is already added to an account.',
    invalid: 'That passkey could not be added. Please try again.',
  },
  delivery_failed: {
    unsupported_channel: 'Codes cannot be sent that way here. Try the other of email and phone.',
    invalid_destination: 'That address or number cannot receive codes.',
  },
};

const FIELDS = {
  email: 'Enter a valid email address, such as ada@example.com.',
  phone: 'Enter the phone number in international form, such as +14155550123.',
  code: 'Enter the code, digits only.',
  password: 'Enter your password.',
  current_password: 'Enter your current password.',
  new_password: 'Enter a new password.',
  label: 'Enter a name of 1 to 64 characters.',
  credential: 'The browser sent a passkey the server could not read. Please try again.',
  body: 'The page sent something the server could not read. Please reload the page.',
};

/** How long to wait, in words, for a Retry-After in seconds. */
export function waitText(seconds) {
  if (seconds <= 60) {
    return `Please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`;
  }
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) {
    return `Please wait ${minutes} minutes and try again.`;
  }
  return `Please wait about ${Math.round(minutes / 60)} hours and try again.`;
}

/** The sentence to show for an ApiError. */
export function messageFor(error) {
  const code = error.code || 'internal_error';
  let text = (REASONS[code] && REASONS[code][error.reason]) || CODES[code] || CODES.internal_error;
  if (code === 'validation_failed' && error.field && FIELDS[error.field]) {
    text = FIELDS[error.field];
  }
  if (error.retryAfter) {
    text += ' ' + waitText(error.retryAfter);
  }
  return text;
}

/** The codes with a text, for tests. */
export const KNOWN_CODES = Object.keys(CODES);
