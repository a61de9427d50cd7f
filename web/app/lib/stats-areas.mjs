// The monitoring page's areas and periods: the drill-down levels (national → division → district
// → upazila → office) and the months a report can cover. Pure: node tests them.

import { monthName, num, t } from '../i18n.mjs';

const LEVELS = ['national', 'division', 'district', 'upazila', 'office'];

export function levelOf(area) {
  return area === 'national' ? 'national' : String(area).split(':')[0];
}

export function childLevel(area) {
  return LEVELS[LEVELS.indexOf(levelOf(area)) + 1] || null;
}

/** All time plus the last `count` months (YYYY-MM), newest first. */
export function periods(now = new Date(), count = 12) {
  const out = ['all'];
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  for (let i = 0; i < count; i += 1) {
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
    d.setUTCMonth(d.getUTCMonth() - 1);
  }
  return out;
}

export function periodLabel(p) {
  if (p === 'all') return t('stats.all_time');
  const [y, m] = p.split('-');
  return `${monthName(Number(m))} ${num(Number(y), undefined, { useGrouping: false })}`;
}
