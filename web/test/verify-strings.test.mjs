// The verifier's strings (verify/strings.mjs, registered with the shared language engine): every
// row has both languages, and every key the page and its markup ask for is there.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { STRINGS } from '../verify/strings.mjs';

const VERIFY = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'verify');
const read = (name) => readFileSync(path.join(VERIFY, name), 'utf8');
const code = ['verify-page.mjs', ...readdirSync(path.join(VERIFY, 'page')).map((name) => `page/${name}`)].map(read).join('\n');

test('every string is in Bengali and in English', () => {
  for (const [key, row] of Object.entries(STRINGS)) {
    assert.equal(row.length, 2, key);
    assert.ok(row.every((text) => typeof text === 'string' && text.trim()), key);
    // (otherLang names the language the switch offers, in that language: English first)
    if (key !== 'otherLang') assert.match(row[0], /[\u0980-\u09ff]/, `${key} is Bengali first`);
  }
});

test('every key the markup and the page modules name is in the table', () => {
  const named = [
    ...[...read('index.html').matchAll(/data-i18n="(\w+)"/g)].map((m) => m[1]),
    ...[...code.matchAll(/\b(?:t|say|fact|setNumberError)\('(\w+)'/g)].map((m) => m[1]),
    ...[...code.matchAll(/\bkey: '(\w+)'|'((?:[sxrf]_|number)\w+)'/g)].map((m) => m[1] || m[2]),
  ];
  assert.ok(named.length > 50);
  for (const key of named) assert.ok(Object.hasOwn(STRINGS, key), key);
});
