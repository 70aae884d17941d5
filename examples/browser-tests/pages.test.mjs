// Every flow of the example app's pages in headless Chromium, against the app that BrowserPagesContract started
// (LATCHKEY_BASE_URL), whose clock it moves on request (LATCHKEY_CLOCK_URL). Codes come from /dev/outbox, TOTP codes
// are computed here; every page and state is scanned with axe-core and photographed, at desktop size and at 390 px.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {
  BASE, LOCAL, NEW_PASSWORD, PASSWORD, account, advance, assertNoLeaks, check, code, copyChangedScreenshots,
  focusedError, launch, newEmail, newPhone, open, ready, signIn, signOut, totp, view, virtualAuthenticator,
  withoutAutofill,
} from './support.mjs';

const README_SHOTS = ['sign-in-desktop', 'sign-in-390', 'sign-up-error-390', 'second-step-390', 'account-desktop'];
let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  // A few screenshots for the README (docs/screenshots), rewritten only when their pixels changed.
  const from = process.env.LATCHKEY_SCREENSHOTS;
  const to = process.env.LATCHKEY_README_SCREENSHOTS;
  if (browser && from && to) {
    await copyChangedScreenshots(browser, README_SHOTS, from, to);
  }
  await browser?.close();
});

test('sign up by email, enter the code, edit the profile, change the password, sign in again by keyboard', async () => {
  const s = await open(browser, BASE + '/#/sign-up');
  const { page } = s;
  await view(page, 'Create an account');
  await check(page, 'sign-up');
  await page.getByRole('button', { name: 'Create account' }).click();
  assert.deepEqual(await focusedError(page), { name: 'email', invalid: 'true', role: null, text: 'Enter an email or a phone number.' });
  await check(page, 'sign-up-error');

  const email = newEmail();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name (optional)').fill('Ada');
  await page.getByLabel('Password').fill('password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.locator('.error').waitFor();
  assert.match((await focusedError(page)).text, /too common/);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await view(page, 'Enter your code');
  await check(page, 'sign-up-code');
  await page.getByLabel('Code').fill(await code(email));
  await page.getByRole('button', { name: 'Continue' }).click();
  await view(page, 'Your account');
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Ada');
  await check(page, 'account');

  await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Your profile is saved.').waitFor();
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your password is changed.').waitFor();
  await page.reload();
  await view(page, 'Your account'); // renewed through the cookie
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Ada Lovelace');
  await signOut(page);

  // Keyboard only: focus starts on the heading; Tab, type, Tab, type, Enter.
  await page.locator('main h1').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.locator('.form-error:not([hidden])').waitFor();
  const wrong = await focusedError(page);
  assert.equal(wrong.role, 'alert');
  assert.match(wrong.text, /do not match an account/);
  await check(page, 'sign-in-error');
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await view(page, 'Your account');
  await assertNoLeaks(s);
  await s.context.close();
});

/** The labels of the ways "confirm it is you" offers, in order. */
function reauthChoices(page) {
  return page.locator('#reauth [data-factors] label').allTextContents().then((all) => all.map((t) => t.trim()));
}

/** Sets location.hash; returns once the page's hashchange listeners (all registered before this one) have run. */
function changeHash(page, hash) {
  return page.evaluate((h) => new Promise((resolve) => {
    window.addEventListener('hashchange', () => resolve(), { once: true });
    location.hash = h;
  }), hash);
}

test('start-up draws the first view once the session is known; a form begun is not drawn again by a hash change', async () => {
  const s = await open(browser);
  const { page } = s;
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/api/auth/token/refresh', async (route) => {
    const answer = await route.fetch(); // sent at once, answered when the test says so: a slow start-up
    await held;
    await route.fulfill({ response: answer });
  });
  try {
    await page.reload();
    await changeHash(page, '#/sign-in'); // as the signIn helper's goto does, while start-up still waits
    assert.equal(await page.locator('main form').count(), 0, 'no form is drawn before start-up ends');
  } finally {
    release();
  }
  await ready(page);
  await view(page, 'Sign in');
  const email = newEmail();
  await page.getByLabel('Email or phone').fill(email);
  await changeHash(page, ''); // "/" shows the same view: nothing is drawn again
  await page.getByRole('link', { name: 'Latchkey Example' }).click(); // a link to the hash shown: neither
  assert.equal(await page.getByLabel('Email or phone').inputValue(), email, 'what was typed is still there');
  await page.getByRole('button', { name: 'Send me a code instead' }).click();
  await view(page, 'Enter your code');
  await page.getByRole('link', { name: 'Start again' }).click(); // the hash is #/sign-in already: still goes back
  await view(page, 'Sign in');
  await assertNoLeaks(s);
  await s.context.close();
});

