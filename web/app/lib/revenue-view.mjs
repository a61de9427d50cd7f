// Municipal revenue's shared pieces of page (issue 14 item 9; decision 70): a holding's facts, its
// dues as the bill shows them (arrears, surcharge, current; today's rebate or surcharge in words),
// the amount form of a payment (the total by default, a part above the minimum), and a receipt as a
// printable slip with its PDF. The citizen's and the officials' pages both draw these.

import { h, uid } from '../../shared/dom.mjs';
import { date, dateTime, digits, lang, money, num, pick, t } from '../i18n.mjs';
import { amountProblem, groupDues, payableTotal, toPoisha, toTaka, todaysAdjustments } from './revenue.mjs';
import { bn, clearError, dl, field, label, notice, showError } from './ui.mjs';

export function headName(line) {
  return lang() === 'bn' ? line.head_name_bn || line.head_name || line.head : line.head_name || line.head;
}

/** Digits of a fiscal year or holding number in the reader's script ("2025-26" → "২০২৫-২৬"). */
export function plain(text) {
  return digits(String(text ?? ''));
}

export function holdingFacts(v) {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'hf-h', testid: 'holding-facts' },
    h('h2', { id: 'hf-h' }, t('rev.facts')),
    dl([
      [t('rev.number'), h('span', { testid: 'holding-number' }, plain(v.number))],
      [t('rev.ward'), num(v.ward)],
      [t('rev.village'), bn(v.village)],
      [t('rev.owners'), ownersList(v.owners)],
      [t('rev.use'), label('rev.use', v.use)],
      [t('rev.land_area'), t('rev.sqm', { n: v.land_area_sqm ?? 0 })],
      [t('rev.class'), label('rev.class', v.construction_class)],
      [t('rev.floors'), floorsList(v.floors)],
    ]),
  );
}

function ownersList(owners) {
  return h(
    'ul',
    { class: 'plain', testid: 'holding-owners' },
    (owners || []).map((o) =>
      h(
        'li',
        {},
        bn(o.name),
        o.phone ? [' · ', h('span', { class: 'mono' }, plain(o.phone))] : null,
        o.share !== null && o.share !== undefined ? [' · ', t('rev.share_n', { n: o.share })] : null,
      ),
    ),
  );
}

function floorsList(floors) {
  if (!floors?.length) return t('rev.no_floors');
  return h(
    'ol',
    { class: 'plain' },
    floors.map((f) =>
      h(
        'li',
        {},
        t('rev.sqm', { n: f.built_area_sqm ?? 0 }),
        ' · ',
        label('rev.use', f.use),
        ' · ',
        label('rev.occupancy', f.occupancy),
        f.occupancy === 'rented' && f.monthly_rent ? [' · ', t('rev.rent_n', { amount: money(f.monthly_rent) })] : null,
      ),
    ),
  );
}

function duesRow(l) {
  return h(
    'tr',
    { testid: 'due-line', 'data-line': l.line_id, 'data-kind': l.kind },
    h('td', {}, plain(l.fiscal_year)),
    h(
      'th',
      { scope: 'row' },
      headName(l),
      l.instalment ? h('span', { class: 'muted' }, ' ', t('rev.instalment_n', { n: l.instalment })) : null,
    ),
    h('td', {}, date(l.due_on)),
    h('td', { class: 'num' }, money(l.payable ?? l.outstanding)),
  );
}

function duesGroup(g) {
  const id = uid('dues');
  return h(
    'div',
    {
      class: 'table-wrap',
      tabindex: '0',
      role: 'region',
      'aria-labelledby': id,
      testid: 'dues-group',
      'data-kind': g.kind,
    },
    h(
      'table',
      { class: 'data' },
      h('caption', { id }, t(`rev.kind.${g.kind}`)),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['rev.fiscal_year', 'rev.head', 'rev.due_on'].map((k) => h('th', { scope: 'col' }, t(k))),
          h('th', { scope: 'col', class: 'num' }, t('rev.payable')),
        ),
      ),
      h('tbody', {}, g.lines.map(duesRow)),
      h(
        'tfoot',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'row', colspan: '3' }, t('rev.subtotal')),
          h('td', { class: 'num' }, money(g.payable)),
        ),
      ),
    ),
  );
}

/** What the holding owes today: each group's lines, today's rebate or surcharge, the total. */
export function duesSection(dues) {
  const groups = groupDues(dues.lines);
  const today = todaysAdjustments(dues.lines);
  const total = payableTotal(dues);
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'dues-h', testid: 'dues' },
    h('h2', { id: 'dues-h' }, t('rev.dues_title')),
    h('p', { class: 'muted' }, t('rev.as_of', { date: date(dues.as_of) })),
    groups.length ? groups.map(duesGroup) : h('p', { testid: 'dues-none' }, t('rev.no_dues')),
    today.rebate ? notice(t('rev.rebate_today', { amount: money(today.rebate) }), 'success', 'dues-rebate') : null,
    today.surcharge
      ? notice(t('rev.surcharge_today', { amount: money(today.surcharge) }), 'info', 'dues-surcharge')
      : null,
    dl([
      [t('rev.total_due'), h('strong', { testid: 'total-due', 'data-poisha': total }, money(total))],
      dues.advance ? [t('rev.advance'), money(dues.advance)] : null,
      total && dues.minimum_payment
        ? [
            t('rev.minimum'),
            h('span', { testid: 'minimum-payment', 'data-poisha': dues.minimum_payment }, money(dues.minimum_payment)),
          ]
        : null,
    ]),
  );
}

