// The sign-in pages: a router over hash routes (#/sign-in, #/sign-up, #/forgot, #/account) and the steps between
// them (codes, the second step, enrolment, recovery codes), kept in memory: nothing goes to storage or a URL.

import * as api from './api.js';
import { ApiError } from './api.js';
import * as passkeys from './passkeys.js';
import { busy, checkRequired, contactOf, onSubmit, raw, value } from './forms.js';
import { showAccount } from './account.js';
import { enrollTotp } from './totp.js';

const main = document.getElementById('main');
const CONTACT_MISSING = { contact: 'Enter your email or phone number.' };
const FACTORS = {
  totp: { label: 'Authenticator app', code: 'The 6-digit code your app shows', numeric: true },
  recovery_code: { label: 'A recovery code', code: 'One of your recovery codes', numeric: false },
  sms: { label: 'A code by text message', code: 'The code we texted you', numeric: true, send: true },
  email: { label: 'A code by email', code: 'The code we emailed you', numeric: true, send: true },
  passkey: { label: 'A passkey', passkey: true },
  password: { label: 'Your password' }, // confirming it is you on the account page (account.js)
};

/**
 * Renders the view `name` into <main>, names the page after its heading and moves focus to it. Returns the view's
 * element: work still running for a view that was replaced meanwhile touches only that detached element.
 */
export function show(name) {
  passkeys.stopAutofill();
  const view = document.createElement('div');
  view.className = 'view';
  view.dataset.view = name;
  view.append(document.getElementById('view-' + name).content.cloneNode(true));
  main.replaceChildren(view);
  const heading = view.querySelector('h1');
  document.title = `${heading.textContent} · Latchkey Example`;
  document.getElementById('nav').hidden = !api.user();
  heading.focus();
  return view;
}

/** Shows a status line in the current view (or in `view`). */
export function notice(text, view = main) {
  const box = view.querySelector('[data-notice]');
  if (!box) {
    return;
  }
  box.textContent = text;
  box.hidden = false;
}

function go(hash) {
  if (location.hash === hash) {
    route();
  } else {
    location.hash = hash;
  }
}

/** After a primary login or a second step: tokens, or the next step. */
async function afterLogin(answer) {
  if (answer.status === 'second_factor_required') {
    secondStep(answer);
  } else if (answer.status === 'enrollment_required') {
    show('enroll');
    await enrollTotp(main.querySelector('[data-totp]'), answer.challenge, afterLogin);
  } else {
    api.keep(answer);
    if (answer.recovery_codes) {
      recoveryCodes(answer.recovery_codes);
    } else {
      go('#/account');
    }
  }
}

/** Shows a new set of recovery codes once; then the account page. */
export function recoveryCodes(codes) {
  show('recovery-codes');
  const list = main.querySelector('[data-codes]');
  for (const code of codes) {
    const li = document.createElement('li');
    li.textContent = code;
    list.append(li);
  }
  main.querySelector('[data-action="done"]').addEventListener('click', () => go('#/account'));
}

function signIn(message, contact) {
  show('sign-in');
  const form = main.querySelector('form');
  if (message) {
    notice(message);
  }
  if (contact) {
    form.elements.contact.value = contact;
  }
  onSubmit(form, async () => {
    if (!checkRequired(form, ['contact', 'password'], { ...CONTACT_MISSING, password: 'Enter your password.' })) {
      return;
    }
    await afterLogin(await api.post('/api/auth/login', { ...contactOf(value(form, 'contact')), password: raw(form, 'password') }));
  });
  form.querySelector('[data-action="send-code"]').addEventListener('click', () => busy(form, async () => {
    if (!checkRequired(form, ['contact'], CONTACT_MISSING)) {
      return;
    }
    const to = contactOf(value(form, 'contact'));
    await api.post('/api/auth/otp/send', to);
    codeStep(to, '/api/auth/otp/verify', '/api/auth/otp/send');
  }));
  if (passkeys.supported()) {
    const way = form.querySelector('[data-passkey]');
    way.hidden = false;
    way.querySelector('button').addEventListener('click', () => busy(form, async () => {
      // Usernameless: the browser lists this site's passkeys, and the chosen one names its account.
      const options = await api.post('/api/auth/passkeys/login/options');
      await passkeyLogin(await passkeys.assertion(options));
    }));
    offerAutofill(form);
  }
}