test('sign in page, and email and phone changed with a code', async () => {
  const email = await account();
  const s = await open(browser);
  const { page } = s;
  await view(page, 'Sign in');
  await check(page, 'sign-in');
  await signIn(page, email);
  const nextEmail = newEmail();
  await page.getByLabel('New email', { exact: true }).fill(nextEmail);
  await page.locator('#email-form').getByRole('button').click();
  await page.getByText(`We sent a code to ${nextEmail}`).waitFor();
  await page.getByLabel('Code sent to the new email').fill(await code(nextEmail));
  await page.getByRole('button', { name: 'Confirm the change' }).click();
  await page.locator('[data-user="email"]', { hasText: `${nextEmail} (verified)` }).waitFor();
  const phone = newPhone();
  await page.getByLabel('New phone', { exact: true }).fill(phone);
  await page.locator('#phone-form').getByRole('button').click();
  await page.getByText(`We sent a code to ${phone}`).waitFor();
  await page.getByLabel('Code sent to the new phone').fill(await code(phone));
  await page.getByRole('button', { name: 'Confirm the change' }).click();
  await page.locator('[data-user="phone"]', { hasText: `${phone} (verified)` }).waitFor();
  await assertNoLeaks(s);
  await s.context.close();
});

test('sessions: another one signed out from the list, then every one signed out everywhere', async () => {
  const email = await account();
  const a = await open(browser);
  const b = await open(browser);
  await signIn(a.page, email);
  await signIn(b.page, email);
  await a.page.reload();
  await view(a.page, 'Your account');
  const sessions = a.page.locator('[data-sessions] li');
  await sessions.nth(2).waitFor();
  assert.equal(await sessions.count(), 3); // registration's, A's and B's
  await sessions.filter({ hasNotText: 'This browser' }).filter({ hasText: 'Chrome' }).getByRole('button').click();
  await a.page.getByText('That session is signed out.').waitFor();
  await sessions.nth(2).waitFor({ state: 'detached' });
  await b.page.reload();
  await view(b.page, 'Sign in');
  await signIn(b.page, email);
  await a.page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await a.page.getByText('You are signed out everywhere.').waitFor();
  await b.page.reload();
  await view(b.page, 'Sign in');
  await assertNoLeaks(a);
  await assertNoLeaks(b);
  await a.context.close();
  await b.context.close();
});

