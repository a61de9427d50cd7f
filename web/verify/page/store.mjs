// What the verifier keeps on the phone and how it asks the network: documents saved in Cache Storage
// (in memory when that is unavailable) with the verified issue time they were accepted with, the
// time each list was last checked online (localStorage), and GET with a timeout.

const DATA_CACHE = 'sonod-verify-data-v1'; // verified lists, as last accepted (see sw.js for the rest)
const FULL_TRUST_PATH = '/v1/trust-list'; // what earlier versions saved: ~4 MB, no longer needed

const memory = new Map();

async function dataCache() {
  try {
    return 'caches' in self ? await caches.open(DATA_CACHE) : null;
  } catch {
    return null; // e.g. an insecure origin, or storage disabled
  }
}

/** A saved document and the verified issue time (ms) it was saved with. */
export async function saved(path) {
  const cache = await dataCache();
  if (!cache) return memory.get(path) ?? null;
  try {
    const response = await cache.match(path);
    if (!response) return null;
    return { doc: await response.json(), issuedAt: Number(response.headers.get('x-sonod-issued-at')) || 0 };
  } catch {
    return null;
  }
}

export async function save(path, doc, issuedAt = 0) {
  memory.set(path, { doc, issuedAt });
  const cache = await dataCache();
  if (!cache) return;
  const headers = { 'content-type': 'application/json', 'x-sonod-issued-at': String(issuedAt) };
  try {
    await cache.put(path, new Response(JSON.stringify(doc), { headers }));
  } catch {
    /* storage full or disabled: the copy in memory still serves this visit */
  }
}

export async function savedStatusIds() {
  const cache = await dataCache();
  const paths = cache ? (await cache.keys()).map((r) => new URL(r.url).pathname) : [...memory.keys()];
  return paths.filter((p) => p.startsWith('/v1/status-list/')).map((p) => decodeURIComponent(p.slice(16)));
}

/** GET JSON; `cached` is true when the service worker answered from its copy (offline). */
export async function getJson(path, { cache = 'default', timeoutMs = 8000 } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, cache, signal: controller.signal });
    if (!response.ok) {
      const err = new Error(`HTTP ${response.status}`);
      err.status = response.status;
      err.code = await response.json().then(
        (problem) => problem?.code,
        () => undefined,
      ); // the problem's machine word, when the answer is problem+json
      throw err;
    }
    return { doc: await response.json(), cached: response.headers.has('x-sonod-offline-copy') };
  } finally {
    clearTimeout(timer);
  }
}

function localStore() {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

export const checkedAt = (path) => Number(localStore()?.getItem(`sonod.checked:${path}`)) || 0;

export function markChecked(path) {
  try {
    localStore()?.setItem(`sonod.checked:${path}`, String(Date.now()));
  } catch {
    /* storage full: the list is simply fetched again next time */
  }
}

export async function forgetFullTrustList() {
  memory.delete(FULL_TRUST_PATH);
  try {
    localStore()?.removeItem(`sonod.checked:${FULL_TRUST_PATH}`);
    await (await dataCache())?.delete(FULL_TRUST_PATH);
  } catch {
    /* storage disabled: nothing was saved */
  }
}
