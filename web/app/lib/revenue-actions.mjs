// What officials do to a holding's account (issue 14 item 9; decision 70): take cash at the counter
// (the tax collector, a union's secretary), adjust its dues with a reason code (the head or the
// secretary, as approvers), and cancel a receipt with a reason (approvers). Each form sends once
// (a busy button, an Idempotency-Key for money) and shows the API's refusal in both languages.

import { api, uuid } from '../api.mjs';
import { h, mount, uid } from '../../shared/dom.mjs';
import { money, t } from '../i18n.mjs';
import { ADJUST_REASONS, toPoisha } from './revenue.mjs';
import { amountForm, headName, plain } from './revenue-view.mjs';
import { busy, clearError, errorBox, field, label, notice, showError } from './ui.mjs';
import { reasonOk } from './validate.mjs';

const enc = encodeURIComponent;

/** A panel of the holding page: a heading and what is in it. */
export function panel(id, title, testid, ...children) {
  return h('section', { class: 'panel no-print', 'aria-labelledby': id, testid }, h('h2', { id }, title), ...children);
}

/** Run `work` once while `button` shows it is busy; its refusal goes in `status`. */
export function sendOnce(button, status, work) {
  mount(status);
  return busy(
    button,
    async () => {
      try {
        await work();
      } catch (err) {
        mount(status, errorBox(err));
      }
    },
    t('common.sending'),
  );
}

/**
 * POST /v1/holdings/{id}/payments with one Idempotency-Key per attempt: a network failure retries
 * the same attempt (the money is not taken twice); anything else starts a new one.
 */
export function payments(holdingId) {
  let key = null;
  return async (body) => {
    key = key || uuid();
    try {
      const out = await api(`/holdings/${enc(holdingId)}/payments`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': key },
      });
      key = null;
      return out;
    } catch (err) {
      if (err.status !== 0) key = null;
      throw err;
    }
  };
}

/** Cash at the counter: the amount (the total, or a part), then the receipt's page (printable). */
export function cashPanel(v, dues, navigate) {
  const status = h('div', { 'aria-live': 'polite' });
  const pay = payments(v.holding_id);
  const form = amountForm(dues, {
    testid: 'cash',
    buttonText: t('rev.cash_button'),
    send: (amount, button) =>
      sendOnce(button, status, async () => {
        const r = await pay({ method: 'cash', amount, as_of: dues.as_of });
        navigate(`#/receipts/${enc(r.receipt_no)}`);
      }),
  });
  return panel('cash-h', t('rev.cash_title'), 'cash-section', form, status);
}

function select(testid, options) {
  return h(
    'select',
    { testid },
    options.map(([value, text]) => h('option', { value }, text)),
  );
}

/** An adjustment: a reason code, an amount, a note, and optionally the one line it settles. */
export function adjustPanel(v, dues, done) {
  const reason = select(
    'adjust-reason',
    ADJUST_REASONS.map((r) => [r, label('rev.reason', r)]),
  );
  const amount = h('input', { type: 'text', inputmode: 'decimal', testid: 'adjust-amount' });
  const note = h('textarea', { rows: '2', maxlength: '200', testid: 'adjust-note' });
  const line = select('adjust-line', [
    ['', t('rev.adjust_any_line')],
    ...(dues.lines || []).map((l) => [l.line_id, `${plain(l.fiscal_year)} · ${headName(l)} · ${money(l.outstanding)}`]),
  ]);
  const status = h('div', { 'aria-live': 'polite' });
  const button = h(
    'button',
    { type: 'submit', class: 'btn btn-secondary', testid: 'adjust-submit' },
    t('rev.adjust_button'),
  );
  const form = h(
    'form',
    { novalidate: true, testid: 'adjust-form' },
    field({ id: uid('adj'), label: t('rev.adjust_reason'), control: reason, optionalMark: false }),
    field({ id: uid('adj'), label: t('rev.amount'), required: true, control: amount }),
    field({ id: uid('adj'), label: t('rev.adjust_line'), control: line }),
    field({ id: uid('adj'), label: t('rev.note'), hint: t('rev.note_hint'), required: true, control: note }),
    button,
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    [amount, note].forEach(clearError);
    const poisha = toPoisha(amount.value);
    const bad = [];
    if (!poisha) bad.push([amount, 'rev.amount_invalid']);
    if (!reasonOk(note.value)) bad.push([note, 'rev.need_note']);
    if (bad.length) {
      bad.forEach(([c, k]) => showError(c, t(k)));
      bad[0][0].focus();
      return;
    }
    const body = { reason_code: reason.value, amount: poisha, note: note.value.trim() };
    if (line.value) body.line_id = line.value;
    sendOnce(button, status, async () => {
      const out = await api(`/holdings/${enc(v.holding_id)}/adjustments`, { method: 'POST', body });
      mount(status, notice(t('rev.adjusted', { total: money(out.total_due) }), 'success', 'adjust-done'));
      done();
    });
  });
  return panel('adj-h', t('rev.adjust_title'), 'adjust-section', form);
}

/** Cancel a receipt: a reason (the ledger reverses; the receipt shows it cancelled). */
export function cancelForm(r, done) {
  const reason = h('textarea', { rows: '2', maxlength: '200', testid: 'cancel-reason' });
  const status = h('div', { 'aria-live': 'polite' });
  const button = h(
    'button',
    { type: 'submit', class: 'btn btn-danger-outline', testid: 'cancel-submit' },
    t('rev.cancel_button'),
  );
  const id = uid('cancel');
  const form = h(
    'form',
    { novalidate: true, testid: 'cancel-form' },
    field({ id, label: t('rev.cancel_reason'), hint: t('rev.cancel_hint'), required: true, control: reason }),
    button,
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearError(reason);
    if (!reasonOk(reason.value)) {
      showError(reason, t('rev.need_note'));
      reason.focus();
      return;
    }
    sendOnce(button, status, async () => {
      await api(`/receipts/${enc(r.receipt_no)}/cancel`, { method: 'POST', body: { reason: reason.value.trim() } });
      done();
    });
  });
  return panel('cnl-h', t('rev.cancel_title'), 'cancel-section', form);
}
