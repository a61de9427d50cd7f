// Hash routes (#/path?query): parsing and matching, kept free of the DOM so node can test them.

export function parseHash(hash) {
  const raw = (hash || '').replace(/^#/, '');
  const [path, qs = ''] = raw.split('?');
  return { path: path.startsWith('/') ? path.replace(/\/+$/, '') || '/' : '/', query: new URLSearchParams(qs) };
}

export function matchRoute(path, routes) {
  const parts = path.split('/').filter(Boolean);
  for (const [pattern, load, name, guard] of routes) {
    const want = pattern.split('/').filter(Boolean);
    if (want.length !== parts.length) continue;
    const params = {};
    const ok = want.every((seg, i) => {
      if (seg.startsWith(':')) {
        params[seg.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return seg === parts[i];
    });
    if (ok) return { load, name, guard, params };
  }
  return null;
}

export const PASSWORD_PAGE = '/staff/password';

/** A `?next=` target worth following: an app route, never a sign-in or the password page (loops). */
export function safeNext(next, fallback) {
  const href = String(next || '');
  const path = parseHash(href).path;
  const loops = ['/signin', '/staff/signin', PASSWORD_PAGE].includes(path);
  return href.startsWith('#/') && !loops ? href : fallback;
}

/**
 * Where an official who must first choose their own password goes instead of `path` (null: on
 * they go). The page they asked for rides along as `next`, so they land there afterwards.
 */
export function passwordGate(path, query, forced) {
  if (!forced || path === PASSWORD_PAGE) return null;
  const here = `#${path}${query?.toString() ? `?${query}` : ''}`;
  const next = safeNext(here, null);
  return `#${PASSWORD_PAGE}${next && path !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`;
}
