// Helpers of the browser tests: the browser, pages that record what they must not do, codes from the outbox,
// TOTP codes, the app's clock, accessibility scans and screenshots.

import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export const BASE = required('LATCHKEY_BASE_URL');
/** The app at http://localhost: the passkeys' RP id is localhost, which a page at 127.0.0.1 cannot use. */
export const LOCAL = BASE.replace('://127.0.0.1:', '://localhost:');
const CLOCK = required('LATCHKEY_CLOCK_URL');
const SHOTS = process.env.LATCHKEY_SCREENSHOTS || '';
const SCAN = process.env.LATCHKEY_AXE !== 'false';
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const PASSWORD = 'Vivid-Otter-Lantern-42';
export const NEW_PASSWORD = 'Quiet-Harbor-Compass-77';
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

const run = crypto.randomBytes(3).toString('hex');
const phoneBase = crypto.randomInt(9000);
let sequence = 0;

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through BrowserPagesContract (mvn verify)`);
  }
  return value;
}

export const newEmail = () => `ada-${run}-${++sequence}@example.com`;
export const newPhone = () => `+1415555${String((phoneBase + ++sequence) % 10000).padStart(4, '0')}`;

export function launch() {
  // The flags keep Chromium from reaching for the network on its own (updates, sync, field trials).
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      '--disable-quic', '--disable-gpu'],
  });
}

/**
 * A fresh browser context on `url`, recording console errors and CSP violations, every request URL, and every
 * token the app answered, so that `assertNoLeaks` can look for them where they must never be.
 */
export async function open(browser, url = BASE + '/') {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const s = { context, page, errors: [], urls: [], tokens: new Set() };
  page.on('console', (m) => {
    // A 4xx answer the page expects (a wrong password, the first refresh without a session) is not a fault.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) {
      s.errors.push(m.text());
    }
  });
  page.on('pageerror', (e) => s.errors.push(String(e)));
  page.on('request', (r) => s.urls.push(r.url()));
  if (process.env.DEBUG_API) page.on('response', (r) => r.url().includes('/api/') && console.log(r.request().method(), r.url(), r.status()));
  page.on('response', async (r) => {
    if (!r.url().startsWith(BASE + '/api/') || !(r.headers()['content-type'] || '').includes('json')) {
      return;
    }
    try {
      const json = await r.json();
      for (const key of ['access_token', 'refresh_token', 'device_token', 'challenge']) {
        if (json[key]) {
          s.tokens.add(json[key]);
        }
      }
      if (json.refresh_token || json.device_token) {
        s.errors.push(`a token in a body a script can read: ${r.url()}`);
      }
      if (json.access_token && r.headers()['cache-control'] !== 'no-store') {
        s.errors.push(`a token answer without Cache-Control: no-store: ${r.url()}`);
      }
    } catch {
      // the page navigated away before the body was read
    }
  });
  await page.goto(url);
  await ready(page);
  return s;
}

/**
 * Waits until the page's start-up is over (<body data-ready>: the session looked up, the first view drawn once), so
 * that nothing the test types can be drawn over.
 */
export function ready(page) {
  return page.locator('body[data-ready]').waitFor({ state: 'attached' });
}

/** Waits for the view whose heading is `title`. */
export async function view(page, title) {
  try {
    await page.locator('main h1', { hasText: title }).waitFor({ timeout: 20000 });
  } catch (e) {
    const shown = await page.evaluate(() => document.querySelector('main').innerText).catch(() => '?');
    throw new Error(`the view "${title}" did not come; the page shows:\n${shown}`, { cause: e });
  }
}

/** The code in the newest outbox message to `to`. */
export async function code(to) {
  const res = await fetch(`${BASE}/dev/outbox?to=${encodeURIComponent(to)}`);
  const { messages } = await res.json();
  assert.ok(messages.length > 0, `no message to ${to}`);
  return messages[0].text.match(/\b(\d{6,10})\b/)[1];
}

/** Moves the app's clock forward (a TestClock behind a control port of the JUnit test). */
export async function advance(seconds) {
  const res = await fetch(`${CLOCK}/advance?seconds=${seconds}`, { method: 'POST' });
  assert.equal(res.status, 204);
}

/** The TOTP code (RFC 6238: SHA-1, 6 digits, 30 s) of a base32 secret at the app's clock. */
export async function totp(secret) {
  const now = Number(await (await fetch(`${CLOCK}/now`)).text());
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 30000)));
  const mac = crypto.createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

/** An active account made through the API (register, then the emailed code). */
export async function account(email = newEmail(), password = PASSWORD) {
  const post = (p, body) => fetch(BASE + p, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal((await post('/api/auth/register', { email, password, profile: { name: 'Ada' } })).status, 202);
  assert.equal((await post('/api/auth/register/verify', { email, code: await code(email) })).status, 200);
  return email;
}

/** Signs in with a password on the sign-in page; waits for `next` (the account page by default). */
export async function signIn(page, email, password = PASSWORD, next = 'Your account') {
  await page.goto(new URL(page.url()).origin + '/#/sign-in');
  await ready(page);
  await view(page, 'Sign in');
  await page.getByLabel('Email or phone').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await view(page, next);
}

/** Signs out with the header's button and waits for the sign-in page. */
export async function signOut(page) {
  await page.locator('#nav-sign-out').click();
  await view(page, 'Sign in');
  assert.ok(await page.locator('#nav').isHidden(), 'the account links go with the session');
}

/**
 * No token in a URL, in storage or in document.cookie, the refresh cookie HttpOnly, no console error and no CSP
 * violation.
 */
export async function assertNoLeaks(s) {
  const seen = await s.page.evaluate(() => ({
    cookie: document.cookie, local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage),
    url: location.href,
  }));
  assert.equal(seen.local, '{}', 'localStorage is empty');
  assert.equal(seen.session, '{}', 'sessionStorage is empty');
  assert.ok(!seen.cookie.includes('latchkey_'), `document.cookie shows no cookie of the app: ${seen.cookie}`);
  const secrets = [...s.tokens];
  for (const c of await s.context.cookies()) {
    if (c.name.startsWith('latchkey_')) {
      assert.ok(c.httpOnly, `${c.name} is HttpOnly`);
      assert.equal(c.sameSite, 'Strict', `${c.name} is SameSite=Strict`);
      assert.equal(c.path, '/api/auth', `${c.name} is scoped to /api/auth`);
      secrets.push(c.value);
    }
  }
  for (const secret of secrets.filter((t) => t && t.length > 8)) {
    for (const where of [...s.urls, seen.url, seen.cookie, seen.local, seen.session]) {
      assert.ok(!where.includes(secret), 'a token appears in a URL, storage or document.cookie');
    }
  }
  assert.deepEqual(s.errors, [], 'no console errors or CSP violations');
}

/** The focused element's accessible error: the text of the elements its aria-describedby names. */
export function focusedError(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    return { name: el.getAttribute('name'), invalid: el.getAttribute('aria-invalid'), role: el.getAttribute('role'),
      text: ids.length ? ids.map((id) => document.getElementById(id).textContent).join(' ') : el.textContent };
  });
}

/**
 * At desktop size and again at 390 px wide: an axe-core scan with no serious or critical violation, and a screenshot;
 * at 390 px the page must also fit without scrolling sideways. The viewport is desktop again afterwards.
 */
export async function check(page, name) {
  if (!SCAN && !SHOTS) {
    return;
  }
  try {
    for (const [size, viewport] of [['desktop', DESKTOP], ['390', PHONE]]) {
      await page.setViewportSize(viewport);
      if (viewport === PHONE) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        assert.equal(overflow, false, `${name} fits 390 px without scrolling sideways`);
      }
      if (SCAN) {
        await scan(page, `${name} at ${size === '390' ? '390 px' : 'desktop size'}`);
      }
      if (SHOTS) {
        await page.screenshot({ path: path.join(SHOTS, `${name}-${size}.png`), fullPage: true,
          mask: [page.locator('[data-volatile]')], maskColor: '#dde3ea' });
      }
    }
  } finally {
    await page.setViewportSize(DESKTOP);
  }
}

async function scan(page, what) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(axeSource);
  }
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), [],
    `accessibility of ${what}`);
}

/**
 * Copies the screenshots `names` from `from` into `to` where their pixels changed by more than rendering noise
 * (Chromium may encode the same page into different PNG bytes, or an edge a shade apart), so that a run without a UI
 * change leaves the README's copies alone.
 */
export async function copyChangedScreenshots(browser, names, from, to) {
  fs.mkdirSync(to, { recursive: true });
  const page = await browser.newPage();
  try {
    for (const name of names) {
      const source = path.join(from, `${name}.png`);
      const target = path.join(to, `${name}.png`);
      if (!fs.existsSync(source)) {
        continue;
      }
      if (fs.existsSync(target) && await samePixels(page, source, target)) {
        continue;
      }
      fs.copyFileSync(source, target);
    }
  } finally {
    await page.close();
  }
}

async function samePixels(page, a, b) {
  const images = [a, b].map((f) => fs.readFileSync(f).toString('base64'));
  return page.evaluate(async (sources) => {
    const pixels = await Promise.all(sources.map(async (s) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + s;
      await img.decode();
      const canvas = new OffscreenCanvas(img.width, img.height);
      const context = canvas.getContext('2d');
      context.drawImage(img, 0, 0);
      return { w: img.width, h: img.height, data: context.getImageData(0, 0, img.width, img.height).data };
    }));
    const [x, y] = pixels;
    if (x.w !== y.w || x.h !== y.h) {
      return false;
    }
    let differing = 0;
    for (let i = 0; i < x.data.length; i += 4) {
      if (x.data[i] !== y.data[i] || x.data[i + 1] !== y.data[i + 1] || x.data[i + 2] !== y.data[i + 2]) {
        differing++;
      }
    }
    return differing < (x.w * x.h) / 200; // under 0.5%: rendering noise (an edge drawn a shade apart), not a change
  }, images);
}

/**
 * Chromium's virtual authenticator on `page` (CDP WebAuthn domain): a platform authenticator (internal transport,
 * CTAP2) with resident keys and user verification that always succeeds, presence simulated, so every ceremony
 * completes without a person. `credentials()` lists what it holds (with private keys), `add(c)` copies one in.
 */
export async function virtualAuthenticator(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
      isUserVerified: true, automaticPresenceSimulation: true },
  });
  return {
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
    add: (credential) => cdp.send('WebAuthn.addCredential', { authenticatorId, credential }),
  };
}

/**
 * Makes the pages of `context` see a browser without passkey autofill: Chromium's virtual authenticator answers a
 * conditional request at once (no person picks from a list), which would sign in before the flow under test.
 */
export function withoutAutofill(context) {
  return context.addInitScript(() => {
    PublicKeyCredential.isConditionalMediationAvailable = async () => false;
  });
}
