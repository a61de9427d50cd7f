// The citizen's applications: the list, one case (status, next step, pay, timeline, certificate,
// receipt, cancel). Paying is in pay.mjs; who looked at my data in pages/access.mjs.

import { api, query } from '../api.mjs';
import { paperList } from '../lib/case-papers.mjs';
import { certificateSection } from '../lib/certificate.mjs';
import { consentsView, identityView, receiptToggle, timelineView, typeName } from '../lib/case-view.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { fieldsView } from '../lib/fields-view.mjs';
import { date, dateTime, pick, t } from '../i18n.mjs';
import { paidPanel, paySection, paymentOnItsWay, settleMemory } from '../lib/pay.mjs';
import { RETRY, outcomeOf, returnTarget } from '../lib/payment-return.mjs';
import { recall } from '../session.mjs';
import { appendPage } from '../lib/lists.mjs';
import { announce, busy, dl, errorBox, linkButton, notice, pageHead, statusBadge } from '../lib/ui.mjs';
import { types } from '../lib/catalog.mjs';
import { DECIDED, OBJECTION_TYPE } from '../lib/workflow.mjs';

const POLL_MS = 5000;
const POLL_MAX = 36;

function applicationCard(a, catalog) {
  return h(
    'li',
    {},
    h(
      'a',
      {
        href: `#/applications/${encodeURIComponent(a.id)}`,
        class: 'card-link',
        testid: 'application-item',
        'data-id': a.id,
      },
      h('strong', {}, typeName(catalog, a.type)),
      h('span', { class: 'mono' }, a.tracking_no),
      h(
        'span',
        {},
        h('span', { class: `badge status-${a.status}`, testid: 'list-status' }, pick(a, 'status')),
        ' ',
        h('span', { class: 'muted' }, t('case.applied_on', { date: date(a.created_at) })),
      ),
    ),
  );
}

export async function list(ctx) {
  // Back from the gateway: on to the case this tab was paying for, if the return names its checkout.
  const target = returnTarget(ctx.query, recall('pending-payment'));
  if (target) {
    ctx.navigate(target, true);
    return;
  }
  const [catalog, first] = await Promise.all([types(), api(`/applications${query({ limit: 20 })}`)]);
  const items = h('ul', { class: 'cards', testid: 'applications' });
  const more = h('div', {});
  appendPage(items, more, first, {
    render: (a) => applicationCard(a, catalog),
    load: (cursor) => api(`/applications${query({ limit: 20, cursor })}`),
    testid: 'applications-more',
  });
  ctx.show(
    pageHead(t('mine.title')),
    ctx.query.get('payment') ? notice(t('payret.neutral'), 'info', 'payment-return-neutral') : null,
    first.items.length ? items : h('p', { testid: 'applications-empty' }, t('mine.empty')),
    more,
    h('div', { class: 'actions' }, linkButton('#/offices', t('mine.new'), 'new-application')),
  );
}

function lastNote(item, actions) {
  return [...(item.timeline || [])].reverse().find((e) => actions.includes(e.action) && e.note)?.note;
}

function nextStep(item, ctx) {
  const s = item.status;
  if (s === 'awaiting_payment') return paySection(item, ctx, ctx.query.get('payment'));
  if (s === 'draft') return notice(t('next.draft'));
  if (s === 'changes_requested') {
    const reason = lastNote(item, ['request_changes']);
    return h(
      'div',
      { class: 'panel' },
      h('p', {}, t('next.changes')),
      reason ? h('p', { class: 'note' }, t('revise.reason'), ' ', reason) : null,
      item.actions.includes('resubmit')
        ? linkButton(`#/applications/${encodeURIComponent(item.id)}/revise`, t('next.revise'), 'revise-link')
        : null,
    );
  }
  if (s === 'issued') return certificateSection(item, { citizen: true });
  if (s === 'approved') return notice(t('next.approved'), 'success');
  if (s === 'rejected') {
    const reason = lastNote(item, ['reject']);
    return notice(h('span', {}, t('next.rejected'), reason ? ` ${t('revise.reason')} ${reason}` : ''), 'error');
  }
  if (s === 'revoked') return notice(t('next.revoked'), 'error');
  if (s === 'cancelled') return notice(t('next.cancelled'));
  return notice(t('next.waiting', { date: date(item.due_on) }));
}

function cancelControl(item, ctx) {
  const start = h(
    'button',
    { type: 'button', class: 'btn btn-danger-outline', testid: 'action-cancel' },
    t('cancel.button'),
  );
  const area = h('div', {});
  start.addEventListener('click', () => {
    const yes = h(
      'button',
      { type: 'button', class: 'btn btn-danger', testid: 'action-cancel-confirm' },
      t('cancel.yes'),
    );
    const no = h(
      'button',
      { type: 'button', class: 'btn btn-secondary', testid: 'action-cancel-keep' },
      t('cancel.no'),
    );
    const question = h('p', { tabindex: '-1', id: 'cancel-q' }, t('cancel.confirm'));
    const status = h('div', { 'aria-live': 'polite' });
    no.addEventListener('click', () => {
      mount(area);
      start.hidden = false;
      start.focus();
    });
    yes.addEventListener('click', () =>
      busy(
        yes,
        async () => {
          try {
            await api(`/applications/${encodeURIComponent(item.id)}/actions`, {
              method: 'POST',
              body: { action: 'cancel', version: item.version },
            });
            ctx.rerender();
          } catch (err) {
            mount(status, err.code === 'stale_version' ? notice(t('case.stale'), 'error', 'error') : errorBox(err));
          }
        },
        t('common.sending'),
      ),
    );
    start.hidden = true;
    mount(area, h('div', { class: 'panel panel-warn' }, question, h('div', { class: 'actions' }, yes, no), status));
    question.focus();
  });
  return h('div', {}, start, area);
}