test('TOTP: enrolled with its QR code, recovery codes, then the second step by TOTP, recovery code and email', async () => {
  const email = await account();
  const s = await open(browser);
  const { page } = s;
  await signIn(page, email);
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const qr = page.locator('img[data-qr]');
  await qr.waitFor();
  assert.match(await qr.getAttribute('src'), /^data:image\/svg\+xml/);
  assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code renders');
  await check(page, 'totp-enrol');
  const secret = await page.locator('[data-secret]').textContent();
  await page.getByLabel('The 6-digit code the app shows').fill('000000' === await totp(secret) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.locator('.totp-form .form-error:not([hidden])').waitFor();
  assert.match((await focusedError(page)).text, /code is not right/);
  await page.getByLabel('The 6-digit code the app shows').fill(await totp(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await view(page, 'Save your recovery codes');
  await check(page, 'recovery-codes');
  const codes = await page.locator('[data-codes] li').allTextContents();
  assert.equal(codes.length, 10);
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await view(page, 'Your account');
  await page.getByText('On: an authenticator app').waitFor();
  await signOut(page);

  await advance(31); // the next TOTP step: each is accepted once
  await signIn(page, email, PASSWORD, 'One more step');
  await check(page, 'second-step');
  await page.getByLabel('The 6-digit code your app shows').fill(await totp(secret));
  await page.getByRole('button', { name: 'Continue' }).click();
  await view(page, 'Your account');
  await signOut(page);

  await signIn(page, email, PASSWORD, 'One more step');
  await page.getByLabel('A recovery code').check();
  await page.getByLabel('One of your recovery codes').fill(codes[0]);
  await page.getByRole('button', { name: 'Continue' }).click();
  await view(page, 'Your account');
  await page.getByText('9 recovery codes left').waitFor();
  await signOut(page);

  await signIn(page, email, PASSWORD, 'One more step');
  await page.getByLabel('A code by email').check();
  await page.getByRole('button', { name: 'Send me the code' }).click();
  await page.getByText('We emailed you a code.').waitFor();
  await page.getByLabel('The code we emailed you').fill(await code(email));
  await page.getByRole('button', { name: 'Continue' }).click();
  await view(page, 'Your account');

  // With an authenticator app, confirming it is you takes only the second factors: no password, no emailed code.
  await advance(700);
  await page.getByRole('button', { name: 'New recovery codes' }).click();
  await page.locator('#reauth:not([hidden])').waitFor();
  assert.deepEqual(await reauthChoices(page), ['Authenticator app', 'A recovery code']);
  await page.getByLabel('The 6-digit code your app shows').fill(await totp(secret));
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();
  await view(page, 'Save your recovery codes');
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await view(page, 'Your account');
  await page.getByRole('button', { name: 'Turn off the authenticator app' }).click();
  await page.getByText('The authenticator app is turned off.').waitFor();
  await assertNoLeaks(s);
  await s.context.close();
});

test('a change that needs a recent sign-in asks to confirm it is you, then goes ahead', async () => {
  const email = await account();
  const s = await open(browser);
  const { page } = s;
  await signIn(page, email);
  await advance(700); // past AUTH_REAUTH_MAX_AGE (600 s)
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.locator('#reauth:not([hidden])').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'reauth-title');
  assert.deepEqual(await reauthChoices(page), ['Your password', 'A code by email']);
  await check(page, 'confirm-it-is-you');
  await page.locator('#reauth-secret').fill(PASSWORD);
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();
  await page.getByText('Your password is changed.').waitFor();
  await assertNoLeaks(s);
  await s.context.close();
});

test('forgot password: a code, a new password, then sign in with it', async () => {
  const email = await account();
  await advance(31); // a code went to the email at registration
  const s = await open(browser, BASE + '/#/forgot');
  const { page } = s;
  await view(page, 'Reset your password');
  await check(page, 'forgot-password');
  await page.getByLabel('Email or phone').fill(email);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await view(page, 'Choose a new password');
  await check(page, 'reset-password');
  await page.getByLabel('Code').fill(await code(email));
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await view(page, 'Sign in');
  await page.getByText('Your password is changed').waitFor();
  assert.equal(await page.getByLabel('Email or phone').inputValue(), email);
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await view(page, 'Your account');
  await assertNoLeaks(s);
  await s.context.close();
});

test('a code by SMS signs up a phone; its account, without a password, is deleted with a code after a wait', async () => {
  const phone = newPhone();
  const s = await open(browser);
  const { page } = s;
  await page.getByLabel('Email or phone').fill(phone);
  await page.getByRole('button', { name: 'Send me a code instead' }).click();
  await view(page, 'Enter your code');
  await page.getByLabel('Code').fill(await code(phone));
  await page.getByRole('button', { name: 'Continue' }).click();
  await view(page, 'Your account');
  await page.locator('[data-user="phone"]', { hasText: phone }).waitFor();

  await page.getByRole('button', { name: 'No password? Send me a code' }).click();
  const wait = page.locator('#delete-form .form-error:not([hidden])');
  await wait.waitFor();
  assert.match(await wait.textContent(), /Too many attempts\. Please wait [1-3]?[0-9] seconds? and try again\./);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'alert');
  await check(page, 'retry-after');
  await advance(31);
  await page.getByRole('button', { name: 'No password? Send me a code' }).click();
  await page.getByText(`We sent a code to ${phone}. Enter it to delete the account.`).waitFor();
  await page.getByLabel('Code we sent you').fill(await code(phone));
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await view(page, 'Sign in');
  await page.getByText('Your account is deleted.').waitFor();
  await page.reload();
  await view(page, 'Sign in');
  await assertNoLeaks(s);
  await s.context.close();
});

test('deleting an account confirmed by its password', async () => {
  const email = await account();
  const s = await open(browser);
  const { page } = s;
  await signIn(page, email);
  await page.getByLabel('Your password').fill('not-my-password-1');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await page.locator('#delete-form .error, #delete-form .form-error:not([hidden])').first().waitFor();
  await page.getByLabel('Your password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await page.getByText('Your account is deleted.').waitFor();
  await page.getByLabel('Email or phone').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText('do not match an account').waitFor();
  await assertNoLeaks(s);
  await s.context.close();
});

test('attacks: a cross-site form post or fetch to the cookie routes is refused, and the session stays', async () => {
  const email = await account();
  const s = await open(browser);
  const { page } = s;
  await signIn(page, email);
  const attacker = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'text/html');
    if (req.url.startsWith('/fetch')) {
      res.end('<!doctype html><html lang="en"><title>evil</title><body>nothing to see</body></html>');
      return;
    }
    const target = req.url.startsWith('/refresh') ? '/api/auth/token/refresh' : '/api/auth/logout';
    res.end(`<!doctype html><html lang="en"><title>evil</title><body>
      <form id="f" method="post" action="${BASE}${target}" enctype="text/plain">
      <input name='{"a":"' value='"}'></form><script>document.getElementById('f').submit()</script></body></html>`);
  });
  await new Promise((resolve) => attacker.listen(0, 'localhost', resolve));
  const evil = `http://localhost:${attacker.address().port}`;
  try {
    const tab = await s.context.newPage();
    for (const route of ['/logout', '/refresh']) {
      const answer = tab.waitForResponse((r) => r.url().startsWith(BASE + '/api/auth/'));
      await tab.goto(evil + route);
      const refused = await answer;
      assert.ok(refused.status() >= 400, `a cross-site form post to ${route} is refused (${refused.status()})`);
    }
    await tab.goto(evil + '/fetch');
    const outcome = await tab.evaluate(async (base) => {
      try {
        const r = await fetch(base + '/api/auth/token/refresh', { method: 'POST', credentials: 'include', headers: { 'X-Latchkey-Session': 'cookie' } });
        return `answered ${r.status}`;
      } catch {
        return 'blocked';
      }
    }, BASE);
    assert.equal(outcome, 'blocked', 'a cross-site fetch with the session header never gets through the preflight');
    await tab.close();
  } finally {
    attacker.close();
  }
  await page.reload();
  await view(page, 'Your account'); // the session survived
  await assertNoLeaks(s);
  await s.context.close();
});

