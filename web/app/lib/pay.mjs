// The fee on the citizen's case page: paying online, and what became of it when the browser is
// back from the gateway (issue 12; decision 45): paid and what happens next, or not paid and a
// prominent "try again". GOV.UK Pay's pattern: always back to the service.

import { api, uuid } from '../api.mjs';
import { missingPapers } from './case-papers.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { pick, t } from '../i18n.mjs';
import { RETRY, outcomeOf } from './payment-return.mjs';
import { recall, remember } from '../session.mjs';
import { busy, dl, errorBox, notice } from './ui.mjs';
import { feeRows } from './catalog.mjs';

/** Opens a checkout for the case and sends the browser to the gateway. */
function payButton(item, ctx, status, retry) {
  const button = h(
    'button',
    { type: 'button', class: 'btn', testid: retry ? 'pay-retry' : 'pay-button' },
    retry ? t('payret.retry') : t('pay.button', { total: '' }).trim(),
  );
  let key = null;
  button.addEventListener('click', () =>
    busy(
      button,
      async () => {
        mount(status);
        key = key || uuid();
        try {
          const checkout = await api(`/applications/${encodeURIComponent(item.id)}/payment`, {
            method: 'POST',
            body: { method: 'sslcommerz' },
            headers: { 'Idempotency-Key': key },
          });
          // The gateway's return names this payment: it brings the tab back to this case.
          remember('pending-payment', { id: item.id, tracking: item.tracking_no, payment: checkout.payment_id });
          mount(status, notice(t('pay.redirecting')));
          location.assign(checkout.redirect_url);
        } catch (err) {
          if (err.status !== 0) key = null; // only a network failure retries the same attempt
          if (err.code === 'not_awaiting_payment') ctx.rerender();
          else mount(status, errorBox(err));
        }
      },
      t('pay.opening'),
    ),
  );
  return button;
}

/** The fee panel of a case awaiting payment; after a failed or cancelled return, "try again". */
// What blocks paying (decision 46): the required papers neither attached nor waived, named.
function papersBlock(missing) {
  return h(
    'div',
    { class: 'alert alert-info', testid: 'pay-papers-missing' },
    h('p', {}, t('pay.papers_missing')),
    h('ul', {}, missing.map((p) => h('li', {}, pick(p, 'name')))),
    h('p', {}, t('pay.papers_how')),
  );
}

export function paySection(item, ctx, hint) {
  const missing = missingPapers(item);
  const outcome = outcomeOf(item, hint);
  const retry = RETRY.includes(outcome);
  const status = h('div', { 'aria-live': 'polite' });
  const waiting = outcome === 'confirming' || (!hint && recall('pending-payment')?.id === item.id);
  return [
    waiting ? notice(t('pay.checking'), 'info', 'payment-pending') : null,
    h(
      'section',
      {
        'aria-labelledby': 'pay-h',
        class: retry ? 'panel panel-warn' : 'panel',
        testid: 'pay-section',
        'data-outcome': outcome || '',
      },
      h('h2', { id: 'pay-h' }, retry ? t(`payret.${outcome}.title`) : t('pay.title')),
      retry ? h('p', { testid: 'payment-outcome', 'data-outcome': outcome }, t(`payret.${outcome}.text`)) : null,
      dl(feeRows(item.fee)),
      missing.length ? papersBlock(missing) : [payButton(item, ctx, status, retry), status],
      missing.length ? null : h('p', { class: 'hint' }, t('pay.cash_hint')),
    ),
  ];
}

/** Back from the gateway and the case is paid: say so (what happens next follows: `next.waiting`). */
export function paidPanel(item, hint) {
  if (outcomeOf(item, hint) !== 'paid') return null;
  return h(
    'div',
    { class: 'alert alert-success', role: 'status', testid: 'payment-outcome', 'data-outcome': 'paid' },
    h('p', {}, h('strong', {}, t('payret.paid.title'))),
    h('p', {}, t('payret.paid.text')),
  );
}

/** What to remember after a return: nothing is on its way once the gateway said no. */
export function settleMemory(item, hint) {
  const pending = recall('pending-payment');
  if (pending?.id !== item.id) return;
  if (item.status !== 'awaiting_payment' || RETRY.includes(outcomeOf(item, hint))) remember('pending-payment', null);
}

/** Whether the page should look again in a moment: a payment on its way. */
export function paymentOnItsWay(item, hint) {
  if (item.status !== 'awaiting_payment') return false;
  return outcomeOf(item, hint) === 'confirming' || (!hint && recall('pending-payment')?.id === item.id);
}
