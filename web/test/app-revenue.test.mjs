// Issue 14 item 9 (decision 70): a holding's dues grouped as the bill shows them, taka typed into
// poisha, a payment's amount checked against the dues, the register form's values into the API's
// body and a PATCH's changes, a schedule's numbers as fields, what each role does, the monitors'
// drill-down, and the way back from the gateway to the holding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { has, money } from '../app/i18n.mjs';
import { returnTarget } from '../app/lib/payment-return.mjs';
import {
  ADJUST_REASONS,
  KINDS,
  OCCUPANCY,
  USES,
  amountProblem,
  drillQuery,
  fiscalYearOf,
  groupDues,
  holdingBody,
  holdingPatch,
  holdingProblems,
  holdingValues,
  payableTotal,
  revenueDuties,
  scheduleNumbers,
  toPoisha,
  toTaka,
  todayBd,
  todaysAdjustments,
  withNumbers,
} from '../app/lib/revenue.mjs';

const line = (kind, payable, extra = {}) => ({
  line_id: `${kind}-${payable}`,
  fiscal_year: '2025-26',
  head: 'holding_tax',
  head_name: 'Holding tax',
  head_name_bn: 'হোল্ডিং কর',
  instalment: 1,
  due_on: '2025-09-30',
  kind,
  amount: payable,
  paid: 0,
  outstanding: payable,
  rebate: 0,
  surcharge: 0,
  payable,
  ...extra,
});

test('dues are grouped arrears, surcharge, current, each with its sum; empty groups left out', () => {
  const lines = [line('current', 500), line('arrear', 1000), line('current', 700), line('arrear', 250)];
  const groups = groupDues(lines);
  assert.deepEqual(
    groups.map((g) => [g.kind, g.lines.length, g.payable]),
    [
      ['arrear', 2, 1250],
      ['current', 2, 1200],
    ],
  );
  assert.deepEqual(groupDues([]), []);
  assert.deepEqual(groupDues(undefined), []);
  assert.deepEqual(
    todaysAdjustments([line('current', 900, { rebate: 100 }), line('arrear', 1150, { surcharge: 150 })]),
    { rebate: 100, surcharge: 150 },
  );
});

test('taka as people type it becomes integer poisha; anything else is not an amount', () => {
  assert.equal(toPoisha('1200'), 120000);
  assert.equal(toPoisha('১২০০'), 120000);
  assert.equal(toPoisha('১,২০০.৫'), 120050);
  assert.equal(toPoisha('৳ 80.05'), 8005);
  assert.equal(toPoisha(' 0.5 '), 50);
  for (const bad of ['', 'abc', '12.345', '-5', '1e3', '12..3']) assert.equal(toPoisha(bad), null, bad);
  assert.equal(toTaka(120050), '1200.50');
  assert.equal(toTaka(120000), '1200');
  assert.equal(toPoisha(toTaka(987654)), 987654);
  assert.equal(money(120050, 'bn'), '৳১,২০০.৫০');
});

test('a payment: all of it, or a part not below the minimum; never more than is due', () => {
  const dues = { total_due: 50000, minimum_payment: 10000 };
  assert.equal(amountProblem(50000, dues), null);
  assert.equal(amountProblem(10000, dues), null);
  assert.equal(amountProblem(9999, dues), 'rev.amount_min');
  assert.equal(amountProblem(50001, dues), 'rev.amount_over');
  assert.equal(amountProblem(null, dues), 'rev.amount_invalid');
  assert.equal(amountProblem(0, dues), 'rev.amount_invalid');
  assert.equal(amountProblem(100, { total_due: 0 }), 'rev.nothing_due');
  // Less than the minimum is due: paying all of it is fine.
  assert.equal(amountProblem(5000, { total_due: 5000, minimum_payment: 10000 }), null);
  for (const key of ['rev.amount_min', 'rev.amount_over', 'rev.amount_invalid', 'rev.nothing_due']) assert.ok(has(key));
});

