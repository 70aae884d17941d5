// The JSON API in browser session mode: every request says X-Latchkey-Session: cookie, so the refresh token lives
// only in its HttpOnly cookie and the access token only in this module's memory (never in storage or a URL).

const SESSION_HEADER = { 'X-Latchkey-Session': 'cookie' };
/** Renew the access token this many seconds before it expires. */
const EARLY_SECONDS = 30;

let access = null; // { token, expiresAt } in memory only
let currentUser = null;
let refreshing = null;

/** A problem answer (RFC 9457) or a network failure, with the stable code and Retry-After (seconds) if any. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || problem.code || 'request failed');
    this.status = status;
    this.code = problem.code || 'internal_error';
    this.field = problem.field || null;
    this.reason = problem.reason || null;
    this.retryAfter = retryAfter;
  }
}

/** The signed-in user, or null. */
export function user() {
  return currentUser;
}

/** Keeps a token response's access token (in memory) and user; the refresh token is already in its cookie. */
export function keep(answer) {
  access = { token: answer.access_token, expiresAt: Date.now() + answer.expires_in * 1000 };
  currentUser = answer.user;
}

/** Updates the remembered user after a profile or contact change. */
export function setUser(u) {
  currentUser = u;
}

/** Forgets the access token and user (the cookie is cleared by the server on logout). */
export function forget() {
  access = null;
  currentUser = null;
}

/** Renews the access token through the refresh cookie; false when there is no session. */
export async function resume() {
  try {
    await refresh();
    return true;
  } catch (e) {
    if (e instanceof ApiError && (e.code === 'invalid_token' || e.status === 401)) {
      forget();
      return false;
    }
    throw e;
  }
}

function refresh() {
  if (!refreshing) {
    refreshing = send('POST', '/api/auth/token/refresh').then(keep).finally(() => { refreshing = null; });
  }
  return refreshing;
}

/** A request without an access token (sign-in, sign-up, codes, reset). */
export function post(path, body) {
  return send('POST', path, body);
}

/**
 * A request with the access token, renewed through the cookie first when it is (nearly) expired, and once more when
 * the server refuses it as invalid_token (a password change ends earlier access tokens).
 */
export async function authed(method, path, body) {
  if (!access || Date.now() > access.expiresAt - EARLY_SECONDS * 1000) {
    await refresh();
  }
  try {
    return await send(method, path, body, access.token);
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== 'invalid_token') {
      throw e;
    }
    await refresh();
    return send(method, path, body, access.token);
  }
}

async function send(method, path, body, token) {
  const headers = { ...SESSION_HEADER };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (token) {
    headers.Authorization = 'Bearer ' + token;
  }
  let res;
  try {
    res = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin', cache: 'no-store', redirect: 'error',
    });
  } catch {
    throw new ApiError(0, { code: 'network_error' }, null);
  }
  if (res.status === 204) {
    return null;
  }
  const type = res.headers.get('Content-Type') || '';
  const json = type.includes('json') ? await res.json().catch(() => ({})) : {};
  if (!res.ok) {
    const retry = res.headers.get('Retry-After');
    throw new ApiError(res.status, json.code ? json : { code: 'internal_error' }, retry ? Number(retry) : null);
  }
  return json;
}
