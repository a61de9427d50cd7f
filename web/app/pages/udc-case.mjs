// The UDC counter after filing (pages/udc.mjs files): the fee taken in cash (the workflow's
// `record_payment`), the receipt as a printable slip (print CSS in app.css), and the list of the
// cases this operator filed (GET /v1/applications: an operator's own filings only).

import { api, query } from '../api.mjs';
import { statusLabel, typeName } from '../lib/case-view.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { date, dateTime, lang, money, pick, t } from '../i18n.mjs';
import { feeRows, types } from '../lib/catalog.mjs';
import { claims } from '../session.mjs';
import { appendPage } from '../lib/lists.mjs';
import { serverMessage } from '../lib/problems.mjs';
import { busy, dl, errorBox, errorText, pageHead, statusBadge } from '../lib/ui.mjs';
import { steps } from '../lib/udc.mjs';

/** Step 4: the fee taken in cash (`record_payment`), then the receipt. */
function cashPanel(ctx, item) {
  const id = ctx.params.id;
  const status = h('div', { 'aria-live': 'polite' });
  const take = h(
    'button',
    { type: 'button', class: 'btn', testid: 'udc-cash' },
    t('udc.cash_taken', { amount: money(item.fee.total) }),
  );
  take.addEventListener('click', () =>
    busy(
      take,
      async () => {
        try {
          await api(`/applications/${encodeURIComponent(id)}/actions`, {
            method: 'POST',
            body: { action: 'record_payment', version: item.version, note: t('udc.cash_note', {}, 'bn') },
          });
          ctx.navigate(`#/udc/cases/${encodeURIComponent(id)}?paid=1`);
        } catch (err) {
          // e.g. a required paper still missing (422, one entry per paper): say which.
          const each = err.errors.map((e) => h('li', {}, serverMessage(e)));
          mount(status, errorBox(err), each.length ? h('ul', { testid: 'udc-cash-problems' }, each) : null);
        }
      },
      t('common.saving'),
    ),
  );
  return h(
    'section',
    { 'aria-labelledby': 'udc-fee-h', class: 'panel stack no-print', testid: 'udc-fee' },
    h('h2', { id: 'udc-fee-h' }, t('udc.fee_title')),
    steps(4),
    dl(feeRows(item.fee)),
    h('p', {}, t('udc.cash_hint', { amount: money(item.fee.total) })),
    take,
    h('p', { class: 'hint' }, t('udc.online_hint')),
    status,
  );
}

/** #/udc/cases/:id — the fee at the counter (step 4), then the printable receipt. */
export async function filed(ctx) {
  const id = ctx.params.id;
  const [item, catalog, office] = await Promise.all([
    api(`/applications/${encodeURIComponent(id)}`),
    types(),
    api(`/offices/${encodeURIComponent(claims().office_id)}`, { cached: true }),
  ]);
  const receipt = item.payment ? await api(`/applications/${encodeURIComponent(id)}/payment`) : null;
  const docs = Object.keys(item.papers || {});
  const typeDocs = (await api(`/certificate-types/${encodeURIComponent(item.type)}`, { cached: true })).documents || [];
  const docName = (code) => pick(typeDocs.find((d) => d.code === code) || { name_en: code }, 'name');
  const fee = item.actions.includes('record_payment') ? cashPanel(ctx, item) : null;
  ctx.show(
    h(
      'div',
      { class: 'no-print' },
      pageHead(
        ctx.query.get('new') ? t('udc.filed') : typeName(catalog, item.type),
        h('p', { class: 'lead' }, h('span', { class: 'mono', testid: 'tracking-no' }, item.tracking_no)),
      ),
      h('div', { class: 'status-line' }, statusBadge(item.status, pick(item, 'status'))),
      dl([
        [t('udc.type'), typeName(catalog, item.type)],
        [t('case.applied'), dateTime(item.created_at)],
        [t('apply.papers'), docs.length ? docs.map(docName).join(', ') : t('papers.none_attached')],
      ]),
    ),
    fee,
    receipt ? receiptSheet(item, receipt, office, catalog) : null,
    h(
      'p',
      { class: 'actions no-print' },
      h('a', { href: '#/udc/new?fresh=1', class: 'btn btn-secondary', testid: 'udc-next' }, t('udc.next')),
      h('a', { href: '#/udc', testid: 'udc-to-filings' }, t('udc.nav_filings')),
      h('a', { href: `#/office/cases/${encodeURIComponent(id)}`, testid: 'udc-case-detail' }, t('udc.detail')),
    ),
  );
  if (ctx.query.get('paid')) ctx.main.querySelector('[data-testid="udc-receipt"] h2')?.focus();
}

