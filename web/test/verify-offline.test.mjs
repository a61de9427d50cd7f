// The verifier works offline after one visit only if its service worker precaches every module the
// page imports (its own, the shared ones and cborg's), and loads fast only if index.html preloads
// them all at once instead of discovering them one import level at a time. Both lists are written
// by hand (no build step); this test holds them to the page's real import graph.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const WEB = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (name) => readFileSync(path.join(WEB, name), 'utf8');

/** Every module `entry` imports, directly or not, as the URL path the browser asks for. */
function imported(entry) {
  const seen = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s+'(\.[^']+)'|^import\s+'(\.[^']+)'/gm)) {
      walk(path.resolve(path.dirname(file), m[1] || m[2]));
    }
  };
  walk(path.join(WEB, entry));
  return [...seen].map((file) => `/${path.relative(WEB, file).split(path.sep).join('/')}`).sort();
}

const modules = imported('verify/verify-page.mjs');

test('the service worker precaches every module of the verifier page', () => {
  const worker = read('verify/sw.js');
  const listed = [...worker.slice(worker.indexOf('const MODULES')).split('];')[0].matchAll(/'([^']+)'/g)].map((m) => m[1]);
  assert.deepEqual([...listed].sort(), modules);
});

test('the verifier page preloads every module it imports', () => {
  const preloaded = [...read('verify/index.html').matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
  assert.deepEqual([...preloaded, '/verify/verify-page.mjs'].sort(), modules);
});

test('every module is served from a path local/web.py and the S3 build know', () => {
  for (const url of modules) assert.match(url, /^\/(verify|shared|node_modules\/cborg)\//, url);
});
