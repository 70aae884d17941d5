// The account page: profile, password, email and phone changes with a code, two-step verification (TOTP and
// recovery codes), passkeys (passkey-account.js), sessions, sign-out, deletion; a change that needs a recent sign-in asks to confirm it is you first.

import * as api from './api.js';
import { ApiError } from './api.js';
import { busy, checkRequired, clearErrors, onSubmit, raw, showError, value } from './forms.js';
import { passkeySection } from './passkey-account.js';
import * as passkeys from './passkeys.js';
import { enrollTotp } from './totp.js';

const TIME = { dateStyle: 'medium', timeStyle: 'short' };

/** Fills the account view in `root`; `app` gives notice, signOut, recoveryCodes and the factor-choice helpers. */
export async function showAccount(root, app) {
  const reauth = stepUp(root, app);
  const guarded = (form, action) => onSubmit(form, action, reauth.handler(form, action));
  const clicked = (name, action) => {
    const button = root.querySelector(`[data-action="${name}"]`);
    const origin = button.closest('form') || button.closest('section');
    button.addEventListener('click', () => busy(origin, action, reauth.handler(origin, action)));
  };

  fillUser(root);
  guarded(root.querySelector('#profile-form'), async (form) => {
    const name = value(form, 'profile.name');
    api.setUser(await api.authed('PATCH', '/api/profile', { profile: { name: name || null } }));
    fillUser(root);
    app.notice('Your profile is saved.');
  });
  guarded(root.querySelector('#password-form'), async (form) => {
    if (!checkRequired(form, ['current_password', 'new_password'], { current_password: 'Enter your current password.', new_password: 'Choose a new password.' })) {
      return;
    }
    await api.authed('POST', '/api/auth/password/change', { current_password: raw(form, 'current_password'), new_password: raw(form, 'new_password') });
    form.reset();
    await listSessions(root, app); // renews the access token, which the change ended, through the cookie
    app.notice('Your password is changed. Your other sessions are signed out.');
  });
  for (const form of root.querySelectorAll('#email-form, #phone-form')) {
    contactChange(root, form, app, guarded);
  }
  clicked('sign-out', () => app.signOut('You are signed out.'));
  clicked('sign-out-everywhere', async () => {
    await api.authed('POST', '/api/auth/logout-all');
    api.forget();
    await app.signOut('You are signed out everywhere.');
  });
  deletion(root, app, guarded, clicked);
  // Every control works from the start; what the account has comes in after.
  const refreshMfa = await mfa(root, app, clicked);
  await Promise.all([passkeySection(root, app, reauth.handler, refreshMfa), listSessions(root, app)]);
}

function fillUser(root) {
  const u = api.user();
  const describe = (v, verified) => (v ? `${v}${verified ? ' (verified)' : ' (not verified)'}` : 'none');
  root.querySelector('[data-user="email"]').textContent = describe(u.email, u.email_verified);
  root.querySelector('[data-user="phone"]').textContent = describe(u.phone, u.phone_verified);
  root.querySelector('#profile-name').value = (u.profile && u.profile.name) || '';
  for (const input of root.querySelectorAll('[data-username]')) {
    input.value = u.email || u.phone || '';
  }
}

/** A new email or phone: a code goes to it, and the change happens when the code comes back. */
function contactChange(root, form, app, guarded) {
  const kind = form.dataset.kind;
  const codeField = form.querySelector('[data-code-field]');
  const button = form.querySelector('button[type="submit"]');
  guarded(form, async () => {
    if (!checkRequired(form, [kind], { [kind]: kind === 'email' ? 'Enter the new email.' : 'Enter the new phone number.' })) {
      return;
    }
    const to = kind === 'email' ? value(form, 'email') : value(form, 'phone').replace(/[\s().-]/g, '');
    if (codeField.hidden) {
      await api.authed('POST', `/api/profile/${kind}`, { [kind]: to });
      codeField.hidden = false;
      button.textContent = 'Confirm the change';
      app.notice(`We sent a code to ${to}. Enter it below to confirm the change.`);
      form.elements.code.focus();
      return;
    }
    if (!checkRequired(form, ['code'], { code: 'Enter the code we sent to the new one.' })) {
      return;
    }
    api.setUser(await api.authed('POST', `/api/profile/${kind}/verify`, { [kind]: to, code: value(form, 'code') }));
    form.reset();
    codeField.hidden = true;
    button.textContent = 'Send a code';
    fillUser(root);
    app.notice(`Your ${kind === 'email' ? 'email' : 'phone'} is now ${to}. Your other sessions are signed out.`);
  });
}

