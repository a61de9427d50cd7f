// Service worker of the verifier page. Served at /sw.js and registered with scope "/v", which
// covers /v (where QR codes point) and /verify, and nothing else of the site.
//  - the page's files: precached, served cache-first (a new VERSION replaces them all at once);
//  - /v1/trust-list?form=keys (the compact trust list) and /v1/status-list/*: network first, the
//    last good copy when offline (marked with the header X-Sonod-Offline-Copy). The page verifies
//    every list before using it, and fetches every status list the trust list names.
// Everything else (including /v1/verify/{number}) goes to the network untouched.
const VERSION = 'v3'; // bump on every deploy of the verifier's files (or let the build put a hash here)
const PAGE_CACHE = `sonod-verify-sw-page-${VERSION}`;
const LIST_CACHE = 'sonod-verify-sw-lists'; // survives versions: old lists are still good offline
const PAGE = '/verify';
// Every module the page imports (its own, the shared ones, cborg's): web/test/verify-offline.test.mjs
// checks this list against the page's imports.
const MODULES = [
  '/node_modules/cborg/cborg.js',
  '/node_modules/cborg/lib/0uint.js',
  '/node_modules/cborg/lib/1negint.js',
  '/node_modules/cborg/lib/2bytes.js',
  '/node_modules/cborg/lib/3string.js',
  '/node_modules/cborg/lib/4array.js',
  '/node_modules/cborg/lib/5map.js',
  '/node_modules/cborg/lib/6tag.js',
  '/node_modules/cborg/lib/7float.js',
  '/node_modules/cborg/lib/bl.js',
  '/node_modules/cborg/lib/byte-utils.js',
  '/node_modules/cborg/lib/common.js',
  '/node_modules/cborg/lib/decode.js',
  '/node_modules/cborg/lib/encode.js',
  '/node_modules/cborg/lib/is.js',
  '/node_modules/cborg/lib/jump.js',
  '/node_modules/cborg/lib/tagged.js',
  '/node_modules/cborg/lib/token.js',
  '/shared/dom.mjs',
  '/shared/format.mjs',
  '/shared/i18n.mjs',
  '/verify/core/base45.mjs',
  '/verify/core/bytes.mjs',
  '/verify/core/cbor.mjs',
  '/verify/core/claims.mjs',
  '/verify/core/cose.mjs',
  '/verify/core/credential.mjs',
  '/verify/core/errors.mjs',
  '/verify/core/numbers.mjs',
  '/verify/core/numeric-date.mjs',
  '/verify/core/p256.mjs',
  '/verify/core/signed-list.mjs',
  '/verify/core/status-list.mjs',
  '/verify/core/trust-list.mjs',
  '/verify/core/x509.mjs',
  '/verify/core/zlib.mjs',
  '/verify/page/check.mjs',
  '/verify/page/lists.mjs',
  '/verify/page/result.mjs',
  '/verify/page/scan.mjs',
  '/verify/page/store.mjs',
  '/verify/strings.mjs',
  '/verify/verify-core.mjs',
  '/verify/verify-page.mjs',
];
const ASSETS = ['/verify', '/verify/verify.css', ...MODULES];
const OPTIONAL = ['/verify/vendor/jsQR.js']; // only the photo reader needs it
const NETWORK_TIMEOUT_MS = 6000; // a slow network falls back to the saved list sooner
const TRUST_KEYS = '/v1/trust-list?form=keys';
const FULL_TRUST_LIST = '/v1/trust-list'; // cached by earlier versions (~4 MB); the page no longer uses it

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(PAGE_CACHE);
      await cache.addAll(ASSETS.map((url) => new Request(url, { cache: 'reload' })));
      await Promise.all(OPTIONAL.map((url) => cache.add(new Request(url, { cache: 'reload' })).catch(() => {})));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('sonod-verify-sw-page-') && name !== PAGE_CACHE) await caches.delete(name);
      }
      await (await caches.open(LIST_CACHE)).delete(FULL_TRUST_LIST);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (request.mode === 'navigate' && (path === '/v' || path === '/verify' || path === '/verify/')) {
    event.respondWith(cacheFirst(PAGE, request));
  } else if (ASSETS.includes(path) || OPTIONAL.includes(path)) {
    event.respondWith(cacheFirst(path, request));
  } else if (path + url.search === TRUST_KEYS) {
    event.respondWith(networkFirst(TRUST_KEYS, request));
  } else if (/^\/v1\/status-list\/[A-Za-z0-9-]{1,32}$/.test(path)) {
    event.respondWith(networkFirst(path, request));
  }
});

async function cacheFirst(key, request) {
  const cache = await caches.open(PAGE_CACHE);
  const hit = await cache.match(key, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic' && request.mode !== 'navigate') cache.put(key, response.clone()).catch(() => {});
  return response;
}

async function networkFirst(key, request) {
  const cache = await caches.open(LIST_CACHE);
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.ok) {
      await cache.put(key, response.clone()).catch(() => {});
      return response;
    }
    if (response.status < 500) return response; // a real answer (e.g. 404): pass it on
    throw new Error(`HTTP ${response.status}`);
  } catch (err) {
    const saved = await cache.match(key);
    if (!saved) throw err;
    const headers = new Headers(saved.headers);
    headers.set('X-Sonod-Offline-Copy', '1');
    return new Response(saved.body, { status: saved.status, statusText: saved.statusText, headers });
  }
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (err) => (clearTimeout(timer), reject(err)),
    );
  });
}
