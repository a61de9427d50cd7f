// Officials (loaded only after a staff sign-in): the office queue for their role and ward, and the
// case page with exactly the actions the API lists (lib/case-actions.mjs), a note, and the case
// version (409 → reload).

import { api, query } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { date, dateTime, money, num, pick, t } from '../i18n.mjs';
import { batchApproval, nextCase } from '../lib/approve.mjs';
import { actionPanel } from '../lib/case-actions.mjs';
import { paperList } from '../lib/case-papers.mjs';
import {
  actionLabel,
  consentsView,
  identityView,
  peopleChecksView,
  receiptToggle,
  statusLabel,
  timelineView,
  typeName,
  typedIdentity,
} from '../lib/case-view.mjs';
import { types } from '../lib/catalog.mjs';
import { certificateSection } from '../lib/certificate.mjs';
import { fieldsView } from '../lib/fields-view.mjs';
import { DEFAULT_STATUS, OBJECTION_TYPE, QUEUE_STATUSES } from '../lib/workflow.mjs';
import { claims } from '../session.mjs';
import { appendPage } from '../lib/lists.mjs';
import { announce, bn, dl, field, label, pageHead, statusBadge } from '../lib/ui.mjs';

function officeOf(c) {
  return api(`/offices/${encodeURIComponent(c.office_id)}`, { cached: true });
}

/** The status tabs, each with its count when the page has counts. */
function statusTabs(page, status, href) {
  return h(
    'nav',
    { 'aria-label': t('queue.by_status'), class: 'tabs' },
    h(
      'ul',
      {},
      QUEUE_STATUSES.map((s) => {
        const n = page.counts ? (page.counts[s] ?? 0) : undefined;
        return h(
          'li',
          {},
          h(
            'a',
            { href: href(s), testid: `tab-${s}`, 'aria-current': s === status ? 'page' : null },
            statusLabel(s),
            typeof n === 'number'
              ? h(
                  'span',
                  { class: 'count', testid: `count-${s}` },
                  ` ${num(n)}`,
                  h('span', { class: 'visually-hidden' }, ` ${t('queue.cases')}`),
                )
              : null,
          ),
        );
      }),
    ),
  );
}

/** The type and ward filters (a ward member sees only their ward: no ward filter). */
function queueFilters(ctx, c, office, catalog, { status, type, ward }) {
  // An assessor's queue holds the objections to assessments only (decision 73).
  const listed = c.role === 'assessor' ? catalog.items.filter((x) => x.code === OBJECTION_TYPE) : catalog.items;
  const typeSelect = h(
    'select',
    { testid: 'filter-type', name: 'type' },
    h('option', { value: '' }, t('queue.all_types')),
    [...listed]
      .sort((a, b) => pick(a, 'name').localeCompare(pick(b, 'name')))
      .map((x) => h('option', { value: x.code }, pick(x, 'name'))),
  );
  typeSelect.value = type;
  const wardSelect = h(
    'select',
    { testid: 'filter-ward', name: 'ward' },
    h('option', { value: '' }, t('queue.all_wards')),
  );
  for (let w = 1; w <= (office.wards || 0); w += 1)
    wardSelect.append(h('option', { value: String(w) }, t('common.ward_n', { n: w })));
  wardSelect.value = ward;
  const filters = h(
    'form',
    { class: 'filters', novalidate: true },
    field({ id: 'q-type', label: t('queue.type'), control: typeSelect, optionalMark: false }),
    c.role === 'ward_member'
      ? null
      : field({ id: 'q-ward', label: t('queue.ward'), control: wardSelect, optionalMark: false }),
    h('button', { type: 'submit', class: 'btn btn-secondary', testid: 'filter-apply' }, t('queue.filter')),
  );
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate(
      `#/office${query({ status, type: typeSelect.value, ward: c.role === 'ward_member' ? '' : wardSelect.value })}`,
    );
  });
  return filters;
}

function marks(a) {
  if (!a.overdue && !a.escalated) return null;
  return h(
    'span',
    {},
    a.overdue ? h('span', { class: 'badge badge-warn', testid: 'mark-overdue' }, t('case.overdue')) : null,
    ' ',
    a.escalated ? h('span', { class: 'badge badge-alert', testid: 'mark-escalated' }, t('case.escalated')) : null,
  );
}