async function mfa(root, app, clicked) {
  const section = root.querySelector('[aria-labelledby="mfa-title"]');
  const refreshStatus = async () => {
    const status = await api.authed('GET', '/api/auth/mfa');
    const totp = status.factors.find((f) => f.type === 'totp');
    const passkey = status.factors.some((f) => f.type === 'passkey');
    section.querySelector('[data-mfa-status]').textContent = totp
      ? `On: an authenticator app since ${new Date(totp.created_at).toLocaleString(undefined, TIME)}. `
        + `${status.recovery_codes_left} recovery codes left.`
      : passkey ? 'On: after your password, sign-in asks for one of your passkeys (see Passkeys below).'
        : `Off${status.required ? ', but required for this account' : ''}: sign-in needs only your password or a code.`;
    section.querySelector('[data-action="totp-enroll"]').textContent = totp ? 'Set up a new authenticator app' : 'Set up an authenticator app';
    section.querySelector('[data-action="totp-remove"]').hidden = !totp;
    section.querySelector('[data-action="recovery-codes"]').hidden = !totp;
  };
  clicked('totp-enroll', () => enrollTotp(section.querySelector('[data-totp]'), null, (answer) => app.recoveryCodes(answer.recovery_codes)));
  clicked('recovery-codes', async () => app.recoveryCodes((await api.authed('POST', '/api/auth/mfa/recovery-codes')).recovery_codes));
  clicked('totp-remove', async () => {
    await api.authed('DELETE', '/api/auth/mfa/totp');
    await refreshStatus();
    app.notice('The authenticator app is turned off.');
  });
  await refreshStatus();
  return refreshStatus;
}

async function listSessions(root, app) {
  const list = root.querySelector('[data-sessions]');
  const { sessions } = await api.authed('GET', '/api/auth/sessions');
  list.replaceChildren();
  for (const s of sessions) {
    const li = document.createElement('li');
    const what = document.createElement('span');
    what.className = 'what';
    const where = `${s.user_agent || 'Unknown browser'} at ${s.client_address || 'an unknown address'}`;
    what.textContent = `${s.current ? 'This browser: ' : ''}${where}, last used ${new Date(s.last_used_at).toLocaleString(undefined, TIME)}`;
    what.dataset.volatile = '';
    const revoke = document.createElement('button');
    revoke.type = 'button';
    revoke.className = 'secondary';
    revoke.textContent = 'Sign out';
    revoke.setAttribute('aria-label', `Sign out ${s.current ? 'this browser' : where}`);
    revoke.addEventListener('click', () => busy(li, async () => {
      await api.authed('DELETE', `/api/auth/sessions/${encodeURIComponent(s.id)}`);
      if (s.current) {
        await app.signOut('You are signed out.');
        return;
      }
      await listSessions(root, app);
      app.notice('That session is signed out.');
    }));
    li.append(what, revoke);
    list.append(li);
  }
}

function deletion(root, app, guarded, clicked) {
  const form = root.querySelector('#delete-form');
  const codeField = form.querySelector('[data-code-field]');
  let sentTo = null;
  // A password confirms the deletion of an account that has one; a code to its contact, of one that has none.
  const withPassword = api.user().has_password;
  form.querySelector('#delete-password').closest('.field').hidden = !withPassword;
  form.querySelector('[data-action="delete-code"]').hidden = withPassword;
  clicked('delete-code', async () => {
    const u = api.user();
    sentTo = u.email ? { email: u.email } : { phone: u.phone };
    await api.post('/api/auth/otp/send', sentTo);
    codeField.hidden = false;
    app.notice(`We sent a code to ${sentTo.email || sentTo.phone}. Enter it to delete the account.`);
    form.elements.code.focus();
  });
  guarded(form, async () => {
    if (!withPassword && !sentTo) {
      throw new ApiError(0, { code: 'code_first' }, null);
    }
    const [name, text] = withPassword ? ['password', 'Enter your password to delete the account.'] : ['code', 'Enter the code we sent you.'];
    if (!checkRequired(form, [name], { [name]: text })) {
      return;
    }
    await api.authed('DELETE', '/api/profile', withPassword ? { password: raw(form, 'password') } : { ...sentTo, code: value(form, 'code') });
    await app.signOut('Your account is deleted.');
  });
}

