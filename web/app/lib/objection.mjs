// An owner's objection to a holding's assessment in the web app (decision 73), the parts free of
// the DOM so node can test them: where the holding page's "object" link goes, what the application
// form starts with, the holding an objection names, the assessor's decided annual value typed in
// taka (sent in poisha) and an assessment's tax by head as rows.

import { fiscalYearOf, toPoisha, todayBd } from './revenue.mjs';
import { OBJECTION_TYPE } from './workflow.mjs';

export { OBJECTION_TYPE };

const enc = encodeURIComponent;

/** The fiscal year an objection is to: the assessment's own, or this year's. */
export function objectionYear(assessment, today = todayBd()) {
  return assessment?.fiscal_year || fiscalYearOf(today);
}

/** The application form for an objection to `holding`'s assessment of `fiscalYear`. */
export function objectionHref(holding, fiscalYear) {
  return `#/apply/${enc(holding.office_id)}/${OBJECTION_TYPE}?holding=${enc(holding.holding_id)}&fy=${enc(fiscalYear)}`;
}

/** What the objection form starts with: the holding's ward, its number and the fiscal year. */
export function objectionPrefill(holding, fiscalYear) {
  return { ward: String(holding.ward), fields: { holding_number: holding.number, fiscal_year: fiscalYear } };
}

/** The holding an objection's case names ({holding_id, number}, kept at filing), or null. */
export function objectedHolding(item) {
  if (item?.type !== OBJECTION_TYPE) return null;
  const named = item.fields?.holding;
  return named?.holding_id ? { holding_id: named.holding_id, number: named.number } : null;
}

/** The decided annual value as typed in taka → {annual_value} in poisha, or {error} (a string key). */
export function reviewValue(text) {
  if (!String(text ?? '').trim()) return { error: 'rev.obj_value_missing' };
  const poisha = toPoisha(text);
  return poisha === null ? { error: 'rev.obj_value_invalid' } : { annual_value: poisha };
}

/** Tax by head ({head: poisha}) as [head, poisha] rows, the heads that raise nothing left out. */
export function taxRows(tax) {
  return Object.entries(tax || {}).filter(([, poisha]) => Number(poisha) > 0);
}

/** A rate in basis points as a percentage ("700" → "7", "750" → "7.5"). */
export function percentOf(bp) {
  return String(Math.round(Number(bp) || 0) / 100);
}
