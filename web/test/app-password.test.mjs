// An official's own password: the checks before it is sent, the shell's detour to the password
// page while someone else's choice stands, and how the flag lives with the session.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { has } from '../app/i18n.mjs';
import { PASSWORD_PAGE, passwordGate, safeNext } from '../app/router.mjs';
import { clearSession, mustChangePassword, setMustChangePassword, setToken, signOut } from '../app/session.mjs';
import { passwordChangeProblems } from '../app/lib/validate.mjs';

const GOOD = 'a phrase of my own';

test('the new password: long enough, not the current one, typed the same twice', () => {
  assert.deepEqual(passwordChangeProblems({ current: 'sonod-demo-2026', next: GOOD, again: GOOD }), []);
  assert.deepEqual(passwordChangeProblems({ current: '', next: '', again: '' }), [
    ['current', 'password.current_required'],
    ['next', 'account.password_invalid'],
    ['again', 'password.again_required'],
  ]);
  assert.deepEqual(passwordChangeProblems({ current: 'x', next: 'short', again: 'short' }), [
    ['next', 'account.password_invalid'],
  ]);
  assert.deepEqual(passwordChangeProblems({ current: GOOD, next: GOOD, again: GOOD }), [['next', 'password.same']]);
  assert.deepEqual(passwordChangeProblems({ current: 'x', next: GOOD, again: `${GOOD} ` }), [
    ['again', 'password.mismatch'],
  ]);
  // Bengali counts as the server (Python's len) counts it: 15 code points here.
  assert.deepEqual(passwordChangeProblems({ current: 'x', next: 'আমার পাসওয়ার্ড', again: 'আমার পাসওয়ার্ড' }), []);
  for (const [, key] of passwordChangeProblems({ current: GOOD, next: GOOD, again: '' })) assert.ok(has(key), key);
  for (const key of ['password.mismatch', 'password.wrong_current', 'staff.password_pending', 'nav.password'])
    assert.ok(has(key), key);
});

test('while the flag stands every page leads to the password page, remembering where to go next', () => {
  const q = (s) => new URLSearchParams(s);
  assert.equal(passwordGate('/office', q(''), false), null);
  assert.equal(passwordGate(PASSWORD_PAGE, q('next=%23%2Foffice'), true), null);
  assert.equal(passwordGate('/office', q(''), true), `#${PASSWORD_PAGE}?next=${encodeURIComponent('#/office')}`);
  assert.equal(
    passwordGate('/office/cases/C1', q('tab=papers'), true),
    `#${PASSWORD_PAGE}?next=${encodeURIComponent('#/office/cases/C1?tab=papers')}`,
  );
  // The start page and the sign-in pages are not worth returning to: home instead.
  for (const path of ['/', '/staff/signin', '/signin']) assert.equal(passwordGate(path, q(''), true), `#${PASSWORD_PAGE}`);
});

test('next: an app route, never one that would loop back', () => {
  assert.equal(safeNext('#/office/staff', '#/office'), '#/office/staff');
  assert.equal(safeNext('#/stats?period=2026', '#/office'), '#/stats?period=2026');
  for (const bad of [null, '', 'https://evil.example/#/office', '//evil', '#/signin?next=x', '#/staff/signin'])
    assert.equal(safeNext(bad, '#/office'), '#/office', bad);
  assert.equal(safeNext(`#${PASSWORD_PAGE}?next=%23%2Foffice`, '#/office'), '#/office');
});

function fakeBrowser() {
  const data = new Map();
  globalThis.window = {
    sessionStorage: {
      getItem: (k) => (data.has(k) ? data.get(k) : null),
      setItem: (k, v) => data.set(k, String(v)),
      removeItem: (k) => data.delete(k),
      key: (i) => [...data.keys()][i],
      get length() {
        return data.size;
      },
    },
    dispatchEvent: () => true,
  };
  return data;
}

function jwt(claims) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'ES256' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.sig`;
}

test('the flag lives with the token: kept across reloads, gone with the session', () => {
  const data = fakeBrowser();
  try {
    const staff = jwt({ sub: 'union-1.secretary-2', kind: 'staff', role: 'secretary', office_id: 'union-1' });
    setToken(staff, { mustChangePassword: true });
    assert.equal(mustChangePassword(), true);
    assert.equal(data.get('sonod.must_change_password'), '1'); // what a reload reads back
    setMustChangePassword(false);
    assert.equal(mustChangePassword(), false);

    setToken(staff, { mustChangePassword: true });
    clearSession(); // expired or refused token
    assert.equal(mustChangePassword(), false);

    setToken(staff, { mustChangePassword: true });
    signOut();
    assert.equal(data.size, 0);

    setToken(staff); // a later sign-in that was not asked to change
    assert.equal(mustChangePassword(), false);
    // Citizens have no password: a stray flag never applies to them.
    setToken(jwt({ sub: 'c_1', kind: 'citizen' }));
    data.set('sonod.must_change_password', '1');
    assert.equal(mustChangePassword(), false);
  } finally {
    delete globalThis.window;
  }
});
