// Receipts verify as certificates do (decision 69) and read as receipts: their type is named
// offline, a revoked one reads "cancelled", and the page has the words for both.
import assert from 'node:assert/strict';
import { test } from 'node:test';
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
