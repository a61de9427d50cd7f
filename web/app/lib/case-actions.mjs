// The official's action panel on a case: exactly the actions the API lists, a note (required for
// some: lib/workflow.mjs), a revocation's category, an objection review's decided annual value
// (decision 73), a confirmation for the irreversible ones and the signatory's preview before
// approving (approve.mjs). A stale version (409) offers a reload.

import { api } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { num, t } from '../i18n.mjs';
import { approvalPanel } from './approve.mjs';
import { actionLabel } from './case-view.mjs';
import { serverMessage } from './problems.mjs';
import { busy, clearError, errorBox, errorText, field, notice, showError } from './ui.mjs';
import { NOTE_REQUIRED } from './workflow.mjs';

const CONFIRM = new Set(['reject', 'revoke']);
const DANGER = new Set(['reject', 'revoke']);

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

/** A refused action, shown in the panel (`parts`: note, review, status, rerender). */
function showRefusal(err, { note, review, status, rerender }) {
  if (err.code === 'stale_version' || err.code === 'illegal_transition') {
    const reload = h('button', { type: 'button', class: 'btn btn-secondary', testid: 'reload' }, t('act.reload'));
    reload.addEventListener('click', () => rerender());
    mount(
      status,
      h('div', { class: 'alert alert-error', role: 'alert', testid: 'error' }, h('p', {}, t('act.stale')), reload),
    );
  } else if (review && err.status === 422 && review.place(err.errors)) {
    // the review's own fields (an objection's decided value or facts) show where they went wrong
  } else if (err.status === 422 && err.errors.some((e) => e.field === 'note')) {
    showError(note, serverMessage(err.errors.find((x) => x.field === 'note')));
    note.focus();
  } else if (err.code === 'consent_outstanding') {
    const rows = (err.body.heir_rows || []).map((r) => num(r + 1)).join(', ');
    mount(status, notice(h('span', {}, errorText(err), ' ', t('act.consent_rows', { rows })), 'error', 'error'));
  } else {
    mount(status, errorBox(err));
  }
}

/** Sends `action` (the note checked first); `done(moved, action)` redraws the case page. */
function runner(item, parts, done) {
  const { note, reason, review, status } = parts;
  return async (action, button) => {
    clearError(note);
    mount(status);
    const decided = action === 'review' && review ? review.read() : {};
    if (!decided) return;
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
              ...decided,
            },
          });
          await done(moved, action);
        } catch (err) {
          showRefusal(err, parts);
        }
      },
      t('common.sending'),
    );
  };
}

/** "Are you sure?" under the buttons for an irreversible action (reject, revoke). */
function confirmFirst(action, button, run, confirmArea) {
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
}

function actionButton(item, action, run, { note, confirmArea }) {
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
    if (!CONFIRM.has(action) || !note.value.trim()) {
      run(action, button); // without a note, shows the note error
      return;
    }
    confirmFirst(action, button, run, confirmArea);
  });
  return button;
}

/**
 * The panel of the actions `item.actions` lists (but `waive_paper`, taken from the papers list).
 * `done(moved, action)` runs after an action went through; `rerender()` reloads a stale case.
 * `review` ({node, read, place}: lib/objection-case.mjs, passed in by the page that loaded it, so
 * other cases load no revenue code) is what an objection's `review` decides, drawn in the panel.
 */
export function actionPanel(item, { done, rerender, review = null }) {
  item = { ...item, actions: item.actions.filter((a) => a !== 'waive_paper') };
  const note = h('textarea', { rows: '3', testid: 'action-note', name: 'note' });
  const reason = item.actions.includes('revoke') ? reasonCodeField() : null;
  const status = h('div', { 'aria-live': 'polite' });
  const confirmArea = h('div', {});
  const requiredHere = item.actions.filter((a) => NOTE_REQUIRED.has(a));
  note.addEventListener('input', () => {
    if (note.value.trim()) clearError(note);
  });
  const run = runner(item, { note, reason, review, status, rerender }, done);
  const buttons = item.actions.map((action) => actionButton(item, action, run, { note, confirmArea }));
  return h(
    'section',
    { 'aria-labelledby': 'act-h', class: 'panel', testid: 'action-panel' },
    h('h2', { id: 'act-h' }, t('act.title')),
    review ? review.node : null,
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
