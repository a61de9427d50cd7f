// Issue 12: back from the gateway to the right case (or the list), the words chosen, the access
// log's groups added up page after page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeGroups, outcomeOf, returnTarget } from '../app/lib/payment-return.mjs';

const q = (s) => new URLSearchParams(s);
const mine = { id: 'CASE7', tracking: 'CASE-7', payment: 'PAY9' };

test('a return goes on to the case only when it names the checkout this tab opened', () => {
  assert.equal(returnTarget(q('payment=failed&ref=PAY9'), mine), '#/applications/CASE7?payment=failed');
  assert.equal(returnTarget(q('payment=paid&ref=PAY9'), mine), '#/applications/CASE7?payment=paid');
  assert.equal(returnTarget(q('payment=<x>&ref=PAY9'), mine), '#/applications/CASE7?payment=unknown');
  assert.equal(returnTarget(q('payment=paid&ref=OTHER'), mine), null); // someone else's payment number
  assert.equal(returnTarget(q('payment=paid&ref=PAY9'), null), null); // another tab or browser
  assert.equal(returnTarget(q('payment=unknown'), mine), null); // an unknown payment: the list
  assert.equal(returnTarget(q(''), mine), null);
});

test('the words follow the case first and the hint only while it waits', () => {
  const waiting = { status: 'awaiting_payment', payment: null };
  assert.equal(outcomeOf(waiting, null), null);
  assert.equal(outcomeOf(waiting, 'paid'), 'confirming');
  assert.equal(outcomeOf(waiting, 'pending'), 'confirming');
  assert.equal(outcomeOf(waiting, 'failed'), 'failed');
  assert.equal(outcomeOf(waiting, 'cancelled'), 'cancelled');
  assert.equal(outcomeOf(waiting, 'unknown'), 'unconfirmed');
  // The API says paid: paid, whatever the address said.
  assert.equal(outcomeOf({ status: 'submitted', payment: { state: 'paid' } }, 'failed'), 'paid');
  assert.equal(outcomeOf({ status: 'cancelled', payment: null }, 'failed'), null);
});

test('access log groups add up across pages', () => {
  const a = { key: 'k1', count: 2, latest_at: '2026-12-06T10:00', first_at: '2026-12-06T09:00' };
  const b = { key: 'k2', count: 1, latest_at: '2026-12-06T09:30', first_at: '2026-12-06T09:30' };
  const older = { key: 'k1', count: 3, latest_at: '2026-12-05T10:00', first_at: '2026-12-01T10:00' };
  const merged = mergeGroups(mergeGroups([], [a, b]), [older]);
  assert.deepEqual(
    merged.map((g) => [g.key, g.count, g.latest_at, g.first_at]),
    [
      ['k1', 5, '2026-12-06T10:00', '2026-12-01T10:00'],
      ['k2', 1, '2026-12-06T09:30', '2026-12-06T09:30'],
    ],
  );
  assert.equal(a.count, 2); // the page's own rows are not changed
});
