// Municipal revenue in the web app (issue 14 item 9; decision 70), the parts free of the DOM so
// node can test them: a holding's dues grouped as the bill shows them, taka typed by a person into
// integer poisha, a payment's amount checked against the dues, the register form's values into the
// API's body (and a PATCH's changes), a tax schedule's numbers as form fields, and what an
// official's role lets them do here (layout only: the API decides, domain/revenue/access.py).

import { REVENUE_STRINGS } from '../data/revenue-strings.mjs';
import { REVENUE_ROLES } from '../session.mjs';
import { register } from '../../shared/i18n.mjs';
import { asciiDigits as digits } from './validate.mjs';

register(REVENUE_STRINGS);

export const KINDS = ['arrear', 'surcharge', 'current'];
export const USES = ['residential', 'commercial', 'industrial', 'institutional', 'mixed'];
export const OCCUPANCY = ['owner', 'rented'];
export const CASH_METHODS = ['cash'];
export const ONLINE_METHODS = ['sslcommerz', 'bkash'];
export const ADJUST_REASONS = ['waiver', 'remission', 'write_off', 'court_settlement', 'correction'];

/** The dues' lines in the bill's order: arrears, surcharge, current; each group with its sum. */
export function groupDues(lines) {
  return KINDS.map((kind) => {
    const mine = (lines || []).filter((l) => l.kind === kind);
    return { kind, lines: mine, payable: mine.reduce((s, l) => s + (l.payable || 0), 0) };
  }).filter((g) => g.lines.length);
}

/** Today's rebate and surcharge over all lines (poisha): what the bill says plainly. */
export function todaysAdjustments(lines) {
  return (lines || []).reduce(
    (acc, l) => ({ rebate: acc.rebate + (l.rebate || 0), surcharge: acc.surcharge + (l.surcharge || 0) }),
    { rebate: 0, surcharge: 0 },
  );
}

/** Taka as typed ("১২০০", "1,200.50", "৳ 80") → integer poisha, or null when it is not an amount. */
export function toPoisha(text) {
  const raw = digits(String(text ?? ''))
    .replace(/[৳,\s]/g, '')
    .replace(/^tk\.?/i, '');
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(raw)) return null;
  const [whole, frac = ''] = raw.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** Poisha → the plain taka a form shows back ("1200.5" → "1200.50"; no symbol, Latin digits). */
export function toTaka(poisha) {
  const p = Math.max(0, Math.trunc(Number(poisha) || 0));
  return p % 100 ? `${Math.trunc(p / 100)}.${String(p % 100).padStart(2, '0')}` : String(p / 100);
}

/**
 * What paying everything today costs (poisha): the dues priced today, rebates off and surcharges
 * on (decision 72); the face value when the answer does not say.
 */
export function payableTotal(dues) {
  return dues?.total_payable ?? dues?.total_due ?? 0;
}

/**
 * A payment of `poisha` against `dues`: null when it may be sent, else the string key of why not
 * (nothing due, not an amount, below the minimum part payment unless it clears everything, above
 * what paying everything today costs).
 */
export function amountProblem(poisha, dues) {
  const total = payableTotal(dues);
  if (total <= 0) return 'rev.nothing_due';
  if (poisha === null || poisha === undefined || poisha <= 0) return 'rev.amount_invalid';
  if (poisha > total) return 'rev.amount_over';
  const minimum = dues.minimum_payment || 0;
  if (poisha < total && poisha < minimum) return 'rev.amount_min';
  return null;
}

function number(text) {
  const raw = digits(String(text ?? '')).trim();
  return raw === '' || Number.isNaN(Number(raw)) ? null : Number(raw);
}

function trimmed(text) {
  return String(text ?? '').trim();
}

/** One owner row of the form → the API's owner (empty optional members left out). */
function ownerBody(o) {
  const out = { name: trimmed(o.name) };
  if (trimmed(o.phone)) out.phone = digits(trimmed(o.phone));
  if (trimmed(o.nid)) out.nid = digits(trimmed(o.nid));
  const share = number(o.share);
  if (share !== null) out.share = share;
  return out;
}

/** One floor row of the form → the API's floor (the rent in poisha, only when rented). */
function floorBody(f) {
  const out = { built_area_sqm: number(f.built_area_sqm), use: f.use, occupancy: f.occupancy };
  if (f.occupancy === 'rented') out.monthly_rent = toPoisha(f.monthly_rent);
  return out;
}

/**
 * The register form's values ({number, ward, village, use, land_area_sqm, construction_class,
 * owners: [rows], floors: [rows]}) → POST /v1/offices/{id}/holdings's body. Blank rows are dropped.
 */
export function holdingBody(v) {
  return {
    number: digits(trimmed(v.number)),
    ward: number(v.ward),
    village: trimmed(v.village),
    owners: (v.owners || []).filter((o) => trimmed(o.name)).map(ownerBody),
    use: v.use,
    land_area_sqm: number(v.land_area_sqm),
    construction_class: v.construction_class,
    floors: (v.floors || []).filter((f) => trimmed(f.built_area_sqm)).map(floorBody),
  };
}