test('passkeys: added on the account page, the second step, the button, rename, then autofill and delete', async () => {
  const email = await account();
  const a = await open(browser, LOCAL + '/');
  const { page } = a;
  await withoutAutofill(a.context); // this browser offers no autofill: the button and the second step are tested alone
  await page.reload();
  const laptop = await virtualAuthenticator(page);
  await signIn(page, email);
  const passkeys = page.locator('[data-passkeys] li');
  await page.getByText('You have no passkeys yet.').waitFor();
  await page.getByLabel('Name of the new passkey (optional)').fill('Laptop');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await page.getByText('Your passkey "Laptop" is added.').waitFor();
  await passkeys.filter({ hasText: 'Laptop' }).filter({ hasText: 'not used yet' }).waitFor();
  await page.getByText('On: after your password, sign-in asks for one of your passkeys').waitFor();
  const [held] = await laptop.credentials();
  assert.equal(held.isResidentCredential, true, 'a discoverable credential (usernameless sign-in)');
  assert.equal(held.rpId, 'localhost');
  await check(page, 'passkeys');
  await signOut(page);

  // A password sign-in now has a second step, answered with the passkey (offered first).
  await signIn(page, email, PASSWORD, 'One more step');
  assert.ok(await page.getByLabel('A passkey').isChecked(), 'the passkey is the first choice');
  assert.ok(await page.locator('#second-step-code').isHidden(), 'no code field for a passkey');
  await check(page, 'second-step-passkey');
  await page.getByRole('button', { name: 'Continue' }).click();
  await view(page, 'Your account');
  await passkeys.filter({ hasText: 'last used' }).waitFor();
  await signOut(page);

  // Usernameless, with the button: the passkey names its account.
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await view(page, 'Your account');
  assert.equal(await page.locator('[data-user="email"]').textContent(), `${email} (verified)`);

  await page.getByRole('button', { name: 'Rename the passkey Laptop' }).click();
  await page.getByLabel('New name for Laptop').fill('');
  await page.getByRole('button', { name: 'Save the name' }).click();
  assert.equal((await focusedError(page)).text, 'Enter a name for the passkey.');
  await check(page, 'passkey-rename');
  await page.getByLabel('New name for Laptop').fill('Work laptop');
  await page.getByRole('button', { name: 'Save the name' }).click();
  await page.getByText('The passkey is now called "Work laptop".').waitFor();
  await passkeys.filter({ hasText: 'Work laptop' }).waitFor();
  await assertNoLeaks(a);

  // Autofill (conditional mediation) in another browser holding the same passkey: the contact field says "webauthn",
  // the page waits for a pick there, and the virtual authenticator picks at once (headless has no list to click).
  await signOut(page);
  assert.equal(await page.getByLabel('Email or phone').getAttribute('autocomplete'), 'username webauthn');
  const b = await open(browser, LOCAL + '/dev/outbox.html'); // a page of the app without a sign-in form
  const phone = await virtualAuthenticator(b.page);
  for (const c of await laptop.credentials()) {
    await phone.add(c);
  }
  await a.context.close();
  await b.page.goto(LOCAL + '/#/sign-in'); // its conditional request gets the passkey: no click, no typing
  await view(b.page, 'Your account');
  assert.equal(await b.page.locator('[data-user="email"]').textContent(), `${email} (verified)`);

  // Deleting needs a recent sign-in: confirm it is you with the passkey, then the delete goes ahead.
  await advance(700);
  await b.page.getByRole('button', { name: 'Delete the passkey Work laptop' }).click();
  await b.page.locator('#reauth:not([hidden])').waitFor();
  assert.ok(await b.page.getByLabel('A passkey').isChecked(), 'the passkey is the first way to confirm');
  await check(b.page, 'confirm-it-is-you-passkey');
  await b.page.getByRole('button', { name: 'Confirm', exact: true }).click();
  await b.page.getByText('The passkey "Work laptop" is deleted.').waitFor();
  await b.page.getByText('You have no passkeys yet.').waitFor();
  await assertNoLeaks(b);
  await b.context.close();
});

