// TOTP enrolment, shared by the account page (with the access token) and a login stopped at enrollment_required
// (with that login's challenge): a new secret, its QR code as an image, then a code from the app to turn it on.

import { authed, post } from './api.js';
import { bindLabels, checkRequired, onSubmit, value } from './forms.js';

/**
 * Renders the enrolment into `container`; `challenge` is the login's (or null with a session). `done` gets the
 * confirm answer: {recovery_codes} with a session, a token response plus recovery_codes with a challenge.
 */
export async function enrollTotp(container, challenge, done) {
  const started = challenge ? await post('/api/auth/mfa/totp', { challenge }) : await authed('POST', '/api/auth/mfa/totp');
  const fragment = document.getElementById('totp-setup').content.cloneNode(true);
  bindLabels(fragment);
  // The SVG goes in as an image (data: URL), so nothing in it can run.
  fragment.querySelector('[data-qr]').src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(started.qr_svg);
  fragment.querySelector('[data-secret]').textContent = started.secret;
  container.replaceChildren(fragment);
  const form = container.querySelector('form');
  onSubmit(form, async () => {
    if (!checkRequired(form, ['code'], { code: 'Enter the 6-digit code your app shows.' })) {
      return;
    }
    const code = value(form, 'code').replace(/\s/g, '');
    const answer = challenge
      ? await post('/api/auth/mfa/totp/confirm', { challenge, code })
      : await authed('POST', '/api/auth/mfa/totp/confirm', { code });
    container.replaceChildren();
    await done(answer);
  });
  form.querySelector('input[name="code"]').focus();
}
