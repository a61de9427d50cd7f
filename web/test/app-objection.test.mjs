// Decision 73: an owner's objection to an assessment from the holding's page (the form's address
// and what it starts with), the holding an objection's case names, the assessor's decided annual
// value typed in taka and sent in poisha, and an assessment's tax by head as rows.
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
