// Decision 73: an owner's objection to an assessment from the holding's page (the form's address
// and what it starts with), the holding an objection's case names, the assessor's decided annual
// value typed in taka and sent in poisha, or revised facts (construction class and floors) named as
// the API names them, and an assessment's tax by head as rows.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { has } from '../app/i18n.mjs';
import { matchRoute, parseHash } from '../app/router.mjs';
import {
  OBJECTION_TYPE,
  objectedHolding,
  objectionHref,
  objectionPrefill,
  objectionYear,
  percentOf,
  reviewValue,
  taxRows,
} from '../app/lib/objection.mjs';
import { factsBody, factsProblems, factsValues, holdingProblems } from '../app/lib/revenue.mjs';
import { DEFAULT_STATUS } from '../app/lib/workflow.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOLDING = { holding_id: 'H0A1B2C3D4E5F', office_id: 'pourashava-savar', number: '1/0001', ward: 3 };

test('the objection type is the catalog one, on the workflow the assessor reviews', () => {
  const file = path.join(ROOT, 'chalicelib', 'data', 'certificate_types', `${OBJECTION_TYPE}.json`);
  const type = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(type.code, OBJECTION_TYPE);
  assert.equal(type.workflow, 'objection');
  assert.deepEqual(
    type.fields.map((f) => f.name),
    ['holding_number', 'fiscal_year', 'grounds_bn'],
  );
  const workflows = JSON.parse(fs.readFileSync(path.join(ROOT, 'chalicelib', 'data', 'workflows.json'), 'utf8'));
  const review = workflows.variants.objection.actions.review;
  assert.ok(review.by.includes('assessor') && review.from.includes(DEFAULT_STATUS.assessor));
});

test('the holding page links to the apply form with the holding and the year', () => {
  const href = objectionHref(HOLDING, '2026-27');
  const { path: where, query } = parseHash(href);
  const route = matchRoute(where, [['/apply/:office/:type', null, 'apply']]);
  assert.deepEqual(route.params, { office: 'pourashava-savar', type: OBJECTION_TYPE });
  assert.equal(query.get('holding'), HOLDING.holding_id);
  assert.equal(query.get('fy'), '2026-27');
});

test("the year objected to: the assessment's own, else this fiscal year", () => {
  assert.equal(objectionYear({ fiscal_year: '2025-26' }), '2025-26');
  assert.equal(objectionYear(null, '2026-12-07'), '2026-27');
  assert.equal(objectionYear(null, '2027-06-30'), '2026-27');
  assert.equal(objectionYear(null, '2027-07-01'), '2027-28');
});

test('the form starts with the ward, the holding number and the year', () => {
  assert.deepEqual(objectionPrefill(HOLDING, '2026-27'), {
    ward: '3',
    fields: { holding_number: '1/0001', fiscal_year: '2026-27' },
  });
});

test("an objection's case names its holding; other cases none", () => {
  const item = { type: OBJECTION_TYPE, fields: { holding: { holding_id: 'H1', number: '7-ক' }, fiscal_year: '2026-27' } };
  assert.deepEqual(objectedHolding(item), { holding_id: 'H1', number: '7-ক' });
  assert.equal(objectedHolding({ ...item, type: 'citizenship' }), null);
  assert.equal(objectedHolding({ type: OBJECTION_TYPE, fields: {} }), null);
  assert.equal(objectedHolding(null), null);
});

test('the decided annual value: taka typed in any script, sent in poisha', () => {
  assert.deepEqual(reviewValue('48000'), { annual_value: 4_800_000 });
  assert.deepEqual(reviewValue('৪৮,০০০'), { annual_value: 4_800_000 });
  assert.deepEqual(reviewValue('৳ 1200.50'), { annual_value: 120_050 });
  assert.deepEqual(reviewValue('0'), { annual_value: 0 });
  assert.deepEqual(reviewValue(''), { error: 'rev.obj_value_missing' });
  assert.deepEqual(reviewValue('  '), { error: 'rev.obj_value_missing' });
  for (const bad of ['-5', 'abc', '12.345', '1e5']) assert.deepEqual(reviewValue(bad), { error: 'rev.obj_value_invalid' });
  assert.ok(has('rev.obj_value_missing') && has('rev.obj_value_invalid'));
});

test('tax by head as rows, heads that raise nothing left out; rates as percentages', () => {
  assert.deepEqual(taxRows({ holding_tax: 336_000, conservancy: 0, lighting: 144_000 }), [
    ['holding_tax', 336_000],
    ['lighting', 144_000],
  ]);
  assert.deepEqual(taxRows(undefined), []);
  assert.equal(percentOf(700), '7');
  assert.equal(percentOf('750'), '7.5');
  assert.equal(percentOf(undefined), '0');
});

test("a review by revised facts: the assessment's inputs as the form's values, and back", () => {
  const inputs = {
    construction_class: 'pucca',
    floors: [
      { built_area_sqm: 90, use: 'residential', occupancy: 'owner', monthly_rent: 0 },
      { built_area_sqm: 90, use: 'commercial', occupancy: 'rented', monthly_rent: 1_500_050 },
    ],
    monthly_values: [1, 2],
  };
  const values = factsValues(inputs);
  assert.deepEqual(values, {
    construction_class: 'pucca',
    floors: [
      { built_area_sqm: '90', use: 'residential', occupancy: 'owner', monthly_rent: '' },
      { built_area_sqm: '90', use: 'commercial', occupancy: 'rented', monthly_rent: '15000.50' },
    ],
  });
  const edited = { ...values, floors: [...values.floors, { built_area_sqm: ' ', use: 'residential', occupancy: 'owner' }] };
  assert.deepEqual(factsBody(edited), {
    construction_class: 'pucca',
    floors: [
      { built_area_sqm: 90, use: 'residential', occupancy: 'owner' },
      { built_area_sqm: 90, use: 'commercial', occupancy: 'rented', monthly_rent: 1_500_050 },
    ],
  });
  assert.deepEqual(factsValues(undefined), { construction_class: undefined, floors: [] });
});

test("a review's floors checked before sending, named as the API names them", () => {
  const body = factsBody({
    construction_class: 'kutcha',
    floors: [
      { built_area_sqm: '০', use: 'residential', occupancy: 'owner' },
      { built_area_sqm: '৪০', use: 'residential', occupancy: 'rented', monthly_rent: '' },
    ],
  });
  assert.deepEqual(factsProblems(body), [
    ['facts.floors[0].built_area_sqm', 'rev.need_area'],
    ['facts.floors[1].monthly_rent', 'rev.need_rent'],
  ]);
  // the register form's own names are as before
  const holding = { number: '1', ward: 1, owners: [{}], land_area_sqm: 10, floors: body.floors };
  assert.deepEqual(holdingProblems(holding), [
    ['floors.0.built_area_sqm', 'rev.need_area'],
    ['floors.1.monthly_rent', 'rev.need_rent'],
  ]);
  assert.ok(has('rev.need_area') && has('rev.need_rent') && has('rev.obj_by_facts'));
});