function submitControl(item, ctx) {
  const button = h('button', { type: 'button', class: 'btn', testid: 'action-submit' }, t('action.submit'));
  const status = h('div', { 'aria-live': 'polite' });
  button.addEventListener('click', () =>
    busy(
      button,
      async () => {
        try {
          await api(`/applications/${encodeURIComponent(item.id)}/actions`, {
            method: 'POST',
            body: { action: 'submit', version: item.version },
          });
          ctx.rerender();
        } catch (err) {
          mount(status, errorBox(err));
        }
      },
      t('common.sending'),
    ),
  );
  return h('div', {}, button, status);
}

/** The case's own sections below the next step: papers, receipt, identity, consents, timeline. */
function caseSections(item, type) {
  const { button: receiptButton, slot: receiptSlot } = receiptToggle(item);
  return [
    item.papers_status?.length
      ? h(
          'section',
          { 'aria-labelledby': 'papers-h' },
          h('h2', { id: 'papers-h' }, t('apply.papers')),
          paperList(item),
        )
      : null,
    item.payment
      ? h(
          'section',
          { 'aria-labelledby': 'receipt-h' },
          h('h2', { id: 'receipt-h' }, t('receipt.title')),
          receiptButton,
          receiptSlot,
        )
      : null,
    item.identity_check
      ? h(
          'section',
          { 'aria-labelledby': 'id-h' },
          h('h2', { id: 'id-h' }, t('identity.title')),
          identityView(item.identity_check),
        )
      : null,
    consentsView(item.consents, item.fields, item.consent_exception),
    h(
      'section',
      { 'aria-labelledby': 'tl-h' },
      h('h2', { id: 'tl-h' }, t('case.timeline')),
      timelineView(item.timeline),
    ),
    type ? h('details', { class: 'panel' }, h('summary', {}, t('case.details')), fieldsView(type, item.fields)) : null,
  ];
}

function statusFacts(item) {
  return [
    h(
      'div',
      { class: 'status-line' },
      statusBadge(item.status, pick(item, 'status')),
      item.overdue ? h('span', { class: 'badge badge-warn', testid: 'mark-overdue' }, t('case.overdue')) : null,
    ),
    dl([
      [t('case.applied'), dateTime(item.created_at)],
      item.due_on && !DECIDED.includes(item.status) ? [t('case.due'), date(item.due_on)] : null,
      [t('case.ward'), t('common.ward_n', { n: item.ward })],
    ]),
  ];
}

export async function detail(ctx) {
  const id = ctx.params.id;
  const [item, catalog] = await Promise.all([api(`/applications/${encodeURIComponent(id)}`), types()]);
  const [type, office] = await Promise.all([
    api(`/certificate-types/${encodeURIComponent(item.type)}`, { cached: true }).catch(() => null),
    api(`/offices/${encodeURIComponent(item.office_id)}`, { cached: true }).catch(() => null),
  ]);
  const hint = ctx.query.get('payment'); // back from the gateway (pay.mjs)
  settleMemory(item, hint);
  const step = nextStep(item, ctx);
  const retryFirst = RETRY.includes(outcomeOf(item, hint));
  // An objection to an assessment: the holding, its assessment and the review's decision (decision 73).
  const objection =
    item.type === OBJECTION_TYPE
      ? (await (await import('../lib/objection-case.mjs')).objectionCase(item, { official: false })).sections
      : [];
  ctx.show(
    pageHead(
      typeName(catalog, item.type),
      h(
        'p',
        { class: 'lead' },
        t('case.tracking'),
        ' ',
        h('span', { class: 'mono', testid: 'tracking-no' }, item.tracking_no),
        office ? ` · ${pick(office, 'name')}` : '',
      ),
    ),
    ctx.query.get('new') ? notice(t('case.created', { tracking: item.tracking_no }), 'success', 'created') : null,
    paidPanel(item, hint),
    // Back from the gateway unpaid: "try again" comes first, above the fold on a phone.
    retryFirst ? step : null,
    ...statusFacts(item),
    retryFirst ? null : step,
    item.actions.includes('submit') ? submitControl(item, ctx) : null,
    ...objection,
    ...caseSections(item, type),
    item.actions.includes('cancel')
      ? h(
          'section',
          { 'aria-labelledby': 'cancel-h' },
          h('h2', { id: 'cancel-h' }, t('cancel.title')),
          cancelControl(item, ctx),
        )
      : null,
    h('p', {}, h('a', { href: '#/applications' }, t('case.all'))),
  );
  // While something is about to change on its own (payment being confirmed, certificate being
  // signed), look again every few seconds; stop when the citizen leaves the page.
  const waiting = item.status === 'approved' || paymentOnItsWay(item, hint);
  if (waiting) poll(ctx, item);
}

function poll(ctx, item, round = 0) {
  if (round >= POLL_MAX) return;
  setTimeout(async () => {
    if (!ctx.current() || document.hidden) {
      if (ctx.current()) poll(ctx, item, round + 1);
      return;
    }
    try {
      const fresh = await api(`/applications/${encodeURIComponent(item.id)}`);
      if (!ctx.current()) return;
      if (fresh.version !== item.version) {
        const hadFocus = ctx.main.contains(document.activeElement) && document.activeElement !== ctx.main;
        await detail(ctx);
        if (hadFocus) ctx.main.querySelector('h1')?.focus();
        announce(t('case.changed', { status: pick(fresh, 'status') }));
        return;
      }
    } catch {
      // offline for a moment: try again next round
    }
    poll(ctx, item, round + 1);
  }, POLL_MS);
}
