// The catalog as the pages read it: the certificate types (GET /v1/certificate-types), an office's
// charter (GET /v1/offices/{id}/charter), and the small pieces every page draws from them.

import { api, peek } from '../api.mjs';
import { h } from '../../shared/dom.mjs';
import { money, pick, t } from '../i18n.mjs';

export const CATEGORIES = [
  'identity',
  'family',
  'marital',
  'social',
  'economic',
  'occupation',
  'property',
  'business',
  'permit',
  'misc',
];

/** The office's charter: every type, or only `type` (what a form needs: ~1.5 KB, not ~69 KB). A
 * charter of every type already fetched in this tab answers for one type too. */
export function charterOf(id, type = null) {
  const all = `/offices/${encodeURIComponent(id)}/charter`;
  if (!type) return api(all, { cached: true });
  const known = peek(all);
  if (known) return Promise.resolve({ office: known.office, items: known.items.filter((it) => it.type === type) });
  return api(`${all}/${encodeURIComponent(type)}`, { cached: true });
}

export function types() {
  return api('/certificate-types', { cached: true });
}

export function areaLine(office) {
  const a = office.area || {};
  return [a.upazila, a.district, a.division]
    .filter(Boolean)
    .map((x) => pick(x, 'name'))
    .join(', ');
}

/** Where an office is, in words: "Companiganj upazila, Noakhali district" (or the district only). */
export function placeLine(o) {
  const a = o.area || {};
  if (a.upazila && a.district)
    return t('offices.place', { upazila: pick(a.upazila, 'name'), district: pick(a.district, 'name') });
  return a.district ? t('offices.place_district', { district: pick(a.district, 'name') }) : '';
}

export function feeRows(fee) {
  return [
    [t('fee.office'), money(fee.office_fee)],
    [t('fee.platform'), money(fee.platform_fee)],
    [t('fee.total'), h('strong', { testid: 'fee-total' }, money(fee.total))],
  ];
}

export function officerName(role, office) {
  if (role === 'secretary') return t(`officer.secretary.${office.kind}`);
  if (role === 'ward_member') return t('officer.ward_member');
  return t(`officer.${role}`);
}
