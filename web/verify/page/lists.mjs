// The signed lists the verifier checks against: fetched, verified with the core, and kept only when
// at least as new as the saved copy (an older list could hide a revocation); the trust list's
// compact form (bare keys, ~5x smaller than the certificates) and every status list it names, so
// that any certificate checks offline; plus the names of certificate types and offices.
import * as core from '../verify-core.mjs';
import { checkedAt, getJson, markChecked, save, saved, savedStatusIds } from './store.mjs';

const TRUST_PATH = '/v1/trust-list?form=keys';
const TYPES_PATH = '/v1/certificate-types';
const NAMES_PATH = '/v1/trust-list?form=names'; // the offices' names, saved for offline results
const OFFICES_KEY = 'sonod.offices';
const LIST_ID = /^[A-Za-z0-9-]{1,32}$/;
const STATUS_TTL = 60e3; // the API caches status lists for 60 s and the trust list for 300 s
const TRUST_TTL = 300e3; // in memory, before asking again
const TRUST_REUSE = 3600e3; // a saved trust list checked this recently is used without the network

export const state = {
  trust: null, // {trust, offline, fromSaved, at}
  trustProblem: null, // {status: 'untrusted'|'lists_unavailable', reason}
  status: new Map(), // list id -> {list, offline, trust, at}
  types: new Map(), // type code -> {name_bn, name_en}
  offices: loadOffices(), // office id -> {name_bn, name_en}, from online number checks
  last: null, // what the result card shows
};

