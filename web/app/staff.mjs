// Officials (loaded only after a staff sign-in): the office queue for their role and ward, and the
// case page with exactly the actions the API lists, a note, and the case version (409 → reload).

import { api, query } from './api.mjs';
import { approvalPanel, batchApproval, nextCase } from './approve.mjs';
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
} from './case-view.mjs';
import { paperList } from './case-papers.mjs';
import { h, mount } from '../shared/dom.mjs';
import { fieldsView } from './form.mjs';
import { date, dateTime, lang, money, num, pick, t } from './i18n.mjs';
import { types } from './pages/office.mjs';
import { claims } from './session.mjs';
import {
  announce,
  bn,
  busy,
  clearError,
  dl,
  errorBox,
  errorText,
  field,
  label,
  notice,
  pageHead,
  showError,
  statusBadge,
  grouped,
} from './ui.mjs';

export const QUEUE_STATUSES = [
  'awaiting_payment',
  'submitted',
  'ward_verified',
  'office_verified',
  'inspected',
  'changes_requested',
  'approved',
  'issued',
  'rejected',
  'cancelled',
  'revoked',
];
const DEFAULT_STATUS = {
  ward_member: 'submitted',
  secretary: 'ward_verified',
  signatory: 'office_verified',
  udc_operator: 'awaiting_payment',
};
// Actions whose note the server requires (chalicelib/data/workflows.json: "note": "required").
export const NOTE_REQUIRED = new Set([
  'request_changes',
  'reject',
  'revoke',
  'record_consent_exception',
  'inspect',
  'escalate',
  'waive_paper', // taken from the papers list (case-papers.mjs), not the action panel
]);
const CONFIRM = new Set(['reject', 'revoke']);
const DANGER = new Set(['reject', 'revoke']);

