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
