// The one string table and the Bengali number and date formats; plus a scan of the app's sources:
// every t('key') exists in both languages, no innerHTML, no inline handlers, nothing external.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { date, dateTime, digits, has, keys, money, monthName, num, pick, t } from '../app/i18n.mjs';
import { CATEGORIES } from '../app/lib/catalog.mjs';
import { QUEUE_STATUSES } from '../app/lib/workflow.mjs';
import { REVENUE_STRINGS } from '../app/data/revenue-strings.mjs';
import '../app/lib/revenue.mjs'; // registers the revenue pages' strings, as their pages do

const WEB = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir = path.join(WEB, 'app')) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.(mjs|html|css)$/.test(e.name) ? [full] : [];
  });
}

test('every string has Bengali and English', () => {
  for (const key of [...keys(), ...Object.keys(REVENUE_STRINGS)].filter((k) => k !== 'lang.other')) {
    assert.ok(t(key, undefined, 'bn').trim(), `${key} bn`);
    assert.ok(t(key, undefined, 'en').trim(), `${key} en`);
    const bn = t(key, undefined, 'bn').replace(/\{\w+\}/g, '');
    assert.ok(
      /[\u0980-\u09FF]/.test(bn) || !/[A-Za-z]{4,}/.test(bn) || bn === t(key, undefined, 'en').replace(/\{\w+\}/g, ''),
      `${key}: the Bengali text is English`,
    );
  }
});

test('every literal key the app uses is in the table', () => {
  const missing = [];
  for (const file of sources().filter((f) => f.endsWith('.mjs'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const [, key] of text.matchAll(/\bt\('([a-z_0-9.]+)'/g))
      if (!has(key)) missing.push(`${path.basename(file)}: ${key}`);
  }
  assert.deepEqual(missing, []);
});

test('keys built from API codes are all there', () => {
  const statuses = ['draft', ...QUEUE_STATUSES];
  const workflows = JSON.parse(fs.readFileSync(path.join(WEB, '..', 'chalicelib', 'data', 'workflows.json'), 'utf8'));
  assert.deepEqual(Object.keys(workflows.statuses).sort(), [...statuses].sort());
  for (const s of statuses) assert.ok(has(`status.${s}`), s);
  for (const variant of Object.values(workflows.variants))
    for (const a of Object.keys(variant.actions)) assert.ok(has(`action.${a}`), a);
  for (const r of [
    'ward_member',
    'secretary',
    'signatory',
    'office_admin',
    'udc_operator',
    'monitor',
    'lgd_admin',
    'citizen',
    'system',
  ])
    assert.ok(has(`role.${r}`), r);
  for (const k of ['union', 'pourashava', 'city_corporation'])
    assert.ok(has(`kind.${k}`) && has(`officer.secretary.${k}`), k);
  for (const c of CATEGORIES) assert.ok(has(`category.${c}`), c);
  for (const s of ['matched', 'mismatch', 'not_found', 'unavailable']) assert.ok(has(`identity.${s}`), s);
});

test('placeholders are filled, numbers in Bengali digits', () => {
  assert.equal(t('common.ward_n', { n: 3 }, 'bn'), 'ওয়ার্ড ৩');
  assert.equal(t('common.ward_n', { n: 3 }, 'en'), 'Ward 3');
  assert.equal(t('no.such.key'), 'no.such.key');
});

test('numbers, money and dates', () => {
  assert.equal(digits('2026', 'bn'), '২০২৬');
  assert.equal(num(1234567, 'bn'), '১২,৩৪,৫৬৭');
  assert.equal(num(1234567, 'en'), '12,34,567');
  assert.equal(num(2.5, 'bn'), '২.৫');
  assert.equal(money(8000, 'bn'), '৳৮০');
  assert.equal(money(8050, 'bn'), '৳৮০.৫০');
  assert.equal(money(123456700, 'en'), '৳12,34,567');
  assert.equal(monthName(6, 'bn'), 'জুন');
  assert.equal(date('2026-06-30', 'bn'), '৩০ জুন ২০২৬');
  assert.equal(date('2026-06-30', 'en'), '30 June 2026');
  // timestamps are shown in Bangladesh time (UTC+6)
  assert.equal(date('2026-06-29T19:00:00Z', 'en'), '30 June 2026');
  assert.equal(dateTime('2026-11-28T08:43:41.498Z', 'bn'), '২৮ নভেম্বর ২০২৬, ১৪:৪৩');
  assert.equal(date(null), '—');
});

test('pick falls back to the other language', () => {
  assert.equal(pick({ name_bn: 'সুবিল', name_en: 'Subil' }, 'name', 'en'), 'Subil');
  assert.equal(pick({ name_bn: 'সুবিল' }, 'name', 'en'), 'সুবিল');
  assert.equal(pick(null), '');
});

test('no innerHTML, inline handlers, inline scripts or outside hosts', () => {
  const files = [...sources(), path.join(WEB, 'index.html')];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const name = path.relative(WEB, file);
    assert.doesNotMatch(text, /\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/, name);
    assert.doesNotMatch(text, /\son[a-z]+=["']/i, `${name}: inline handler`);
    assert.doesNotMatch(text, /style=["']/i, `${name}: inline style (CSP style-src 'self')`);
    assert.doesNotMatch(text, /(src|href)=["']https?:/i, `${name}: external resource`);
    if (file.endsWith('.html')) assert.doesNotMatch(text, /<script(?![^>]*\bsrc=)[^>]*>/i, `${name}: inline script`);
  }
});