test('passkeys: the only passkey of an account without a password cannot be deleted, in words; confirming it is you offers no password', async () => {
  const email = newEmail();
  const s = await open(browser, LOCAL + '/');
  const { page } = s;
  await virtualAuthenticator(page);
  await page.getByLabel('Email or phone').fill(email);
  await page.getByRole('button', { name: 'Send me a code instead' }).click();
  await view(page, 'Enter your code');
  await page.getByLabel('Code').fill(await code(email));
  await page.getByRole('button', { name: 'Continue' }).click();
  await view(page, 'Your account');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await page.getByText('Your passkey "Passkey" is added.').waitFor();
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  const refused = page.locator('#passkey-add-form .form-error:not([hidden])');
  await refused.waitFor();
  assert.equal(await refused.textContent(), 'This device already has a passkey for your account.');
  await page.getByRole('button', { name: 'Delete the passkey Passkey' }).click();
  const error = page.locator('#passkeys > .form-error:not([hidden])');
  await error.waitFor();
  assert.match(await error.textContent(), /only way to sign in to your account, so it cannot be deleted/);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'alert');
  await check(page, 'passkey-last');

  // Without a password, nothing asks for one: confirming it is you offers the passkey and a code by email.
  assert.ok(await page.locator('#delete-password').isHidden(), 'the deletion asks for a code, not a password');
  await advance(700);
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await page.locator('#reauth:not([hidden])').waitFor();
  assert.deepEqual(await reauthChoices(page), ['A passkey', 'A code by email']);
  await page.getByLabel('A code by email').check();
  await check(page, 'confirm-it-is-you-without-password');
  await page.getByRole('button', { name: 'Send me the code' }).click();
  await page.getByText('We emailed you a code.').waitFor();
  await page.getByLabel('The code we emailed you').fill(await code(email));
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();
  await page.locator('img[data-qr]').waitFor(); // the set-up went ahead
  await assertNoLeaks(s);
  await s.context.close();
});

