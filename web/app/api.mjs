// The same-origin API at /v1: JSON in and out, the bearer token, problem+json errors as ApiError,
// a timeout for slow networks, and a small memory cache for public data that rarely changes.

import { clearSession, getToken, setMustChangePassword } from './session.mjs';

export const BASE = '/v1';
const TIMEOUT_MS = 30000;
const cache = new Map();

export class ApiError extends Error {
  constructor(status, body) {
    const data = body && typeof body === 'object' ? body : {};
    super(data.title || data.code || `HTTP ${status}`);
    this.status = status;
    this.code = data.code || (status ? `http_${status}` : 'network');
    this.title = data.title || '';
    this.title_bn = data.title_bn || '';
    this.detail = data.detail || '';
    this.errors = Array.isArray(data.errors) ? data.errors : [];
    this.body = data;
  }
}

export function uuid() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * api('/offices?q=sub') → parsed JSON; throws ApiError (status 0 for no network or a timeout).
 * opts: method, body (JSON), headers, cached (memory cache for public GETs), timeout.
 */
export async function api(path, opts = {}) {
  const { method = 'GET', body, headers = {}, cached = false, timeout = TIMEOUT_MS } = opts;
  const key = `${method} ${path}`;
  if (cached && cache.has(key)) return cache.get(key);
  const sent = { Accept: 'application/json, application/problem+json', ...headers };
  const token = getToken();
  if (token) sent.Authorization = `Bearer ${token}`;
  let payload;
  if (body !== undefined) {
    sent['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeout);
  let res;
  let text = '';
  try {
    res = await fetch(BASE + path, { method, headers: sent, body: payload, signal: abort.signal });
    text = await res.text();
  } catch {
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    throw new ApiError(0, { code: offline ? 'offline' : abort.signal.aborted ? 'timeout' : 'network' });
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    // 401, or the authorizer's bare 403 (no problem+json code): the token is no longer accepted.
    if (token && (res.status === 401 || (res.status === 403 && !data?.code))) {
      clearSession();
      window.dispatchEvent(new Event('session-expired'));
      throw new ApiError(401, { code: 'session_expired' });
    }
    // Signed in on another device, or the flag was lost: the shell sends them to choose a password.
    if (token && res.status === 403 && data?.code === 'password_change_required') setMustChangePassword(true);
    throw new ApiError(res.status, data);
  }
  if (cached) cache.set(key, data);
  return data;
}

/** Every page of a list endpoint (at most `maxPages`), for small lists such as an upazila's offices. */
export async function allPages(path, params, maxPages = 5) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < maxPages; page += 1) {
    const data = await api(path + query({ ...params, limit: 100, cursor }), { cached: true });
    items.push(...(data.items || []));
    cursor = data.next_cursor;
    if (!cursor) break;
  }
  return items;
}

/** A public GET's answer already in the memory cache, or undefined (no request is made). */
export function peek(path) {
  return cache.get(`GET ${path}`);
}

export function forget(prefix) {
  for (const key of cache.keys()) if (key.includes(prefix)) cache.delete(key);
}
