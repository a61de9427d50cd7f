// The office admin's staff page: who may do what to whom (mirrors chalicelib/services/staff.py),
// the order of the list, and the checks made before a request is sent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { has } from '../app/i18n.mjs';
import { CONFLICTS, allowed, ordered, rolesToAdd } from '../app/lib/staff-rules.mjs';
import { accountProblems, reasonOk } from '../app/lib/validate.mjs';

const ADMIN = { sub: 'union-1.office-admin', kind: 'staff', role: 'office_admin', office_id: 'union-1' };
const LGD = { sub: 'lgd.admin', kind: 'staff', role: 'lgd_admin', office_id: 'lgd' };
const person = (role, extra = {}) => ({ username: `union-1.${role}`, role, active: true, ...extra });

test('office admins add secretaries and UDC operators; LGD also office admins', () => {
  assert.deepEqual(rolesToAdd(ADMIN), ['secretary', 'udc_operator']);
  assert.deepEqual(rolesToAdd(LGD), ['secretary', 'udc_operator', 'office_admin']);
});

test('assessors and tax collectors only in pourashavas and city corporations', () => {
  assert.deepEqual(rolesToAdd(ADMIN, 'union'), ['secretary', 'udc_operator']);
  assert.deepEqual(rolesToAdd(ADMIN, 'pourashava'), ['secretary', 'udc_operator', 'assessor', 'tax_collector']);
  assert.deepEqual(rolesToAdd(LGD, 'city_corporation'), [
    'secretary',
    'udc_operator',
    'assessor',
    'tax_collector',
    'office_admin',
  ]);
  for (const role of ['assessor', 'tax_collector']) assert.ok(has(`role.${role}`));
});

test('signing seats change by handover, never by deactivation', () => {
  for (const role of ['signatory', 'ward_member']) {
    // Only LGD resets a signatory's password: an office admin could otherwise sign as the chairman.
    assert.deepEqual(allowed(person(role), ADMIN), { deactivate: false, password: false, why: 'handover' });
    assert.deepEqual(allowed(person(role), LGD), { deactivate: false, password: true, why: 'handover' });
  }
});

test('secretaries and UDC operators: deactivate and reset', () => {
  for (const role of ['secretary', 'udc_operator'])
    assert.deepEqual(allowed(person(role), ADMIN), { deactivate: true, password: true, why: null });
});

test('office admins: only LGD removes or resets another; one’s own password is changed elsewhere', () => {
  const other = person('office_admin', { username: 'union-1.admin-2' });
  assert.deepEqual(allowed(other, ADMIN), { deactivate: false, password: false, why: 'lgd' });
  assert.deepEqual(allowed(other, LGD), { deactivate: true, password: true, why: null });
  const self = person('office_admin', { username: ADMIN.sub });
  assert.deepEqual(allowed(self, ADMIN), { deactivate: false, password: false, why: 'own' });
});

test('deactivated people: nothing more to do', () => {
  assert.deepEqual(allowed(person('secretary', { active: false }), LGD), {
    deactivate: false,
    password: false,
    why: null,
  });
});

test('active first, the server order kept within each group', () => {
  const items = [
    { username: 'a', active: false },
    { username: 'b', active: true },
    { username: 'c', active: false },
    { username: 'd', active: true },
  ];
  assert.deepEqual(ordered(items).map((x) => x.username), ['b', 'd', 'a', 'c']);
  assert.equal(items[0].username, 'a'); // the input is left alone
});

test('a new account is checked as the server checks it', () => {
  const good = {
    name_bn: 'রহিমা খাতুন',
    name_en: 'Rahima Khatun',
    username: 'union-1.secretary-2',
    password: 'a long password 1',
  };
  assert.deepEqual(accountProblems(good), []);
  assert.deepEqual(accountProblems({ ...good, name_bn: ' র ', username: 'X!', password: 'short' }), [
    ['name_bn', 'account.name_invalid'],
    ['username', 'account.username_invalid'],
    ['password', 'account.password_invalid'],
  ]);
  assert.deepEqual(accountProblems({}).map(([f]) => f), ['name_bn', 'name_en', 'username', 'password']);
  assert.deepEqual(accountProblems({ ...good, username: 'ab' }), [['username', 'account.username_invalid']]);
  assert.deepEqual(accountProblems({ ...good, password: '123456789012' }), []);
});

test('a deactivation needs a reason of 2 to 200 characters', () => {
  assert.ok(reasonOk('বদলি'));
  assert.ok(!reasonOk(' x '));
  assert.ok(!reasonOk(undefined));
  assert.ok(!reasonOk('x'.repeat(201)));
});

test('every conflict the page explains has its words', () => {
  for (const key of Object.values(CONFLICTS)) assert.ok(has(key), key);
});
