// Monitoring (monitors and LGD, loaded only after a staff sign-in): GET /v1/stats?area=&period= —
// the area's counters and its children's, drilled down national → division → district →
// upazila → office. Counters only; no personal data exists here.

import { api, query } from '../api.mjs';
import { h } from '../../shared/dom.mjs';
import { num, pick, t } from '../i18n.mjs';
import { childLevel, levelOf, periodLabel, periods } from '../lib/stats-areas.mjs';
import { claims, recall, remember } from '../session.mjs';
import { appendPage } from '../lib/lists.mjs';
import { field, pageHead } from '../lib/ui.mjs';

function median(value) {
  return value === null || value === undefined ? '—' : num(value);
}

const COLUMNS = ['received', 'issued', 'rejected', 'overdue'];

/** The way down, kept in this tab so the breadcrumb can lead back up. */
function trailTo(area, home, here) {
  let trail = recall('stats-trail') || [];
  const at = trail.findIndex((x) => x.area === area);
  trail =
    at >= 0
      ? trail.slice(0, at + 1)
      : [
          ...trail.filter((x) => x.area !== area),
          {
            area,
            name_bn: here.name_bn || (area === 'national' ? t('stats.bangladesh', {}, 'bn') : area),
            name_en: here.name_en || (area === 'national' ? t('stats.bangladesh', {}, 'en') : area),
          },
        ];
  if (trail[0]?.area !== home) trail = trail.filter((x) => x.area === area);
  remember('stats-trail', trail);
  return trail;
}

function breadcrumb(trail, href) {
  return h(
    'nav',
    { 'aria-label': t('stats.breadcrumb'), class: 'breadcrumb' },
    h(
      'ol',
      {},
      trail.map((x, i) =>
        h(
          'li',
          {},
          i === trail.length - 1
            ? h('span', { 'aria-current': 'page' }, pick(x, 'name'))
            : h('a', { href: href(x.area) }, pick(x, 'name')),
        ),
      ),
    ),
  );
}

function periodForm(ctx, area, period, href) {
  const picker = h(
    'select',
    { testid: 'stats-period', name: 'period' },
    periods().map((p) => h('option', { value: p }, periodLabel(p))),
  );
  picker.value = periods().includes(period) ? period : 'all';
  const pickForm = h(
    'form',
    { class: 'filters', novalidate: true },
    field({ id: 'st-period', label: t('stats.period'), control: picker, optionalMark: false }),
    h('button', { type: 'submit', class: 'btn btn-secondary', testid: 'stats-period-apply' }, t('stats.show')),
  );
  pickForm.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate(href(area, picker.value));
  });
  return pickForm;
}

function statsRow(r, child, href, total = false) {
  const name = total ? t('stats.total') : pick(r, 'name') || r.area;
  return h(
    'tr',
    { class: total ? 'total' : '', testid: total ? 'stats-total' : 'stats-row', 'data-area': r.area },
    h('th', { scope: 'row' }, total || !child ? name : h('a', { href: href(r.area), testid: 'stats-drill' }, name)),
    COLUMNS.map((k) => h('td', { class: 'num' }, num(r[k] ?? 0))),
    h('td', { class: 'num' }, median(r.median_days_to_issue)),
  );
}

function statsTable(caption, child, body, total) {
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'stats-caption' },
    h(
      'table',
      { class: 'data stats', testid: 'stats-table' },
      h('caption', { id: 'stats-caption' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, child ? t(`stats.level_${child}`) : t('stats.area')),
          COLUMNS.map((k) => h('th', { scope: 'col', class: 'num' }, t(`stats.${k}`))),
          h('th', { scope: 'col', class: 'num' }, t('stats.median')),
        ),
      ),
      body,
      h('tfoot', {}, total),
    ),
  );
}

export async function stats(ctx) {
  const c = claims();
  const home = c.office_id === 'lgd' ? 'national' : c.office_id;
  const area = ctx.query.get('area') || home;
  const period = ctx.query.get('period') || 'all';
  const report = await api(`/stats${query({ area, period, limit: 100 })}`);
  const here = report.totals;
  const areaName = area === 'national' ? t('stats.bangladesh') : pick(here, 'name') || area;
  const trail = trailTo(area, home, here);
  const href = (a, p = period) => `#/stats${query({ area: a, period: p })}`;
  const child = childLevel(area);
  const body = h('tbody', {});
  const more = h('div', {});
  appendPage(body, more, report, {
    render: (r) => statsRow(r, child, href),
    load: (cursor) => api(`/stats${query({ area, period, limit: 100, cursor })}`),
    testid: 'stats-more',
  });
  const caption = t('stats.caption', { area: areaName, period: periodLabel(period) });
  ctx.show(
    pageHead(areaName, h('p', { class: 'lead' }, t(`stats.level_${levelOf(area)}`), ' · ', periodLabel(period))),
    breadcrumb(trail, href),
    periodForm(ctx, area, period, href),
    statsTable(caption, child, body, statsRow(here, child, href, true)),
    report.items.length
      ? null
      : h('p', { class: 'muted', testid: 'stats-empty' }, child ? t('stats.no_children') : t('stats.leaf')),
    more,
    h('p', { class: 'hint' }, t('stats.note')),
  );
}