/** What the register form must have before it is sent: [[field, string key]]. */
export function holdingProblems(body) {
  const out = [];
  if (!body.number) out.push(['number', 'rev.need_number']);
  if (!Number.isInteger(body.ward) || body.ward < 1) out.push(['ward', 'rev.need_ward']);
  if (!body.owners.length) out.push(['owners', 'rev.need_owner']);
  if (body.land_area_sqm === null || body.land_area_sqm < 0) out.push(['land_area_sqm', 'rev.need_area']);
  return [...out, ...floorProblems(body.floors)];
}

/** The floors' problems before sending: [[field, string key]], each field named by `at(i, key)`. */
export function floorProblems(floors, at = (i, key) => `floors.${i}.${key}`) {
  return (floors || []).flatMap((f, i) => [
    f.built_area_sqm === null || f.built_area_sqm <= 0 ? [at(i, 'built_area_sqm'), 'rev.need_area'] : null,
    f.occupancy === 'rented' && !(f.monthly_rent > 0) ? [at(i, 'monthly_rent'), 'rev.need_rent'] : null,
  ]).filter(Boolean);
}

/**
 * An objection's review by revised facts (decision 73): the form's {construction_class, floors}
 * → the action's `facts`, its problems named as the API names them ("facts.floors[0].monthly_rent"),
 * and an assessment's inputs as the form's values (rents in taka).
 */
export function factsBody(v) {
  return {
    construction_class: v.construction_class,
    floors: (v.floors || []).filter((f) => trimmed(f.built_area_sqm)).map(floorBody),
  };
}

export function factsProblems(body) {
  return floorProblems(body.floors, (i, key) => `facts.floors[${i}].${key}`);
}

export function factsValues(inputs) {
  return { construction_class: inputs?.construction_class, floors: (inputs?.floors || []).map(floorValues) };
}

function floorValues(f) {
  return {
    built_area_sqm: String(f.built_area_sqm ?? ''),
    use: f.use,
    occupancy: f.occupancy,
    monthly_rent: f.monthly_rent ? toTaka(f.monthly_rent) : '',
  };
}

/** PATCH /v1/holdings/{id}'s body: the version read and only the members that changed. */
export function holdingPatch(before, body) {
  const out = { version: before.version };
  for (const [key, value] of Object.entries(body)) {
    const was = key === 'owners' ? (before.owners || []).map(ownerBody) : before[key];
    if (JSON.stringify(value) !== JSON.stringify(was)) out[key] = value;
  }
  return out;
}

/** The HoldingView's facts as the form's values (the inverse of holdingBody, rents in taka). */
export function holdingValues(view) {
  return {
    number: view.number,
    ward: String(view.ward ?? ''),
    village: view.village || '',
    use: view.use,
    land_area_sqm: String(view.land_area_sqm ?? ''),
    construction_class: view.construction_class,
    owners: (view.owners || []).map((o) => ({
      name: o.name,
      phone: o.phone || '', // the office's officials read it whole
      nid: '', // never sent back: a new one is typed to change it
      share: o.share === null || o.share === undefined ? '' : String(o.share),
    })),
    floors: (view.floors || []).map(floorValues),
  };
}

/** A schedule document's numbers as form fields: [[dotted path, value]] (the 422's field names). */
export function scheduleNumbers(doc, prefix = '') {
  if (Array.isArray(doc)) return doc.flatMap((x, i) => scheduleNumbers(x, `${prefix}${i}.`));
  if (!doc || typeof doc !== 'object') return [];
  return Object.entries(doc).flatMap(([key, value]) => {
    if (key === 'sources') return [];
    if (typeof value === 'number') return [[`${prefix}${key}`, value]];
    return typeof value === 'object' ? scheduleNumbers(value, `${prefix}${key}.`) : [];
  });
}

/** A copy of the schedule document with the numbers at `changes` ({dotted path: number}) set. */
export function withNumbers(doc, changes) {
  const copy = structuredClone(doc);
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    const last = keys.pop();
    const parent = keys.reduce((node, k) => node?.[k], copy);
    if (parent && typeof parent === 'object') parent[last] = value;
  }
  return copy;
}

/** The fiscal year (July–June) a day falls in: 2026-12-07 → '2026-27'. */
export function fiscalYearOf(isoDay) {
  const [y, m] = String(isoDay).split('-').map(Number);
  const start = m >= 7 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Today in Bangladesh (UTC+6) as YYYY-MM-DD. */
export function todayBd(now = new Date()) {
  return new Date(now.getTime() + 6 * 3600 * 1000).toISOString().slice(0, 10);
}

/**
 * What an official may do on the revenue pages (mirrors domain/revenue/access.py; layout only):
 * the office's kind decides what a secretary is (a union's does the revenue work).
 */
export function revenueDuties(who, officeKind) {
  const role = who?.role;
  const union = officeKind === 'union';
  const unionSecretary = union && role === 'secretary';
  const revenue = REVENUE_ROLES.includes(role) && !union;
  const approver = role === 'secretary' || role === 'signatory';
  return {
    register: unionSecretary || (revenue && role === 'assessor'),
    cash: unionSecretary || (revenue && role === 'tax_collector'),
    run: unionSecretary || (revenue && role === 'assessor'),
    approve: approver,
    read: unionSecretary || revenue || approver,
  };
}

export const STATS_LEVELS = ['division', 'district', 'upazila'];

/** The monitors' query one level down from `here` ({division?, district?, upazila?}), or null. */
export function drillQuery(here, code) {
  const next = STATS_LEVELS.find((level) => !here[level]);
  return next ? { ...here, [next]: code } : null;
}