function receiptSheet(item, r, office, catalog) {
  const print = h('button', { type: 'button', class: 'btn no-print', testid: 'udc-print' }, t('udc.print'));
  print.addEventListener('click', () => window.print());
  const taker = r.recorded_by_name;
  return h(
    'section',
    { 'aria-labelledby': 'udc-receipt-h', class: 'receipt-sheet', testid: 'udc-receipt' },
    h('p', { class: 'receipt-office' }, pick(office, 'name')),
    h('h2', { id: 'udc-receipt-h', tabindex: '-1' }, t('udc.receipt_title')),
    dl([
      [t('receipt.tracking'), h('span', { class: 'mono', testid: 'udc-receipt-tracking' }, r.tracking_no)],
      [t('udc.type'), typeName(catalog, item.type)],
      ...feeRows(r.fee || item.fee),
      [t('receipt.method'), t('udc.cash')],
      [t('receipt.paid_at'), r.paid_at ? dateTime(r.paid_at) : '—'],
      [t('receipt.no'), h('span', { class: 'mono' }, r.receipt_no)],
      [t('udc.taken_by'), taker ? takerText(taker) : '—'],
    ]),
    h('p', { class: 'hint' }, t('udc.receipt_note')),
    print,
  );
}

// The operator's name, and in Bengali their designation (the office keeps it in Bengali only).
function takerText(taker) {
  const designation = lang() === 'bn' && taker.designation_bn ? `, ${taker.designation_bn}` : '';
  return `${pick(taker, 'name')}${designation}`;
}

function filingCard(a, catalog) {
  return h(
    'li',
    {},
    h(
      'a',
      {
        href: `#/udc/cases/${encodeURIComponent(a.id)}`,
        class: 'card-link',
        testid: 'udc-filing',
        'data-id': a.id,
      },
      h('span', { class: 'mono' }, a.tracking_no),
      h('span', {}, typeName(catalog, a.type)),
      h('span', {}, statusBadge(a.status, statusLabel(a.status))),
      h('span', { class: 'muted' }, t('queue.received', { date: date(a.created_at) })),
    ),
  );
}

/** #/udc — the cases this operator filed, newest first, with their status. */
export async function filings(ctx) {
  const [page, catalog] = await Promise.all([api(`/applications${query({ limit: 25 })}`), types()]);
  const list = h('ul', { class: 'cards', testid: 'udc-filings' });
  const more = h('div', {});
  appendPage(list, more, page, {
    render: (a) => filingCard(a, catalog),
    load: (cursor) => api(`/applications${query({ limit: 25, cursor })}`),
    testid: 'udc-more',
    failed: (err) => h('p', {}, errorText(err)),
  });
  ctx.show(
    pageHead(t('udc.filings_title'), h('p', { class: 'lead' }, t('udc.filings_lead'))),
    h('p', {}, h('a', { href: '#/udc/new?fresh=1', class: 'btn', testid: 'udc-new' }, t('udc.nav_new'))),
    page.items.length ? list : h('p', { testid: 'udc-filings-empty' }, t('udc.filings_empty')),
    more,
  );
}