export function pinnedRoot() {
  const meta = document.querySelector('meta[name="sonod-root-fingerprint"]');
  const value = (meta?.content || '').replace(/[:\s]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(value) ? value : null;
}

// Verifying a national trust list (~5,000 keys) takes a few hundred ms on a cheap phone: remember
// the last document verified, by its signature, so the same list is verified once per visit.
const verified = new Map(); // path -> {cose, list}

async function check(path, doc, verify) {
  const memo = verified.get(path);
  if (memo && memo.cose === doc?.cose) return memo.list;
  const list = await verify(doc);
  verified.set(path, { cose: doc.cose, list });
  return list;
}

/**
 * The list at `path`: fetched, verified with `verify(doc)` (which throws core.ListError), and
 * compared with the saved copy. The newer wins and is saved; an older list never replaces a newer
 * one (that could hide a revocation). With `reuseFor` ms, a copy checked that recently is used
 * without the network. Resolves to {list, offline, fromSaved} or null; throws the ListError when no
 * copy verifies.
 */
async function loadList(path, verify, { cache = 'default', reuseFor = 0 } = {}) {
  const savedCopy = await saved(path);
  let problem = null;
  const useSaved = async (offline) => {
    try {
      return { list: await check(path, savedCopy.doc, verify), offline, fromSaved: true };
    } catch (err) {
      problem ||= err;
      return null;
    }
  };
  if (savedCopy && reuseFor && Date.now() - checkedAt(path) < reuseFor) {
    const reused = await useSaved(false);
    if (reused) return reused;
  }
  let fetched = null;
  try {
    fetched = await getJson(path, { cache });
  } catch {
    /* offline, or the server is unwell: the saved copy will do */
  }
  if (fetched) {
    const same = savedCopy && savedCopy.doc.cose === fetched.doc.cose && savedCopy.doc.content === fetched.doc.content;
    if (!same) {
      try {
        const list = await check(path, fetched.doc, verify);
        if (!savedCopy || list.issuedAt.getTime() >= savedCopy.issuedAt) {
          await save(path, fetched.doc, list.issuedAt.getTime());
          if (!fetched.cached) markChecked(path);
          return { list, offline: fetched.cached, fromSaved: false };
        }
      } catch (err) {
        if (!(err instanceof core.ListError)) throw err;
        problem = err;
      }
    } else if (!fetched.cached) {
      markChecked(path);
    }
  }
  const fallback = savedCopy ? await useSaved(!fetched || fetched.cached) : null;
  if (fallback) return fallback;
  if (problem) throw problem;
  return null;
}

const inFlight = new Map();

/** One load at a time per key: a check and the warm-up at page load share it. */
function once(key, run) {
  if (!inFlight.has(key)) inFlight.set(key, run().finally(() => inFlight.delete(key)));
  return inFlight.get(key);
}

export function loadTrust(force = false) {
  if (!force && state.trust && Date.now() - state.trust.at < TRUST_TTL) return Promise.resolve(state.trust);
  return once(`${TRUST_PATH}:${force}`, async () => {
    const pin = pinnedRoot();
    let loaded = null;
    try {
      loaded = await loadList(TRUST_PATH, (doc) => core.loadTrustList(doc, pin), { reuseFor: force ? 0 : TRUST_REUSE });
    } catch (err) {
      state.trust = null;
      state.trustProblem = { status: 'untrusted', reason: err.message };
      return null;
    }
    if (!loaded) {
      state.trust = null;
      state.trustProblem = { status: 'lists_unavailable', reason: 'no trust list: never fetched, and offline' };
      return null;
    }
    state.trustProblem = null;
    state.trust = { trust: loaded.list, offline: loaded.offline, fromSaved: loaded.fromSaved, at: Date.now() };
    return state.trust;
  });
}

export async function loadStatus(trust, listId, force = false) {
  if (!LIST_ID.test(listId)) return null; // -> "status_unavailable"
  const known = state.status.get(listId);
  if (!force && known && known.trust === trust && Date.now() - known.at < STATUS_TTL) return known.list;
  const path = `/v1/status-list/${listId}`;
  // Verified against this trust list's root; a status list is small, so always ask the network.
  const loaded = await once(path, () => loadList(path, (doc) => core.loadStatusList(doc, trust), { cache: 'no-cache' }));
  if (!loaded) return null; // -> "status_unavailable" (a ListError thrown above -> "untrusted")
  state.status.set(listId, { list: loaded.list, offline: loaded.offline, trust, at: Date.now() });
  return loaded.list;
}

/** The certificate types' names (saved for offline results); `onUpdate` redraws with them. */
export async function loadTypes(onUpdate) {
  const savedTypes = await saved(TYPES_PATH);
  if (savedTypes) fillTypes(savedTypes.doc);
  try {
    const { doc } = await getJson(TYPES_PATH);
    fillTypes(doc);
    await save(TYPES_PATH, { items: (doc.items || []).map(({ code, name_bn, name_en }) => ({ code, name_bn, name_en })) });
    onUpdate();
  } catch {
    /* offline: codes are shown instead of names */
  }
}

/** The offices' names (saved, so that an offline result names the office); `onUpdate` redraws. */
export async function loadNames(onUpdate) {
  const savedNames = await saved(NAMES_PATH);
  if (savedNames) {
    fillNames(savedNames.doc);
    onUpdate();
  }
  try {
    const { doc } = await getJson(NAMES_PATH);
    fillNames(doc);
    await save(NAMES_PATH, doc);
    onUpdate();
  } catch {
    /* offline: the names saved earlier (or the office's code) are shown */
  }
}

function fillNames(doc) {
  for (const [id, names] of Object.entries(doc?.offices || {})) {
    if (Array.isArray(names) && names[0]) state.offices.set(id, { name_bn: names[0], name_en: names[1] || names[0] });
  }
}

function fillTypes(doc) {
  for (const item of doc?.items || []) state.types.set(item.code, { name_bn: item.name_bn, name_en: item.name_en });
}

function loadOffices() {
  try {
    return new Map(Object.entries(JSON.parse(localStorage.getItem(OFFICES_KEY) || '{}')));
  } catch {
    return new Map();
  }
}

export function rememberOffice(office) {
  if (!office?.office_id || !office.name_bn) return;
  state.offices.set(office.office_id, { name_bn: office.name_bn, name_en: office.name_en });
  try {
    localStorage.setItem(OFFICES_KEY, JSON.stringify(Object.fromEntries([...state.offices].slice(-200))));
  } catch {
    /* not important */
  }
}

/** Every list the trust list names, fetched and verified, so that any certificate checks offline
 * later. Resolves to true when the trust list came from the network. */
export async function refreshLists(force = true) {
  const trust = await loadTrust(force);
  if (trust) {
    const ids = new Set([...trust.trust.statusLists, ...(await savedStatusIds()), ...state.status.keys()]);
    await Promise.all([...ids].map((id) => loadStatus(trust.trust, id, force).catch(() => null)));
  }
  return Boolean(trust && !trust.offline);
}