test('in a rebate window the whole payment is what paying everything today costs, not the face value', () => {
  const dues = { total_due: 50000, total_payable: 45000, minimum_payment: 10000 };
  assert.equal(payableTotal(dues), 45000);
  assert.equal(amountProblem(45000, dues), null);
  assert.equal(amountProblem(50000, dues), 'rev.amount_over');
  assert.equal(payableTotal({ total_due: 700 }), 700); // an answer without the priced total
  assert.ok(has('rev.rebate_earned'));
});

const FORM = {
  number: ' ১২/ক ',
  ward: '৩',
  village: ' মধ্যপাড়া ',
  use: 'residential',
  land_area_sqm: '120.5',
  construction_class: 'pucca',
  owners: [
    { name: 'রহিমা বেগম', phone: '০১৭১১০০০০০১', nid: '', share: '50' },
    { name: '  ', phone: '', nid: '', share: '' },
    { name: 'করিম', phone: '', nid: '1234567890', share: '' },
  ],
  floors: [
    { built_area_sqm: '80', use: 'residential', occupancy: 'owner', monthly_rent: '' },
    { built_area_sqm: '60', use: 'commercial', occupancy: 'rented', monthly_rent: '৫০০০' },
    { built_area_sqm: '', use: 'residential', occupancy: 'owner', monthly_rent: '' },
  ],
};

test('the register form becomes the API body: digits folded, blank rows dropped, rent in poisha', () => {
  assert.deepEqual(holdingBody(FORM), {
    number: '12/ক',
    ward: 3,
    village: 'মধ্যপাড়া',
    owners: [
      { name: 'রহিমা বেগম', phone: '01711000001', share: 50 },
      { name: 'করিম', nid: '1234567890' },
    ],
    use: 'residential',
    land_area_sqm: 120.5,
    construction_class: 'pucca',
    floors: [
      { built_area_sqm: 80, use: 'residential', occupancy: 'owner' },
      { built_area_sqm: 60, use: 'commercial', occupancy: 'rented', monthly_rent: 500000 },
    ],
  });
  assert.deepEqual(holdingProblems(holdingBody(FORM)), []);
});

test('the register form names what is missing by the API field path', () => {
  const body = holdingBody({
    ...FORM,
    number: '',
    ward: 'x',
    owners: [],
    floors: [{ built_area_sqm: '20', use: 'residential', occupancy: 'rented', monthly_rent: '' }],
  });
  assert.deepEqual(
    holdingProblems(body).map(([f]) => f),
    ['number', 'ward', 'owners', 'floors.0.monthly_rent'],
  );
});

test('an edit sends the version read and only what changed', () => {
  const view = {
    holding_id: 'H1',
    version: 4,
    number: '12/ক',
    ward: 3,
    village: 'মধ্যপাড়া',
    owners: [{ name: 'রহিমা বেগম', phone: '01711000001', share: 50 }],
    use: 'residential',
    land_area_sqm: 120.5,
    construction_class: 'pucca',
    floors: [{ built_area_sqm: 60, use: 'commercial', occupancy: 'rented', monthly_rent: 500000 }],
  };
  const same = holdingBody(holdingValues(view));
  assert.deepEqual(holdingPatch(view, same), { version: 4 });
  const moved = holdingBody({ ...holdingValues(view), ward: '4' });
  assert.deepEqual(holdingPatch(view, moved), { version: 4, ward: 4 });
});

test("a schedule's numbers are fields named as the 422 names them, and go back in place", () => {
  const doc = {
    reassessment_years: 5,
    valuation: { method: 'annual_rent', repairs_months: 2, standard_rent: { pucca: 4000 } },
    heads: [{ code: 'holding_tax', name: 'Holding tax', name_bn: 'হোল্ডিং কর', rate_bp: 700, cap: null }],
    minimum_part_payment: 10000,
    settlement_order: ['arrear', 'surcharge', 'current'],
    sources: [{ cite: 'x', covers: ['heads'], n: 3 }],
  };
  assert.deepEqual(
    scheduleNumbers(doc).map(([p]) => p),
    [
      'reassessment_years',
      'valuation.repairs_months',
      'valuation.standard_rent.pucca',
      'heads.0.rate_bp',
      'minimum_part_payment',
    ],
  );
  const changed = withNumbers(doc, { 'heads.0.rate_bp': 750, 'valuation.standard_rent.pucca': 4200 });
  assert.equal(changed.heads[0].rate_bp, 750);
  assert.equal(changed.valuation.standard_rent.pucca, 4200);
  assert.equal(doc.heads[0].rate_bp, 700); // the document read is not changed
  assert.deepEqual(changed.sources, doc.sources);
});

