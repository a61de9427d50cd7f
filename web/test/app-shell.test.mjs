// The shell in index.html paints before any script runs, so it repeats a few strings of
// app/i18n.mjs in Bengali: each element marked data-i18n must say exactly what the table says.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { has, t } from '../app/i18n.mjs';

const WEB = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
const squash = (text) => text.replace(/\s+/g, ' ').trim();

test('every text of the static shell is its Bengali string in i18n.mjs', () => {
  const marked = [...html.matchAll(/<(\w+)[^>]*\sdata-i18n="([^"]+)"[^>]*>([^<]*)</g)];
  assert.ok(marked.length >= 12, 'the shell has its header, menu, start page text and footer');
  for (const [, , key, text] of marked) {
    assert.ok(has(key), `${key} is in i18n.mjs`);
    assert.equal(squash(text), t(key, undefined, 'bn'), key);
  }
});

test('the shell draws the start page, not a spinner', () => {
  assert.match(html, /data-shell="home"/);
  assert.doesNotMatch(html, /class="spinner"/);
  assert.match(html, /<h1[^>]*data-i18n="home.title"/);
});