function queueItem(a, catalog, batch) {
  return h(
    'li',
    { class: batch ? 'pickable' : null },
    batch ? batch.checkbox(a) : null,
    h(
      'a',
      { href: `#/office/cases/${encodeURIComponent(a.id)}`, class: 'card-link', testid: 'queue-item', 'data-id': a.id },
      h('span', { class: 'mono' }, a.tracking_no),
      a.name_bn ? h('strong', { lang: 'bn' }, a.name_bn) : null,
      h('span', {}, typeName(catalog, a.type), ' · ', t('common.ward_n', { n: a.ward })),
      h(
        'span',
        { class: 'muted' },
        t('queue.received', { date: date(a.created_at) }),
        ' · ',
        t('queue.due', { date: date(a.due_on) }),
      ),
      marks(a),
    ),
  );
}

export async function queue(ctx) {
  const c = claims();
  const status = QUEUE_STATUSES.includes(ctx.query.get('status'))
    ? ctx.query.get('status')
    : DEFAULT_STATUS[c.role] || 'submitted';
  const type = ctx.query.get('type') || '';
  const ward = c.role === 'ward_member' ? '' : ctx.query.get('ward') || '';
  // A UDC operator reads only the cases they filed (chalicelib/domain/access.py): their filings.
  const filings = c.role === 'udc_operator';
  const listPath = (cursor) =>
    filings
      ? `/applications${query({ limit: 25, cursor })}`
      : `/offices/${encodeURIComponent(c.office_id)}/applications${query({ status, type, ward, limit: 25, cursor })}`;
  const [office, catalog, page] = await Promise.all([officeOf(c), types(), api(listPath())]);
  const href = (s) => `#/office${query({ status: s, type, ward })}`;
  const list = h('ul', { class: 'cards', testid: 'queue' });
  const more = h('div', {});
  // The chairman approves cases the secretary verified several at a time (approve.mjs).
  const batch =
    c.role === 'signatory' && status === 'office_verified' ? batchApproval(() => ctx.rerender()) : null;
  appendPage(list, more, page, {
    render: (a) => queueItem(a, catalog, batch),
    load: (cursor) => api(listPath(cursor)),
    testid: 'queue-more',
  });
  ctx.show(
    pageHead(
      t('queue.title'),
      h(
        'p',
        { class: 'lead' },
        pick(office, 'name'),
        ' · ',
        label('role', c.role),
        c.ward ? ` · ${t('common.ward_n', { n: c.ward })}` : '',
      ),
    ),
    filings ? null : statusTabs(page, status, href),
    filings ? null : queueFilters(ctx, c, office, catalog, { status, type, ward }),
    filings ? null : h('h2', { id: 'list-h' }, statusLabel(status)),
    batch && page.items.length ? batch.bar : null,
    page.items.length ? list : h('p', { testid: 'queue-empty' }, t('queue.empty')),
    more,
    h('span', { class: 'wide-page', hidden: true }),
  );
}

let flash = null; // a message for the next render of the case page, and the list the case left

/** Redraws the case page with `message` ({text, from?}) on top, says it, and moves the focus to it. */
async function redrawWith(ctx, message) {
  flash = message;
  await caseView(ctx);
  announce(message.text);
  ctx.main.querySelector('[data-testid="action-done"]')?.focus();
}

function papersView(item, ctx) {
  return paperList(item, {
    canWaive: item.actions.includes('waive_paper'),
    onWaived: (text) => redrawWith(ctx, { text }),
  });
}

function decisionView(item, ctx, review) {
  const done = (moved, action) =>
    redrawWith(ctx, {
      text: t('act.done', { action: actionLabel(action), status: statusLabel(moved.status) }),
      from: item.status,
    });
  return h(
    'div',
    { class: 'case-decision' },
    item.actions.some((a) => a !== 'waive_paper')
      ? actionPanel(item, { done, rerender: () => ctx.rerender(), review })
      : h('p', { class: 'muted', testid: 'no-actions' }, t('act.none')),
  );
}

// Evidence first (identity check, papers, heirs' consents), then the decision: on a phone one
// after the other, on a wide screen the decision beside the evidence (app.css .case-layout).
function evidenceView(item, ctx) {
  return h(
    'div',
    { class: 'case-evidence' },
    h(
      'section',
      { 'aria-labelledby': 'id-h' },
      h('h2', { id: 'id-h' }, t('identity.title')),
      item.identity_checks
        ? peopleChecksView(item.identity_checks, item.fields)
        : identityView(item.identity_check, typedIdentity(item.fields)),
    ),
    h('section', { 'aria-labelledby': 'papers-h' }, h('h2', { id: 'papers-h' }, t('apply.papers')), papersView(item, ctx)),
    consentsView(item.consents, item.fields, item.consent_exception),
  );
}

