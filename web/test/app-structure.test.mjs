// The web app's rooms (docs/decisions.md, 60): the shell at app/, the pages main.mjs routes to in
// app/pages/, what pages share in app/lib/. A page never imports another page; lib never imports
// a page; every page is a route's module; no module of code over 500 lines (data and strings aside).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const APP = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'app');
const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function modules(dir) {
  return fs
    .readdirSync(path.join(APP, dir))
    .filter((f) => f.endsWith('.mjs'))
    .map((f) => path.join(APP, dir, f));
}

function imports(file) {
  const src = fs.readFileSync(file, 'utf8');
  return [...src.matchAll(IMPORT)].map((m) => path.resolve(path.dirname(file), m[1]));
}

const PAGES = path.join(APP, 'pages');

test('pages and lib modules import no page', () => {
  for (const file of [...modules('pages'), ...modules('lib')]) {
    for (const target of imports(file)) {
      assert.notEqual(path.dirname(target), PAGES, `${path.relative(APP, file)} imports ${path.relative(APP, target)}`);
    }
  }
});

test('every page is a route, and every route loads a page', () => {
  const routed = new Set(imports(path.join(APP, 'main.mjs')).filter((f) => path.dirname(f) === PAGES));
  assert.deepEqual([...routed].sort(), modules('pages').sort());
});

test('no module of code over 500 lines', () => {
  const data = new Set([path.join(APP, 'i18n.mjs')]); // the string table (data/ is not listed below)
  for (const file of [...modules('.'), ...modules('pages'), ...modules('lib')]) {
    if (data.has(file)) continue;
    const lines = fs.readFileSync(file, 'utf8').split('\n').length;
    assert.ok(lines <= 500, `${path.relative(APP, file)}: ${lines} lines`);
  }
});
