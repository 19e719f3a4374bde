// REST calls: the session's token on each, and problem documents turned into errors that say what went wrong once.

import {session} from './session.js';

/** A refused call: the status (0 when the server could not be reached), the problem's code and its text. */
export class Problem extends Error {
  constructor(status, json, retryAfter) {
    super(describe(status, json));
    this.status = status;
    this.code = json && json.code;
    this.retryAfter = retryAfter;
  }

  /** Whether repeating the same call later may succeed: nothing was refused for what the call is. */
  get transient() {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

let unauthorized = () => {};

/** What to do when the server no longer takes the session's token. */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

export async function api(method, path, body) {
  const headers = {'Accept': 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const s = session();
  if (s) headers['Authorization'] = 'Bearer ' + s.token;
  let response;
  try {
    response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  } catch (e) {
    throw new Problem(0, {detail: 'The server cannot be reached'});
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { /* a proxy's page, not ours */ }
  if (response.status === 401 && s) {
    unauthorized();
    throw new Problem(401, {detail: 'Your session ended: sign in again'});
  }
  if (!response.ok) throw new Problem(response.status, json, Number(response.headers.get('Retry-After')) || null);
  return json;
}

/** The problem's detail, and those of its violations that the detail does not already say. */
function describe(status, json) {
  const detail = (json && (json.detail || json.title)) || 'The server answered ' + status;
  const more = (json && json.violations || []).map(v => v.message).filter(m => m && !detail.includes(m));
  return more.length ? detail + ': ' + more.join('; ') : detail;
}
