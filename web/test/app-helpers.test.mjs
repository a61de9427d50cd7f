// Pure helpers of the app: routes, the token's claims, paper sniffing, monitoring periods.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { childLevel, levelOf, periods } from '../app/lib/stats-areas.mjs';
import { sniffBytes } from '../app/lib/papers.mjs';
import { matchRoute, parseHash } from '../app/router.mjs';
import { decodeJwt, expired, homeFor, isMonitor, isOfficeAdmin, isOfficial } from '../app/session.mjs';
import { DECIDED, QUEUE_STATUSES, NOTE_REQUIRED } from '../app/lib/workflow.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

test('hash routes', () => {
  const routes = [
    ['/', null, 'home'],
    ['/offices/:office/types/:type', null, 'charter'],
    ['/applications/:id', null, 'detail', 'citizen'],
  ];
  assert.equal(parseHash('').path, '/');
  assert.equal(parseHash('#main').path, '/');
  const { path: p, query } = parseHash('#/offices?division=1&q=%E0%A6%B8%E0%A7%81');
  assert.equal(p, '/offices');
  assert.equal(query.get('q'), 'সু');
  assert.equal(parseHash('#/applications/ABC/').path, '/applications/ABC');
  assert.deepEqual(matchRoute('/offices/union-1/types/warish', routes).params, { office: 'union-1', type: 'warish' });
  assert.equal(matchRoute('/applications/X1', routes).guard, 'citizen');
  assert.equal(matchRoute('/nowhere', routes), null);
});

function jwt(claims) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256' })}.${b64(claims)}.sig`;
}

test("the token's claims, for display only", () => {
  const staff = {
    sub: 'union-1.secretary',
    kind: 'staff',
    role: 'secretary',
    office_id: 'union-1',
    ward: null,
    name: 'নাসরিন',
    exp: 4102444800,
  };
  const c = decodeJwt(jwt(staff));
  assert.equal(c.name, 'নাসরিন');
  assert.ok(isOfficial(c) && !isMonitor(c) && !isOfficeAdmin(c));
  assert.equal(homeFor(c), '#/office');
  assert.equal(homeFor({ kind: 'staff', role: 'monitor' }), '#/stats');
  assert.equal(homeFor({ kind: 'citizen' }), '#/applications');
  assert.ok(expired({ exp: 1 }));
  assert.ok(!expired(c));
  assert.equal(decodeJwt('garbage'), null);
});

test('papers are recognised by their first bytes', () => {
  assert.equal(sniffBytes([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]), 'application/pdf');
  assert.equal(sniffBytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg');
  assert.equal(sniffBytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image/png');
  assert.equal(sniffBytes([0x4d, 0x5a, 0x90, 0x00]), null); // an executable
});

test('monitoring levels and periods', () => {
  assert.equal(levelOf('national'), 'national');
  assert.equal(childLevel('national'), 'division');
  assert.equal(childLevel('upazila:1'), 'office');
  assert.equal(childLevel('office:union-1'), null);
  assert.deepEqual(periods(new Date(Date.UTC(2026, 0, 15)), 3), ['all', '2026-01', '2025-12', '2025-11']);
});

test('the staff page knows every status and which notes the workflow requires', () => {
  const wf = JSON.parse(fs.readFileSync(path.join(ROOT, 'chalicelib', 'data', 'workflows.json'), 'utf8'));
  for (const s of QUEUE_STATUSES) assert.ok(s in wf.statuses, s);
  for (const [s, flags] of Object.entries(wf.statuses)) if (flags.terminal) assert.ok(DECIDED.includes(s), s);
  for (const s of DECIDED) assert.ok(s in wf.statuses, s);
  // Every status but the draft (which no office sees), in the workflow's order.
  assert.deepEqual(QUEUE_STATUSES, Object.keys(wf.statuses).filter((s) => s !== 'draft'));
  const required = new Set();
  for (const v of Object.values(wf.variants))
    for (const [name, rule] of Object.entries(v.actions)) if (rule.note === 'required') required.add(name);
  assert.deepEqual([...required].sort(), [...NOTE_REQUIRED].sort());
});

test('the area map hangs together', async () => {
  const { DIVISIONS, DISTRICTS, UPAZILAS, OUTSIDE_UPAZILA } = await import('../app/data/areas.mjs');
  assert.equal(DIVISIONS.length, 8);
  assert.equal(DISTRICTS.length, 64);
  const divisions = new Set(DIVISIONS.map((d) => d[0]));
  const districts = new Set(DISTRICTS.map((d) => d[0]));
  for (const d of DISTRICTS) assert.ok(divisions.has(d[1]), d[3]);
  for (const u of UPAZILAS) assert.ok(districts.has(u[1]), u[3]);
  for (const [id, kinds] of Object.entries(OUTSIDE_UPAZILA)) {
    assert.ok(districts.has(id), id);
    for (const k of kinds) assert.ok(['city_corporation', 'pourashava'].includes(k));
  }
  for (const row of [...DIVISIONS, ...DISTRICTS, ...UPAZILAS]) assert.match(row.at(-2), /[\u0980-\u09FF]/);
});

test('a Bengali error says what the server says to do (detail_bn), e.g. who unlocks a locked account', async () => {
  const { ApiError } = await import('../app/api.mjs');
  const { errorText } = await import('../app/lib/ui.mjs');
  const locked = new ApiError(429, {
    code: 'account_locked',
    title: 'Account locked',
    title_bn: 'অ্যাকাউন্ট লক করা হয়েছে',
    detail: 'this username is locked …; your office admin can unlock it, or try again in 24 hours',
    detail_bn: 'আপনার অফিস অ্যাডমিন এটি খুলে দিতে পারেন, অথবা ২৪ ঘণ্টা পরে আবার চেষ্টা করুন',
  });
  const text = errorText(locked); // Bengali is the default language
  assert.ok(text.startsWith('অ্যাকাউন্ট লক করা হয়েছে'), text);
  assert.ok(text.includes('অফিস অ্যাডমিন') && text.includes('২৪ ঘণ্টা'), text);
  assert.equal(errorText(new ApiError(404, { code: 'not_found', title_bn: 'খুঁজে পাওয়া যায়নি' })), 'খুঁজে পাওয়া যায়নি');
});