function paymentView(item) {
  if (!item.payment) return h('p', { class: 'muted', testid: 'payment-none' }, t('receipt.none'));
  const { button, slot } = receiptToggle(item);
  return [
    dl([
      [
        t('receipt.method'),
        item.payment.gateway === 'cash' ? t('receipt.cash') : label('paymethod', item.payment.method_code || 'online'),
      ],
      [t('receipt.state'), label('receipt.state', item.payment.state)],
      [t('fee.total'), money(item.fee?.total ?? 0)],
    ]),
    button,
    slot,
  ];
}

function restView(item, type) {
  return h(
    'div',
    { class: 'case-rest' },
    h('section', { 'aria-labelledby': 'pay-h' }, h('h2', { id: 'pay-h' }, t('receipt.title')), paymentView(item)),
    item.certificate_no ? certificateSection(item) : null,
    h(
      'section',
      { 'aria-labelledby': 'fields-h' },
      h('h2', { id: 'fields-h' }, t('case.details')),
      type ? fieldsView(type, item.fields) : null,
    ),
    h('section', { 'aria-labelledby': 'tl-h' }, h('h2', { id: 'tl-h' }, t('case.timeline')), timelineView(item.timeline)),
    h('p', {}, h('a', { href: `#/office${query({ status: item.status })}` }, t('queue.back'))),
  );
}

function caseFacts(item) {
  return [
    h(
      'div',
      { class: 'status-line' },
      statusBadge(item.status, pick(item, 'status')),
      item.overdue ? h('span', { class: 'badge badge-warn', testid: 'mark-overdue' }, t('case.overdue')) : null,
      item.escalated_at
        ? h('span', { class: 'badge badge-alert', testid: 'mark-escalated' }, t('case.escalated'))
        : null,
    ),
    dl([
      [t('case.applied'), dateTime(item.created_at)],
      [t('case.due'), date(item.due_on)],
      [t('case.ward'), t('common.ward_n', { n: item.ward })],
      [t('case.filed_by'), item.filed_by?.kind === 'staff' ? label('role', item.filed_by.role) : t('role.citizen')],
      [t('case.signatory'), item.signatory === 'ward' ? t('officer.ward_member') : t('case.signatory_head')],
      item.escalated_at
        ? [
            t('case.escalated_at'),
            `${dateTime(item.escalated_at)}${item.escalated_to ? ` · ${pick(item.escalated_to, 'name') || label('role', item.escalated_to.role)}` : ''}`,
          ]
        : null,
    ]),
  ];
}

export async function caseView(ctx) {
  const [item, catalog] = await Promise.all([api(`/applications/${encodeURIComponent(ctx.params.id)}`), types()]);
  const type = await api(`/certificate-types/${encodeURIComponent(item.type)}`, { cached: true }).catch(() => null);
  const message = flash;
  flash = null;
  const name = item.fields?.holder_name_bn || item.fields?.deceased_name_bn || item.fields?.business_name_bn;
  // An objection to an assessment: the holding, its assessment and the decision (decision 73).
  const objection =
    item.type === OBJECTION_TYPE
      ? await (await import('../lib/objection-case.mjs')).objectionCase(item, { official: true })
      : { sections: [], review: null };
  const next = h('div', {});
  if (message?.from && claims().role !== 'udc_operator') {
    nextCase(item.office_id, message.from, item.id).then((el) => mount(next, el));
  }
  ctx.show(
    pageHead(
      typeName(catalog, item.type),
      h(
        'p',
        { class: 'lead' },
        h('span', { class: 'mono', testid: 'tracking-no' }, item.tracking_no),
        name ? [' · ', bn(name)] : null,
      ),
    ),
    message
      ? h(
          'div',
          { class: 'alert alert-success', tabindex: '-1', testid: 'action-done' },
          h('p', {}, message.text),
          next,
        )
      : null,
    ...caseFacts(item),
    ...objection.sections,
    h(
      'div',
      { class: 'case-layout wide-page' },
      evidenceView(item, ctx),
      decisionView(item, ctx, objection.review),
      restView(item, type),
    ),
  );
}