test('fiscal years run July to June; today is in Bangladesh time', () => {
  assert.equal(fiscalYearOf('2026-12-07'), '2026-27');
  assert.equal(fiscalYearOf('2026-06-30'), '2025-26');
  assert.equal(fiscalYearOf('2026-07-01'), '2026-27');
  assert.equal(fiscalYearOf('2099-08-01'), '2099-00');
  assert.equal(todayBd(new Date('2026-06-30T18:30:00Z')), '2026-07-01');
});

test('what each role does (mirrors domain/revenue/access.py)', () => {
  const who = (role) => ({ kind: 'staff', role, office_id: 'x' });
  const pick = (d) => Object.keys(d).filter((k) => d[k]);
  assert.deepEqual(pick(revenueDuties(who('assessor'), 'pourashava')), ['register', 'run', 'read']);
  assert.deepEqual(pick(revenueDuties(who('tax_collector'), 'city_corporation')), ['cash', 'read']);
  assert.deepEqual(pick(revenueDuties(who('secretary'), 'union')), ['register', 'cash', 'run', 'approve', 'read']);
  assert.deepEqual(pick(revenueDuties(who('secretary'), 'pourashava')), ['approve', 'read']);
  assert.deepEqual(pick(revenueDuties(who('signatory'), 'union')), ['approve', 'read']);
  assert.deepEqual(pick(revenueDuties(who('assessor'), 'union')), []);
  assert.deepEqual(pick(revenueDuties(who('office_admin'), 'pourashava')), []);
});

test('monitors drill down division, district, upazila and no further', () => {
  assert.deepEqual(drillQuery({}, '30'), { division: '30' });
  assert.deepEqual(drillQuery({ division: '30' }, '26'), { division: '30', district: '26' });
  assert.deepEqual(drillQuery({ division: '30', district: '26' }, '72'), {
    division: '30',
    district: '26',
    upazila: '72',
  });
  assert.equal(drillQuery({ division: '30', district: '26', upazila: '72' }, 'x'), null);
});

test("back from the gateway to the holding this tab was paying for, the payment's number along", () => {
  const q = (s) => new URLSearchParams(s);
  const pending = { id: 'H1', holding: true, tracking: '12/ক', payment: 'PAY9' };
  assert.equal(returnTarget(q('payment=paid&ref=PAY9'), pending), '#/holdings/H1?payment=paid&ref=PAY9');
  assert.equal(returnTarget(q('payment=cancelled&ref=PAY9'), pending), '#/holdings/H1?payment=cancelled&ref=PAY9');
  assert.equal(returnTarget(q('payment=paid&ref=OTHER'), pending), null);
});

test('every code the API sends has its words', () => {
  for (const k of KINDS) assert.ok(has(`rev.kind.${k}`), k);
  for (const u of USES) assert.ok(has(`rev.use.${u}`), u);
  for (const o of OCCUPANCY) assert.ok(has(`rev.occupancy.${o}`), o);
  for (const r of ADJUST_REASONS) assert.ok(has(`rev.reason.${r}`), r);
  for (const m of ['cash', 'sslcommerz', 'bkash']) assert.ok(has(`rev.method.${m}`), m);
  for (const s of ['planning', 'running', 'done']) assert.ok(has(`rev.run.${s}`), s);
  for (const s of ['office', 'default']) assert.ok(has(`rev.source.${s}`), s);
  for (const c of ['pucca', 'semi_pucca', 'kutcha']) assert.ok(has(`rev.class.${c}`), c);
  for (const r of ['assessor', 'tax_collector']) assert.ok(has(`role.${r}`), r);
});