/**
 * "Confirm it is you": shown when a change answers insufficient_user_authentication, offering only what the account
 * has (reauthOptions); after it (re-authentication on the same session), the change runs again.
 */
function stepUp(root, app) {
  const section = root.querySelector('#reauth');
  const form = section.querySelector('form');
  const send = form.querySelector('[data-action="send"]');
  const secret = form.querySelector('#reauth-secret');
  const choices = form.querySelector('[data-factors]');
  let pending = null;
  const chosen = () => form.querySelector('input[name="reauth-factor"]:checked').value;
  const choose = (factor) => {
    if (factor === 'password') {
      secret.closest('.field').hidden = false;
      secret.name = 'password';
      secret.type = 'password';
      secret.autocomplete = 'current-password';
      secret.inputMode = 'text';
      form.querySelector('[data-code-label]').textContent = 'Password';
      send.hidden = true;
    } else {
      secret.name = 'code';
      secret.type = 'text';
      app.codeFieldFor(form, factor, send);
    }
  };
  send.addEventListener('click', () => busy(form, async () => {
    await api.authed('POST', '/api/auth/mfa/send', { factor: chosen() });
    app.notice(chosen() === 'sms' ? 'We texted you a code.' : 'We emailed you a code.');
    secret.focus();
  }));
  form.querySelector('[data-action="cancel"]').addEventListener('click', () => {
    pending = null;
    section.hidden = true;
  });
  onSubmit(form, async () => {
    const factor = chosen();
    if (factor !== 'passkey' && !checkRequired(form, [secret.name], { [secret.name]: 'Enter it to confirm.' })) {
      return;
    }
    const body = factor === 'password' ? { password: raw(form, 'password') }
      : factor === 'passkey' ? { factor, credential: await passkeyAssertion() } : { factor, code: value(form, 'code') };
    api.keep(await api.authed('POST', '/api/auth/reauthenticate', body));
    section.hidden = true;
    form.reset();
    const again = pending;
    pending = null;
    if (again) {
      await again();
    }
  });
  /** Offers the ways this account confirms it is you, then shows the step. */
  const offer = async () => {
    const factors = reauthOptions(api.user(), await api.authed('GET', '/api/auth/mfa'));
    if (!factors.length) {
      throw new ApiError(0, { code: 'sign_in_again' }, null);
    }
    choices.replaceChildren();
    app.factorChoices(choices, factors, 'reauth-factor', choose);
    clearErrors(form);
    section.hidden = false;
    section.querySelector('h2').focus();
  };
  /** The error handler of a change in `origin` running `action`: true when it asked to confirm first. */
  const handler = (origin, action) => {
    const handle = (e) => {
      if (!(e instanceof ApiError) || e.code !== 'insufficient_user_authentication') {
        return false;
      }
      pending = () => busy(origin, action, handle);
      clearErrors(origin);
      offer().catch((failure) => showError(origin, failure));
      return true;
    };
    return handle;
  };
  return { handler };
}

/**
 * The ways `u` may confirm it is you, as POST /api/auth/reauthenticate takes them, from the two-step `status`
 * (GET /api/auth/mfa): an account with a second step (an authenticator app, or passkeys beside a password) only with
 * its second factors; any other with its passkey, its password when it has one (`has_password`), or a code to a
 * proved email or phone. A passkey comes first, where this browser can use one.
 */
function reauthOptions(u, status) {
  const has = (type) => status.factors.some((f) => f.type === type);
  const passkey = has('passkey') && passkeys.supported() ? ['passkey'] : [];
  if (has('totp') || (u.has_password && has('passkey'))) {
    return [...passkey, ...(has('totp') ? ['totp'] : []), ...(has('totp') && status.recovery_codes_left > 0 ? ['recovery_code'] : [])];
  }
  return [...passkey, ...(u.has_password ? ['password'] : []), ...(u.email && u.email_verified ? ['email'] : []),
    ...(u.phone && u.phone_verified ? ['sms'] : [])];
}

/** An assertion of one of the signed-in user's passkeys (named options list them), to re-authenticate with. */
async function passkeyAssertion() {
  const u = api.user();
  const options = await api.post('/api/auth/passkeys/login/options', u.email ? { email: u.email } : u.phone ? { phone: u.phone } : undefined);
  return passkeys.assertion(options);
}