function officeOf(c) {
  return api(`/offices/${encodeURIComponent(c.office_id)}`, { cached: true });
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

  const tabs = h(
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

  const typeSelect = h(
    'select',
    { testid: 'filter-type', name: 'type' },
    h('option', { value: '' }, t('queue.all_types')),
    [...catalog.items]
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

  const list = h('ul', { class: 'cards', testid: 'queue' });
  const more = h('div', {});
  // The chairman approves cases the secretary verified several at a time (approve.mjs).
  const batch =
    c.role === 'signatory' && status === 'office_verified' ? batchApproval(() => ctx.rerender()) : null;
  function add(p) {
    list.append(
      ...p.items.map((a) =>
        h(
          'li',
          { class: batch ? 'pickable' : null },
          batch ? batch.checkbox(a) : null,
          h(
            'a',
            {
              href: `#/office/cases/${encodeURIComponent(a.id)}`,
              class: 'card-link',
              testid: 'queue-item',
              'data-id': a.id,
            },
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
            a.overdue || a.escalated
              ? h(
                  'span',
                  {},
                  a.overdue
                    ? h('span', { class: 'badge badge-warn', testid: 'mark-overdue' }, t('case.overdue'))
                    : null,
                  ' ',
                  a.escalated
                    ? h('span', { class: 'badge badge-alert', testid: 'mark-escalated' }, t('case.escalated'))
                    : null,
                )
              : null,
          ),
        ),
      ),
    );
    mount(
      more,
      p.next_cursor
        ? (() => {
            const b = h(
              'button',
              { type: 'button', class: 'btn btn-secondary', testid: 'queue-more' },
              t('common.more'),
            );
            b.addEventListener('click', () =>
              busy(
                b,
                async () => {
                  try {
                    add(await api(listPath(p.next_cursor)));
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
  add(page);
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
    filings ? null : tabs,
    filings ? null : filters,
    filings ? null : h('h2', { id: 'list-h' }, statusLabel(status)),
    batch && page.items.length ? batch.bar : null,
    page.items.length ? list : h('p', { testid: 'queue-empty' }, t('queue.empty')),
    more,
    h('span', { class: 'wide-page', hidden: true }),
  );
}

let flash = null; // a message for the next render of the case page, and the list the case left

function papersView(item, ctx) {
  return paperList(item, {
    canWaive: item.actions.includes('waive_paper'),
    onWaived: async (message) => {
      flash = message;
      await caseView(ctx);
      announce(message);
      ctx.main.querySelector('[data-testid="action-done"]')?.focus();
    },
  });
}

// The category a revocation publishes in the status list (the note's text stays with the case).
const REVOCATION_REASONS = ['issued_in_error', 'false_information', 'forged_papers', 'court_order', 'replaced', 'other'];

function reasonCodeField() {
  const select = h(
    'select',
    { id: 'action-reason-code', name: 'reason_code', testid: 'action-reason-code' },
    REVOCATION_REASONS.map((code) => h('option', { value: code }, t(`revoke.reason.${code}`))),
  );
  select.value = 'other';
  const node = field({
    id: 'action-reason-code',
    label: t('revoke.category'),
    hint: t('revoke.category_hint'),
    control: select,
    optionalMark: false,
  });
  return { select, node };
}

function actionPanel(item, ctx) {
  item = { ...item, actions: item.actions.filter((a) => a !== 'waive_paper') };
  const note = h('textarea', { rows: '3', testid: 'action-note', name: 'note' });
  const reason = item.actions.includes('revoke') ? reasonCodeField() : null;
  const status = h('div', { 'aria-live': 'polite' });
  const confirmArea = h('div', {});
  const requiredHere = item.actions.filter((a) => NOTE_REQUIRED.has(a));
  note.addEventListener('input', () => {
    if (note.value.trim()) clearError(note);
  });

  async function run(action, button) {
    clearError(note);
    mount(status);
    if (NOTE_REQUIRED.has(action) && !note.value.trim()) {
      showError(note, t('act.note_required', { action: actionLabel(action) }));
      note.focus();
      return;
    }
    await busy(
      button,
      async () => {
        try {
          const moved = await api(`/applications/${encodeURIComponent(item.id)}/actions`, {
            method: 'POST',
            body: {
              action,
              version: item.version,
              note: note.value.trim() || undefined,
              reason_code: action === 'revoke' && reason ? reason.select.value : undefined,
            },
          });
          flash = {
            text: t('act.done', { action: actionLabel(action), status: statusLabel(moved.status) }),
            from: item.status,
          };
          const said = flash.text;
          await caseView(ctx);
          announce(said);
          ctx.main.querySelector('[data-testid="action-done"]')?.focus();
        } catch (err) {
          if (err.code === 'stale_version' || err.code === 'illegal_transition') {
            const reload = h(
              'button',
              { type: 'button', class: 'btn btn-secondary', testid: 'reload' },
              t('act.reload'),
            );
            reload.addEventListener('click', () => ctx.rerender());
            mount(
              status,
              h(
                'div',
                { class: 'alert alert-error', role: 'alert', testid: 'error' },
                h('p', {}, t('act.stale')),
                reload,
              ),
            );
          } else if (err.status === 422 && err.errors.some((e) => e.field === 'note')) {
            const e = err.errors.find((x) => x.field === 'note');
            showError(note, lang() === 'bn' ? e.message_bn || e.message : e.message);
            note.focus();
          } else if (err.code === 'consent_outstanding') {
            mount(
              status,
              notice(
                h(
                  'span',
                  {},
                  errorText(err),
                  ' ',
                  t('act.consent_rows', { rows: (err.body.heir_rows || []).map((r) => num(r + 1)).join(', ') }),
                ),
                'error',
                'error',
              ),
            );
          } else {
            mount(status, errorBox(err));
          }
        }
      },
      t('common.sending'),
    );
  }

  const buttons = item.actions.map((action) => {
    const button = h(
      'button',
      {
        type: 'button',
        class: DANGER.has(action) ? 'btn btn-danger' : action === 'approve' ? 'btn' : 'btn btn-secondary',
        testid: `action-${action}`,
        'data-action': action,
      },
      actionLabel(action),
    );
    button.addEventListener('click', () => {
      if (action === 'approve') {
        // The signatory reads the certificate as it will be issued, and says so, before signing.
        const close = () => {
          mount(confirmArea);
          button.focus();
        };
        mount(confirmArea, approvalPanel(item, (yes) => run(action, yes), close));
        return;
      }
      if (!CONFIRM.has(action)) {
        run(action, button);
        return;
      }
      if (!note.value.trim()) {
        run(action, button); // shows the note error
        return;
      }
      const yes = h(
        'button',
        { type: 'button', class: 'btn btn-danger', testid: `action-${action}-confirm` },
        t('act.confirm_yes', { action: actionLabel(action) }),
      );
      const no = h(
        'button',
        { type: 'button', class: 'btn btn-secondary', testid: `action-${action}-keep` },
        t('act.confirm_no'),
      );
      const q = h('p', { tabindex: '-1' }, t('act.confirm', { action: actionLabel(action) }));
      no.addEventListener('click', () => {
        mount(confirmArea);
        button.focus();
      });
      yes.addEventListener('click', async () => {
        await run(action, yes);
        if (yes.isConnected) mount(confirmArea);
      });
      mount(confirmArea, h('div', { class: 'panel panel-warn' }, q, h('div', { class: 'actions' }, yes, no)));
      q.focus();
    });
    return button;
  });

  return h(
    'section',
    { 'aria-labelledby': 'act-h', class: 'panel', testid: 'action-panel' },
    h('h2', { id: 'act-h' }, t('act.title')),
    field({
      id: 'action-note',
      label: t('act.note'),
      hint: requiredHere.length
        ? t('act.note_hint', { actions: requiredHere.map(actionLabel).join(', ') })
        : t('act.note_hint_optional'),
      control: note,
      optionalMark: false,
    }),
    reason ? reason.node : null,
    h('div', { class: 'actions' }, buttons),
    confirmArea,
    status,
  );
}

function certificateView(item) {
  const button = h(
    'button',
    { type: 'button', class: 'btn btn-secondary', testid: 'download-certificate' },
    t('cert.download'),
  );
  const status = h('div', { 'aria-live': 'polite' });
  button.addEventListener('click', () =>
    busy(
      button,
      async () => {
        try {
          const link = await api(`/applications/${encodeURIComponent(item.id)}/certificate`);
          mount(
            status,
            h(
              'p',
              {},
              h('a', { href: link.url, target: '_blank', rel: 'noopener', testid: 'certificate-link' }, t('cert.open')),
            ),
          );
        } catch (err) {
          mount(status, errorBox(err));
        }
      },
      t('common.loading'),
    ),
  );
  return h(
    'section',
    { 'aria-labelledby': 'cert-h' },
    h('h2', { id: 'cert-h' }, t('cert.title')),
    dl([[t('cert.number'), h('span', { class: 'mono', testid: 'certificate-no' }, grouped(item.certificate_no))]]),
    button,
    status,
  );
}

export async function caseView(ctx) {
  const [item, catalog] = await Promise.all([api(`/applications/${encodeURIComponent(ctx.params.id)}`), types()]);
  const type = await api(`/certificate-types/${encodeURIComponent(item.type)}`, { cached: true }).catch(() => null);
  const message = flash;
  flash = null;
  const { button: receiptButton, slot: receiptSlot } = receiptToggle(item);
  const name = item.fields?.holder_name_bn || item.fields?.deceased_name_bn || item.fields?.business_name_bn;
  const next = h('div', {});
  if (message?.from && claims().role !== 'udc_operator') {
    nextCase(item.office_id, message.from, item.id).then((el) => mount(next, el));
  }
  // Evidence first (identity check, papers, heirs' consents), then the decision: on a phone one
  // after the other, on a wide screen the decision beside the evidence (app.css .case-layout).
  const evidence = h(
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
    h(
      'section',
      { 'aria-labelledby': 'papers-h' },
      h('h2', { id: 'papers-h' }, t('apply.papers')),
      papersView(item, ctx),
    ),
    consentsView(item.consents, item.fields, item.consent_exception),
  );
  const decision = h(
    'div',
    { class: 'case-decision' },
    item.actions.some((a) => a !== 'waive_paper')
      ? actionPanel(item, ctx)
      : h('p', { class: 'muted', testid: 'no-actions' }, t('act.none')),
  );
  const rest = h(
    'div',
    { class: 'case-rest' },
    h(
      'section',
      { 'aria-labelledby': 'pay-h' },
      h('h2', { id: 'pay-h' }, t('receipt.title')),
      item.payment
        ? [
            dl([
              [
                t('receipt.method'),
                item.payment.gateway === 'cash'
                  ? t('receipt.cash')
                  : label('paymethod', item.payment.method_code || 'online'),
              ],
              [t('receipt.state'), label('receipt.state', item.payment.state)],
              [t('fee.total'), money(item.fee?.total ?? 0)],
            ]),
            receiptButton,
            receiptSlot,
          ]
        : h('p', { class: 'muted', testid: 'payment-none' }, t('receipt.none')),
    ),
    item.certificate_no ? certificateView(item) : null,
    h(
      'section',
      { 'aria-labelledby': 'fields-h' },
      h('h2', { id: 'fields-h' }, t('case.details')),
      type ? fieldsView(type, item.fields) : null,
    ),
    h(
      'section',
      { 'aria-labelledby': 'tl-h' },
      h('h2', { id: 'tl-h' }, t('case.timeline')),
      timelineView(item.timeline),
    ),
    h('p', {}, h('a', { href: `#/office${query({ status: item.status })}` }, t('queue.back'))),
  );
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
    h('div', { class: 'case-layout wide-page' }, evidence, decision, rest),
  );
}
