// A holding's assessment on a page (decision 73): the annual value, the year's tax by head with its
// rate, and the inputs it used (construction class, floors' monthly values, months allowed for
// repairs); and an objection's decision (the value the assessor decided and the tax it gives). The
// citizen's holding page, the objection form and the case pages (citizen and officials) draw these.

import { h } from '../../shared/dom.mjs';
import { dateTime, money, num, t } from '../i18n.mjs';
import { percentOf, taxRows } from './objection.mjs';
import { plain } from './revenue-view.mjs';
import { dl, label } from './ui.mjs';

function taxTable(tax, rates, testid) {
  const rows = taxRows(tax);
  const total = rows.reduce((sum, [, poisha]) => sum + Number(poisha), 0);
  return h(
    'table',
    { class: 'data', testid },
    h('caption', { class: 'visually-hidden' }, t('rev.obj_tax_by_head')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('rev.head')),
        rates ? h('th', { scope: 'col' }, t('rev.obj_rate')) : null,
        h('th', { scope: 'col', class: 'num' }, t('rev.obj_tax')),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map(([head, poisha]) =>
        h(
          'tr',
          { testid: `${testid}-row`, 'data-head': head },
          h('th', { scope: 'row' }, label('rev.head', head)),
          rates ? h('td', {}, t('rev.obj_percent', { n: num(percentOf(rates[head])) })) : null,
          h('td', { class: 'num' }, money(poisha)),
        ),
      ),
    ),
    h(
      'tfoot',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'row', colspan: rates ? '2' : '1' }, t('rev.obj_total_tax')),
        h('td', { class: 'num', testid: `${testid}-total`, 'data-poisha': String(total) }, money(total)),
      ),
    ),
  );
}

function inputsList(inputs) {
  const floors = inputs?.floors || [];
  const monthly = inputs?.monthly_values || [];
  return dl([
    inputs?.construction_class ? [t('rev.class'), label('rev.class', inputs.construction_class)] : null,
    floors.length
      ? [
          t('rev.floors'),
          h(
            'ol',
            { class: 'plain' },
            floors.map((f, i) =>
              h(
                'li',
                {},
                t('rev.sqm', { n: f.built_area_sqm ?? 0 }),
                ' · ',
                label('rev.occupancy', f.occupancy),
                monthly[i] !== undefined ? [' · ', t('rev.obj_monthly', { amount: money(monthly[i]) })] : null,
              ),
            ),
          ),
        ]
      : null,
    inputs?.repairs_months !== undefined ? [t('rev.obj_repairs'), num(inputs.repairs_months)] : null,
  ]);
}

/** The assessment in force (GET /v1/holdings/{id}/assessment); `action` goes under it (a link). */
export function assessmentSection(a, action = null) {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'as-h', testid: 'assessment' },
    h('h2', { id: 'as-h' }, t('rev.obj_assessment', { year: plain(a.fiscal_year) })),
    dl([
      [
        t('rev.obj_annual_value'),
        h('span', { testid: 'annual-value', 'data-poisha': String(a.annual_value) }, money(a.annual_value)),
      ],
      [t('rev.obj_source'), a.source === 'review' ? t('rev.obj_source_review') : t('rev.obj_source_assessed')],
      [t('rev.obj_period'), `${plain(a.fiscal_year)} – ${plain(a.until_year)}`],
    ]),
    taxTable(a.tax, a.inputs?.rates_bp, 'assessment-tax'),
    h('details', {}, h('summary', {}, t('rev.obj_inputs')), inputsList(a.inputs)),
    action,
  );
}

/** An objection's decision as the case keeps it (`fields.review`), or null before the review. */
export function decisionSection(review) {
  if (!review) return null;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'dec-h', testid: 'objection-decision' },
    h('h2', { id: 'dec-h' }, t('rev.obj_decided')),
    dl([
      [
        t('rev.obj_annual_value'),
        h('span', { testid: 'decided-value', 'data-poisha': String(review.annual_value) }, money(review.annual_value)),
      ],
      review.at ? [t('rev.obj_decided_at'), dateTime(review.at)] : null,
    ]),
    taxTable(review.tax, null, 'decided-tax'),
  );
}