/** Signs in with an assertion; a refusal (401 for every failure) reads as the passkey's, not a password's. */
async function passkeyLogin(credential) {
  let answer;
  try {
    answer = await api.post('/api/auth/passkeys/login', { credential });
  } catch (e) {
    if (e instanceof ApiError && e.code === 'invalid_credentials') {
      throw new ApiError(e.status, { code: 'passkey_refused' }, e.retryAfter);
    }
    throw e;
  }
  await afterLogin(answer);
}

/**
 * Offers this site's passkeys in the contact field's autofill (conditional mediation) while the sign-in form is
 * shown; a passkey picked there signs in. Best effort: without support, or with the options refused, the button
 * still works.
 */
async function offerAutofill(form) {
  if (!(await passkeys.autofillSupported())) {
    return;
  }
  let options;
  try {
    options = await api.post('/api/auth/passkeys/login/options');
  } catch {
    return;
  }
  if (!form.isConnected) {
    return;
  }
  const credential = await passkeys.autofillAssertion(options);
  if (credential && form.isConnected) {
    await busy(form, () => passkeyLogin(credential));
  }
}

/** The code step of a code login or a registration; `resendPath` null where a new code needs the form again. */
function codeStep(to, verifyPath, resendPath) {
  show('code');
  const where = to.email || to.phone;
  notice(`We sent a code to ${where}. It works for 5 minutes.`);
  const form = main.querySelector('form');
  const resend = form.querySelector('[data-action="resend"]');
  resend.hidden = !resendPath;
  resend.addEventListener('click', () => busy(form, async () => {
    await api.post(resendPath, to);
    notice(`We sent a new code to ${where}.`);
  }));
  onSubmit(form, async () => {
    if (!checkRequired(form, ['code'], { code: 'Enter the code we sent you.' })) {
      return;
    }
    await afterLogin(await api.post(verifyPath, { ...to, code: value(form, 'code') }));
  });
}

function signUp() {
  show('sign-up');
  const form = main.querySelector('form');
  onSubmit(form, async () => {
    if (!value(form, 'email') && !value(form, 'phone')) {
      checkRequired(form, ['email'], { email: 'Enter an email or a phone number.' });
      return;
    }
    if (!checkRequired(form, ['password'], { password: 'Choose a password.' })) {
      return;
    }
    const body = { password: raw(form, 'password') };
    if (value(form, 'email')) {
      body.email = value(form, 'email');
    }
    if (value(form, 'phone')) {
      body.phone = contactOf(value(form, 'phone')).phone;
    }
    if (value(form, 'profile.name')) {
      body.profile = { name: value(form, 'profile.name') };
    }
    await api.post('/api/auth/register', body);
    codeStep(body.email ? { email: body.email } : { phone: body.phone }, '/api/auth/register/verify', null);
  });
}

/** Factor choices as radio buttons in `container`; `changed(factor)` runs on every choice, and now for the first. */
export function factorChoices(container, factors, name, changed) {
  factors.forEach((factor, i) => {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = name;
    input.value = factor;
    input.checked = i === 0;
    input.addEventListener('change', () => changed(factor));
    label.append(input, ' ' + (FACTORS[factor] ? FACTORS[factor].label : factor));
    container.append(label);
  });
  changed(factors[0]);
}

/** Points a code field at `factor`: its label, keyboard and autocomplete; shows `send` for codes we send. */
export function codeFieldFor(form, factor, send) {
  const input = form.querySelector('input[name="code"]');
  const about = FACTORS[factor] || FACTORS.totp;
  input.closest('.field').hidden = Boolean(about.passkey);
  const hint = form.querySelector('[data-passkey-hint]');
  if (hint) {
    hint.hidden = !about.passkey;
  }
  if (about.passkey) {
    send.hidden = true;
    return;
  }
  form.querySelector('[data-code-label]').textContent = about.code;
  input.inputMode = about.numeric ? 'numeric' : 'text';
  input.autocomplete = about.numeric ? 'one-time-code' : 'off';
  send.hidden = !about.send;
}

