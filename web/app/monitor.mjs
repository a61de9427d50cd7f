// Monitoring (monitors and LGD, loaded only after a staff sign-in): GET /v1/stats?area=&period= —
// the area's counters and its children's, drilled down national → division → district →
// upazila → office. Counters only; no personal data exists here.

import { api, query } from './api.mjs';
import { h, mount } from '../shared/dom.mjs';
import { monthName, num, pick, t } from './i18n.mjs';
import { claims, recall, remember } from './session.mjs';
import { busy, errorBox, field, pageHead } from './ui.mjs';

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

function periodLabel(p) {
  if (p === 'all') return t('stats.all_time');
  const [y, m] = p.split('-');
  return `${monthName(Number(m))} ${num(Number(y), undefined, { useGrouping: false })}`;
}

function median(value) {
  return value === null || value === undefined ? '—' : num(value);
}

const COLUMNS = ['received', 'issued', 'rejected', 'overdue'];

export async function stats(ctx) {
  const c = claims();
  const home = c.office_id === 'lgd' ? 'national' : c.office_id;
  const area = ctx.query.get('area') || home;
  const period = ctx.query.get('period') || 'all';
  const report = await api(`/stats${query({ area, period, limit: 100 })}`);
  const here = report.totals;
  const areaName = area === 'national' ? t('stats.bangladesh') : pick(here, 'name') || area;

  // The way down, kept in this tab so the breadcrumb can lead back up.
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

  const href = (a, p = period) => `#/stats${query({ area: a, period: p })}`;
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

  const child = childLevel(area);
  const body = h('tbody', {});
  const more = h('div', {});
  function row(r, total = false) {
    const name = total ? t('stats.total') : pick(r, 'name') || r.area;
    return h(
      'tr',
      { class: total ? 'total' : '', testid: total ? 'stats-total' : 'stats-row', 'data-area': r.area },
      h('th', { scope: 'row' }, total || !child ? name : h('a', { href: href(r.area), testid: 'stats-drill' }, name)),
      COLUMNS.map((k) => h('td', { class: 'num' }, num(r[k] ?? 0))),
      h('td', { class: 'num' }, median(r.median_days_to_issue)),
    );
  }
  function add(page) {
    body.append(...page.items.map((r) => row(r)));
    mount(
      more,
      page.next_cursor
        ? (() => {
            const b = h(
              'button',
              { type: 'button', class: 'btn btn-secondary', testid: 'stats-more' },
              t('common.more'),
            );
            b.addEventListener('click', () =>
              busy(
                b,
                async () => {
                  try {
                    add(await api(`/stats${query({ area, period, limit: 100, cursor: page.next_cursor })}`));
                  } catch (err) {
                    mount(more, errorBox(err));
                  }
                },
                t('common.loading'),
              ),
            );
            return b;
          })()
        : null,
    );
  }
  add(report);
  const table = h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'stats-caption' },
    h(
      'table',
      { class: 'data stats', testid: 'stats-table' },
      h('caption', { id: 'stats-caption' }, t('stats.caption', { area: areaName, period: periodLabel(period) })),
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
      h('tfoot', {}, row(here, true)),
    ),
  );
  ctx.show(
    pageHead(areaName, h('p', { class: 'lead' }, t(`stats.level_${levelOf(area)}`), ' · ', periodLabel(period))),
    h(
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
    ),
    pickForm,
    table,
    report.items.length
      ? null
      : h('p', { class: 'muted', testid: 'stats-empty' }, child ? t('stats.no_children') : t('stats.leaf')),
    more,
    h('p', { class: 'hint' }, t('stats.note')),
  );
}
