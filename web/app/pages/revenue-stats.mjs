// Municipal revenue for monitors and LGD (issue 14 item 9; decision 70): collected, arrears and
// holdings per area (GET /v1/stats/revenue?division=&district=&upazila=), drilled down from the
// country to an upazila's offices. Totals only: no holding, owner or amount of one person is here.

import { api, query } from '../api.mjs';
import { h } from '../../shared/dom.mjs';
import { money, num, pick, t } from '../i18n.mjs';
import { STATS_LEVELS, drillQuery } from '../lib/revenue.mjs';
import { pageHead } from '../lib/ui.mjs';

function row(area, href, total = false) {
  const name = total ? t('stats.total') : pick(area, 'name') || area.area_code;
  return h(
    'tr',
    { testid: total ? 'rev-stats-total' : 'rev-stats-row', 'data-area': area.area_code || '' },
    h('th', { scope: 'row' }, href ? h('a', { href, testid: 'rev-stats-drill' }, name) : name),
    h('td', { class: 'num' }, money(area.collected || 0)),
    h('td', { class: 'num' }, money(area.arrears || 0)),
    h('td', { class: 'num' }, num(area.holdings || 0)),
  );
}

export async function revenueStats(ctx) {
  const here = Object.fromEntries(STATS_LEVELS.map((l) => [l, ctx.query.get(l) || '']).filter(([, v]) => v));
  const data = await api(`/stats/revenue${query(here)}`);
  const areas = data.areas || [];
  const sum = (k) => areas.reduce((s, a) => s + (a[k] || 0), 0);
  const href = (a) => {
    const down = drillQuery(here, a.area_code);
    return down ? `#/stats/revenue${query(down)}` : null;
  };
  ctx.show(
    pageHead(t('rev.stats_title'), h('p', { class: 'lead' }, t('rev.stats_lead'))),
    Object.keys(here).length
      ? h('p', {}, h('a', { href: '#/stats/revenue', testid: 'rev-stats-up' }, t('stats.bangladesh')))
      : null,
    h(
      'div',
      { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'rs-cap' },
      h(
        'table',
        { class: 'data stats', testid: 'rev-stats' },
        h('caption', { id: 'rs-cap' }, t('rev.stats_caption')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('stats.area')),
            ['rev.collected', 'rev.arrears', 'rev.holdings'].map((k) => h('th', { scope: 'col', class: 'num' }, t(k))),
          ),
        ),
        h(
          'tbody',
          {},
          areas.map((a) => row(a, href(a))),
        ),
        h(
          'tfoot',
          {},
          row({ collected: sum('collected'), arrears: sum('arrears'), holdings: sum('holdings') }, null, true),
        ),
      ),
    ),
    h('p', { class: 'hint' }, t('rev.stats_note')),
  );
}
