// The bearer token (sessionStorage: gone when the tab closes) and its claims, decoded for display
// only — the API checks the signature; the app never trusts the claims for anything but layout.

const KEY = 'sonod.token';
// Someone else chose this official's password: kept beside the token, so a reload still asks.
const MUST_CHANGE = 'sonod.must_change_password';
export const MONITOR_ROLES = ['monitor', 'lgd_admin'];

function store() {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: the session lives as long as the page
  }
}

let memory = null;
let mustChangeMemory = null;

export function decodeJwt(token) {
  const part = String(token || '').split('.')[1];
  if (!part) return null;
  try {
    const b64 = part
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

export function expired(claims, now = Date.now()) {
  return !claims || typeof claims.exp !== 'number' || claims.exp * 1000 <= now;
}

export function getToken() {
  const token = store()?.getItem(KEY) ?? memory;
  if (!token) return null;
  if (expired(decodeJwt(token))) {
    clearSession();
    return null;
  }
  return token;
}

/** A new session; `mustChangePassword` from the staff login answer (before the chrome redraws). */
export function setToken(token, { mustChangePassword = false } = {}) {
  memory = token;
  store()?.setItem(KEY, token);
  setMustChangePassword(mustChangePassword, false);
  window.dispatchEvent(new Event('session-changed'));
}

export function clearSession() {
  memory = null;
  store()?.removeItem(KEY);
  setMustChangePassword(false, false);
  window.dispatchEvent(new Event('session-changed'));
}

export function setMustChangePassword(flag, redraw = true) {
  mustChangeMemory = flag ? '1' : null;
  if (flag) store()?.setItem(MUST_CHANGE, '1');
  else store()?.removeItem(MUST_CHANGE);
  if (redraw) window.dispatchEvent(new Event('session-changed'));
}

/** True while a signed-in official still has to choose their own password. */
export function mustChangePassword() {
  return isStaff(claims()) && (store()?.getItem(MUST_CHANGE) ?? mustChangeMemory) === '1';
}

/** Sign out on purpose: the token and everything this tab remembered for the person go. */
export function signOut() {
  const s = store();
  if (s) for (const key of Object.keys(s)) if (key.startsWith('sonod.')) s.removeItem(key);
  clearSession();
  window.dispatchEvent(new Event('signed-out'));
}

export function claims() {
  const token = getToken();
  return token ? decodeJwt(token) : null;
}

export const isCitizen = (c) => !!c && c.kind === 'citizen';
export const isStaff = (c) => !!c && c.kind === 'staff';
export const isMonitor = (c) => isStaff(c) && MONITOR_ROLES.includes(c.role);
export const isOfficial = (c) => isStaff(c) && !MONITOR_ROLES.includes(c.role);
export const isUdcOperator = (c) => isStaff(c) && c.role === 'udc_operator';
export const isOfficeAdmin = (c) => isStaff(c) && (c.role === 'office_admin' || c.role === 'lgd_admin');

// Municipal revenue (issue 14): the staff roles only pourashavas and city corporations have, and who
// sees the holdings register in the menu (a union's secretary and the head approve there too).
export const REVENUE_ROLES = ['assessor', 'tax_collector'];
export const seesRegister = (c) => isStaff(c) && [...REVENUE_ROLES, 'secretary', 'signatory'].includes(c.role);

export function homeFor(c) {
  if (isMonitor(c)) return '#/stats';
  if (isStaff(c) && c.role === 'office_admin') return '#/office/staff';
  if (isUdcOperator(c)) return '#/udc';
  if (isStaff(c) && REVENUE_ROLES.includes(c.role)) return '#/office/holdings';
  if (isStaff(c)) return '#/office';
  if (isCitizen(c)) return '#/applications';
  return '#/';
}

// A small per-tab memory, e.g. the case a payment was started for.
export function remember(key, value) {
  const s = store();
  if (!s) return;
  if (value === null || value === undefined) s.removeItem(`sonod.${key}`);
  else s.setItem(`sonod.${key}`, JSON.stringify(value));
}

export function recall(key) {
  try {
    return JSON.parse(store()?.getItem(`sonod.${key}`) ?? 'null');
  } catch {
    return null;
  }
}
