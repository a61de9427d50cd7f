// Receipts verify as certificates do (decision 69) and read as receipts: their type is named
// offline, a revoked one reads "cancelled", and the page has the words for both.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as core from '../verify/verify-core.mjs';
import { isReceipt, RECEIPT_TYPES, shownStatus } from '../verify/verify-core.mjs';
import { STRINGS } from '../verify/strings.mjs';

test('a receipt type is named offline, in both languages', () => {
  const names = RECEIPT_TYPES.get('holding_tax_receipt');
  assert.equal(names.name_bn, 'হোল্ডিং করের রসিদ');
  assert.equal(names.name_en, 'Holding tax receipt');
  assert.ok(isReceipt('holding_tax_receipt'));
  assert.ok(!isReceipt('warish'));
});

test('a revoked receipt reads cancelled; a certificate stays revoked', () => {
  assert.equal(shownStatus('revoked', 'holding_tax_receipt'), 'cancelled');
  assert.equal(shownStatus('valid', 'holding_tax_receipt'), 'valid');
  assert.equal(shownStatus('revoked', 'warish'), 'revoked');
  assert.equal(shownStatus('expired', undefined), 'expired');
  for (const key of ['s_cancelled', 'x_cancelled', 'f_payer', 'f_amount']) assert.ok(STRINGS[key], key);
});

test('the receipt vectors verify offline and read as receipts', async () => {
  const VECTORS = new URL('../../tests/vectors/', import.meta.url);
  const read = (name) => readFileSync(new URL(name, VECTORS), 'utf8');
  const spec = JSON.parse(read('vectors.json'));
  const statusById = Object.fromEntries(spec.status_lists.map(read).map((doc) => [JSON.parse(doc).list_id, doc]));
  const shown = {};
  for (const name of ['receipt_valid', 'receipt_cancelled']) {
    const c = spec.cases.find((x) => x.name === name);
    const v = await core.verifyCredential(c.qr, read(spec.trust_list), statusById, spec.root_fingerprint_sha256, new Date(spec.now));
    assert.equal(v.claims.type_code, 'holding_tax_receipt');
    assert.equal(v.claims.holder_name, 'রহিমা খাতুন');
    shown[name] = shownStatus(v.status, v.claims.type_code);
  }
  assert.deepEqual(shown, { receipt_valid: 'valid', receipt_cancelled: 'cancelled' });
});

test('a receipt still being signed says so, not "no such certificate"', async () => {
  const { numberErrorKey } = await import('../verify/page/check.mjs');
  assert.equal(numberErrorKey({ status: 404, code: 'receipt_being_signed' }), 'numberSigning');
  assert.equal(numberErrorKey({ status: 404, code: 'not_found' }), 'numberNotFound');
  assert.equal(numberErrorKey({ status: 429 }), 'numberTooMany');
  assert.equal(numberErrorKey(new TypeError('offline')), 'numberOffline');
  assert.ok(STRINGS.numberSigning[0].includes('স্বাক্ষর') && STRINGS.numberSigning[1].includes('signed'));
});