function secondStep(step) {
  show('second-step');
  const form = main.querySelector('form');
  const send = form.querySelector('[data-action="send"]');
  const chosen = () => form.querySelector('input[name="factor"]:checked').value;
  // A browser without passkeys is not offered one (unless nothing else is left, to say why in an error).
  const usable = step.factors.filter((f) => f !== 'passkey' || passkeys.supported());
  const factors = usable.length ? usable : step.factors;
  factorChoices(form.querySelector('[data-factors]'), factors, 'factor', (f) => codeFieldFor(form, f, send));
  send.addEventListener('click', () => busy(form, async () => {
    await api.post('/api/auth/mfa/send', { challenge: step.challenge, factor: chosen() });
    notice(chosen() === 'sms' ? 'We texted you a code.' : 'We emailed you a code.');
    form.elements.code.focus();
  }));
  onSubmit(form, async () => {
    if (chosen() === 'passkey') {
      const options = await api.post('/api/auth/passkeys/login/options', { challenge: step.challenge });
      const credential = await passkeys.assertion(options);
      await afterLogin(await api.post('/api/auth/mfa/verify', { challenge: step.challenge, factor: 'passkey', credential }));
      return;
    }
    if (!checkRequired(form, ['code'], { code: 'Enter the code.' })) {
      return;
    }
    const code = value(form, 'code');
    await afterLogin(await api.post('/api/auth/mfa/verify', { challenge: step.challenge, factor: chosen(), code }));
  });
}

function forgot() {
  show('forgot');
  const form = main.querySelector('form');
  onSubmit(form, async () => {
    if (!checkRequired(form, ['contact'], CONTACT_MISSING)) {
      return;
    }
    const to = contactOf(value(form, 'contact'));
    await api.post('/api/auth/password/forgot', to);
    reset(to);
  });
}

function reset(to) {
  show('reset');
  notice(`If ${to.email || to.phone} has an account, we sent it a code. It works for 5 minutes.`);
  const form = main.querySelector('form');
  onSubmit(form, async () => {
    if (!checkRequired(form, ['code', 'new_password'], { code: 'Enter the code we sent you.', new_password: 'Choose a new password.' })) {
      return;
    }
    await api.post('/api/auth/password/reset', { ...to, code: value(form, 'code'), new_password: raw(form, 'new_password') });
    signIn('Your password is changed, and every session signed out. Sign in with the new password.', to.email || to.phone);
  });
}

/** Ends this browser's session (the server clears the cookie) and shows the sign-in page with `message`. */
export async function signOut(message) {
  try {
    await api.post('/api/auth/logout');
  } finally {
    api.forget();
    signIn(message);
    if (location.hash !== '#/sign-in') {
      history.replaceState(null, '', '#/sign-in');
    }
  }
}

/** The view the current hash shows: 'account', 'sign-up', 'forgot' or 'sign-in'. */
function routed() {
  const hash = location.hash;
  if (hash === '#/account' || ((hash === '' || hash === '#/sign-in') && api.user())) {
    return 'account';
  }
  return { '#/sign-up': 'sign-up', '#/forgot': 'forgot' }[hash] || 'sign-in';
}

async function route() {
  const name = routed();
  if (name === 'account') {
    if (!api.user()) {
      signIn('Please sign in first.');
      return;
    }
    const view = show('account');
    await showAccount(view, { notice: (text) => notice(text, view), signOut, recoveryCodes, factorChoices, codeFieldFor });
    return;
  }
  ({ 'sign-up': signUp, forgot }[name] || signIn)();
}

/**
 * A hash change or a link to the current hash: the hash's view, unless it is the one shown already (from "/" to
 * "#/sign-in" on the sign-in form, say), so that a form someone has begun typing in is never drawn again under them.
 */
function navigate() {
  const shown = main.querySelector('.view');
  if (!shown || shown.dataset.view !== routed()) {
    route();
  }
}

/** A link to the hash already shown ("Start again" on a code step under #/sign-in): no hashchange comes, so navigate. */
function sameHashLink(event) {
  const link = event.target.closest('a[href^="#/"]');
  if (link && link.getAttribute('href') === location.hash) {
    event.preventDefault();
    navigate();
  }
}

/**
 * Looks up the session (a refresh through the cookie), then draws the first view, once: nothing is drawn before, and
 * a hash change meanwhile is only read by that draw, so no view is drawn again under someone typing in it. Then
 * <body data-ready> says start-up is over (the browser tests wait for it).
 */
async function start() {
  document.getElementById('nav-sign-out').addEventListener('click', () => signOut('You are signed out.'));
  const [, outbox] = await Promise.all([api.resume(), fetch('/dev/outbox.html', { cache: 'no-store' })]);
  document.getElementById('outbox-link').hidden = !outbox.ok;
  window.addEventListener('hashchange', navigate);
  document.addEventListener('click', sameHashLink);
  await route();
  document.body.dataset.ready = '';
}

start();
