// The UDC counter's pure helpers: the citizen's number as the operator reads it back, the
// throttle's wait in words, and where an operator lands after signing in.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { homeFor, isOfficial, isUdcOperator } from '../app/session.mjs';

globalThis.window ??= new EventTarget(); // the page modules listen for sign-out at load
const { phoneText, waitText } = await import('../app/lib/udc.mjs');
const { setLang } = await import('../app/i18n.mjs');

const OPERATOR = { sub: 'union-1.udc-operator', kind: 'staff', role: 'udc_operator', office_id: 'union-1' };

test('the number is read back in groups, in Bengali digits', () => {
  globalThis.localStorage ??= { setItem() {}, getItem: () => null };
  setLang('bn');
  assert.equal(phoneText('8801711000001'), '০১৭১১-০০০০০১');
  assert.equal(phoneText('01711000001'), '০১৭১১-০০০০০১');
});

test("the throttle's wait is said in minutes and seconds", () => {
  setLang('bn');
  assert.equal(waitText(245), '৪ মিনিট ৫ সেকেন্ড');
  assert.equal(waitText(9.2), '১০ সেকেন্ড');
  setLang('en');
  assert.equal(waitText(3600), '60 min 0 s');
  setLang('bn');
});

test('an operator is an official who lands on their filings', () => {
  assert.ok(isUdcOperator(OPERATOR) && isOfficial(OPERATOR));
  assert.equal(homeFor(OPERATOR), '#/udc');
  assert.ok(!isUdcOperator({ ...OPERATOR, role: 'secretary' }));
});