/**
 * The amount of a payment: the total due by default, or a part of it (not below the minimum part
 * payment). `send(poisha, button)` makes the payment; its errors are its own to show.
 */
export function amountForm(dues, { testid, buttonText, send }) {
  const total = payableTotal(dues);
  const input = h('input', {
    type: 'text',
    inputmode: 'decimal',
    testid: `${testid}-amount`,
    value: digits(toTaka(total)),
  });
  const hint = dues.minimum_payment
    ? t('rev.amount_hint', { total: money(total), minimum: money(dues.minimum_payment) })
    : t('rev.amount_hint_any', { total: money(total) });
  const button = h('button', { type: 'submit', class: 'btn', testid: `${testid}-submit` }, buttonText);
  const form = h(
    'form',
    { novalidate: true, testid },
    field({ id: uid(testid), label: t('rev.amount'), hint, required: true, control: input, optionalMark: false }),
    button,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearError(input);
    const poisha = toPoisha(input.value);
    const problem = amountProblem(poisha, dues);
    if (problem) {
      showError(input, t(problem, { minimum: money(dues.minimum_payment || 0), total: money(total) }));
      input.focus();
      return;
    }
    send(poisha, button);
  });
  return form;
}

function allocationsTable(r) {
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('rev.allocations') },
    h(
      'table',
      { class: 'data' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('rev.fiscal_year')),
          h('th', { scope: 'col' }, t('rev.head')),
          h('th', { scope: 'col', class: 'num' }, t('rev.paid')),
        ),
      ),
      h(
        'tbody',
        {},
        (r.allocations || []).map((a) =>
          h(
            'tr',
            { testid: 'receipt-line' },
            h('td', {}, plain(a.fiscal_year)),
            h(
              'th',
              { scope: 'row' },
              label('rev.head', a.head),
              ' ',
              h('span', { class: 'muted' }, t(`rev.kind.${a.kind}`)),
            ),
            h(
              'td',
              { class: 'num' },
              money(a.poisha),
              a.rebate
                ? h('span', { class: 'muted', testid: 'receipt-rebate' }, ' ', t('rev.rebate_earned', { amount: money(a.rebate) }))
                : null,
            ),
          ),
        ),
      ),
    ),
  );
}

/** A receipt as a slip that prints alone (the app's bars hidden), with its signed PDF when ready. */
export function receiptSheet(r, office = null) {
  const cancelled = r.status === 'cancelled';
  return h(
    'section',
    {
      class: 'receipt-sheet',
      'aria-labelledby': 'rc-h',
      testid: 'receipt',
      'data-status': r.status,
      'data-no': r.receipt_no,
    },
    office ? h('p', { class: 'receipt-office', testid: 'receipt-office' }, pick(office, 'name')) : null,
    h('h2', { id: 'rc-h' }, t('rev.receipt_title')),
    cancelled
      ? notice(t('rev.receipt_cancelled', { reason: r.cancellation?.reason || '' }), 'error', 'receipt-cancelled')
      : null,
    dl([
      [t('rev.receipt_no'), h('span', { class: 'mono', testid: 'receipt-no' }, r.receipt_no)],
      [t('rev.number'), plain(r.holding_number)],
      [t('rev.ward'), num(r.ward)],
      [t('rev.payer'), bn(r.payer_name)],
      [t('rev.amount'), h('strong', { testid: 'receipt-amount', 'data-poisha': r.amount }, money(r.amount))],
      r.advance ? [t('rev.advance'), money(r.advance)] : null,
      [t('rev.method'), label('rev.method', r.method)],
      [t('rev.received_at'), dateTime(r.received_at)],
    ]),
    allocationsTable(r),
    h(
      'div',
      { class: 'actions no-print' },
      h(
        'button',
        { type: 'button', class: 'btn btn-secondary', testid: 'receipt-print', onclick: () => window.print() },
        t('rev.print'),
      ),
      r.pdf_url
        ? h('a', { href: r.pdf_url, class: 'btn btn-secondary', testid: 'receipt-pdf', download: '' }, t('rev.pdf'))
        : h('p', { class: 'hint', testid: 'receipt-pdf-pending' }, t('rev.pdf_pending')),
    ),
  );
}

/** A list of receipt links (numbers this tab knows for the holding). */
export function receiptLinks(numbers) {
  if (!numbers.length) return h('p', { class: 'muted', testid: 'receipts-none' }, t('rev.receipts_none'));
  return h(
    'ul',
    { class: 'plain', testid: 'receipts' },
    numbers.map((no) =>
      h('li', {}, h('a', { href: `#/receipts/${encodeURIComponent(no)}`, testid: 'receipt-link', class: 'mono' }, no)),
    ),
  );
}