test('the development outbox page shows the codes sent to a destination', async () => {
  const email = await account();
  const s = await open(browser, BASE + '/dev/outbox.html');
  const { page } = s;
  await page.getByText('Development aid, not for production.').waitFor();
  await page.getByLabel('Email or phone').fill(email);
  await page.getByRole('button', { name: 'Show messages' }).click();
  await page.locator('[data-messages] li').first().waitFor();
  assert.match(await page.locator('[data-messages] li').first().textContent(), /verify email/);
  await check(page, 'outbox');
  await assertNoLeaks(s);
  await s.context.close();
});

test('every stable error code has a readable text', async () => {
  const codes = (process.env.LATCHKEY_ERROR_CODES || '').split(',').filter(Boolean);
  assert.ok(codes.length > 10, 'LATCHKEY_ERROR_CODES lists the codes');
  const s = await open(browser);
  const known = await s.page.evaluate(async () => (await import('/assets/errors.js')).KNOWN_CODES);
  assert.deepEqual(codes.filter((c) => !known.includes(c)), []);
  await s.context.close();
});

test('a login the policy stops at enrollment_required enrols TOTP and ends with tokens', { skip: !process.env.LATCHKEY_REQUIRED_BASE_URL }, async () => {
  const base = process.env.LATCHKEY_REQUIRED_BASE_URL;
  const email = newEmail();
  const post = (p, body) => fetch(base + p, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await post('/api/auth/register', { email, password: PASSWORD });
  const messages = (await (await fetch(`${base}/dev/outbox?to=${encodeURIComponent(email)}`)).json()).messages;
  const verified = await post('/api/auth/register/verify', { email, code: messages[0].text.match(/\b(\d{6})\b/)[1] });
  assert.equal((await verified.json()).status, 'enrollment_required');
  const s = await open(browser, base + '/#/sign-in');
  const { page } = s;
  await page.getByLabel('Email or phone').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await view(page, 'Set up an authenticator app');
  await page.locator('img[data-qr]').waitFor();
  await check(page, 'enrollment-required');
  const secret = await page.locator('[data-secret]').textContent();
  await page.getByLabel('The 6-digit code the app shows').fill(await totp(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await view(page, 'Save your recovery codes');
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await view(page, 'Your account');
  await s.context.close();
});
