// Municipal revenue for the citizen (issue 14 item 9; decision 70): their holdings
// (GET /v1/me/holdings), a holding's facts and dues, paying all or part of it online (the gateway's
// return brings the tab back here, lib/payment-return.mjs), this year's assessment with the way to
// object to it (decision 73), and the holding's receipts; and a
// receipt's page (GET /v1/receipts/{no}), which the office's officials open too.
// There is no list of a holding's receipts in the API: the page lists those this tab has seen (the
// receipt of a payment made here, found by the payment's number on the way back).

import { api } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { t } from '../i18n.mjs';
import { ONLINE_METHODS } from '../lib/revenue.mjs';
import { assessmentSection } from '../lib/assessment-view.mjs';
import { objectionHref, objectionYear } from '../lib/objection.mjs';
import { returnTarget } from '../lib/payment-return.mjs';
import { amountForm, duesSection, holdingFacts, plain, receiptLinks, receiptSheet } from '../lib/revenue-view.mjs';
import { cancelForm, panel, payments, sendOnce } from '../lib/revenue-actions.mjs';
import { claims, isStaff, recall, remember } from '../session.mjs';
import { field, label, notice, pageHead } from '../lib/ui.mjs';

const enc = encodeURIComponent;

export async function mine(ctx) {
  // Back from the gateway, should the API send a holding's payment here rather than to the list of
  // applications: on to the holding this tab was paying for.
  const target = returnTarget(ctx.query, recall('pending-payment'));
  if (target) {
    ctx.navigate(target, true);
    return;
  }
  const data = await api('/me/holdings');
  const items = data.items || [];
  ctx.show(
    pageHead(t('rev.mine_title'), h('p', { class: 'lead' }, t('rev.mine_lead'))),
    items.length
      ? h(
          'ul',
          { class: 'cards', testid: 'my-holdings' },
          items.map((x) =>
            h(
              'li',
              {},
              h(
                'a',
                {
                  href: `#/holdings/${enc(x.holding_id)}`,
                  class: 'card-link',
                  testid: 'my-holding',
                  'data-id': x.holding_id,
                },
                h('strong', {}, t('rev.holding_n', { number: plain(x.number) })),
                h('span', {}, t('common.ward_n', { n: x.ward }), ' · ', h('span', { lang: 'bn' }, x.village)),
              ),
            ),
          ),
        )
      : h('p', { testid: 'my-holdings-empty' }, t('rev.mine_empty')),
  );
}

/** Receipt numbers this tab has seen for a holding (newest first). */
function knownReceipts(holdingId, add) {
  const all = recall('holding-receipts') || {};
  const list = all[holdingId] || [];
  if (add && !list.includes(add)) {
    all[holdingId] = [add, ...list].slice(0, 20);
    remember('holding-receipts', all);
  }
  return all[holdingId] || list;
}

/** Back from the gateway: the outcome in words, and the receipt of a paid payment when it is there. */
async function returned(ctx, holdingId) {
  const word = ctx.query.get('payment');
  if (!word) return null;
  const pending = recall('pending-payment');
  if (pending?.holding && pending.id === holdingId) remember('pending-payment', null);
  if (word !== 'paid') {
    const key = ['failed', 'cancelled'].includes(word) ? word : 'unconfirmed';
    return notice(t(`rev.return_${key}`), 'error', 'payment-outcome');
  }
  const ref = ctx.query.get('ref');
  let receipt = null;
  if (ref) {
    try {
      receipt = await api(`/receipts/${enc(ref)}`);
      knownReceipts(holdingId, receipt.receipt_no);
    } catch {
      receipt = null; // not rendered or not found yet: the list and the dues say enough
    }
  }
  return [
    h(
      'div',
      { class: 'alert alert-success', role: 'status', testid: 'payment-outcome', 'data-outcome': 'paid' },
      t('rev.return_paid'),
    ),
    receipt ? receiptSheet(receipt) : null,
  ];
}

function payPanel(v, dues) {
  const status = h('div', { 'aria-live': 'polite' });
  const methods = h(
    'select',
    { testid: 'pay-method' },
    ONLINE_METHODS.map((m) => h('option', { value: m }, label('rev.method', m))),
  );
  const pay = payments(v.holding_id);
  const form = amountForm(dues, {
    testid: 'pay',
    buttonText: t('rev.pay_button'),
    send: (amount, button) =>
      sendOnce(button, status, async () => {
        const checkout = await pay({ method: methods.value || ONLINE_METHODS[0], amount, as_of: dues.as_of });
        remember('pending-payment', {
          id: v.holding_id,
          holding: true,
          tracking: v.number,
          payment: checkout.payment_id,
        });
        mount(status, notice(t('pay.redirecting')));
        location.assign(checkout.redirect_url);
      }),
  });
  form.prepend(field({ id: 'pay-method', label: t('rev.pay_with'), control: methods, optionalMark: false }));
  return panel('pay-h', t('rev.pay_title'), 'pay-section', form, status);
}

/** "Object to this year's assessment": the objection's application form, prefilled (decision 73). */
function objectLink(v, assessment) {
  return h(
    'div',
    { class: 'stack' },
    h('p', { class: 'hint', id: 'obj-hint' }, t('rev.obj_object_hint')),
    h(
      'p',
      {},
      h(
        'a',
        {
          href: objectionHref(v, objectionYear(assessment)),
          class: 'btn btn-secondary',
          testid: 'object-link',
          'aria-describedby': 'obj-hint',
        },
        t('rev.obj_object'),
      ),
    ),
  );
}

export async function holding(ctx) {
  const id = ctx.params.id;
  const [v, dues, assessment] = await Promise.all([
    api(`/holdings/${enc(id)}`),
    api(`/holdings/${enc(id)}/dues`),
    api(`/holdings/${enc(id)}/assessment`).catch(() => null), // the dues stand without it
  ]);
  const back = await returned(ctx, id);
  if (!ctx.current()) return;
  ctx.show(
    pageHead(
      t('rev.holding_n', { number: plain(v.number) }),
      h('p', { class: 'lead' }, h('a', { href: '#/holdings' }, t('rev.mine_title'))),
    ),
    back,
    duesSection(dues),
    dues.total_due > 0 ? payPanel(v, dues) : null,
    assessment ? assessmentSection(assessment, objectLink(v, assessment)) : null,
    holdingFacts(v),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'rcs-h' },
      h('h2', { id: 'rcs-h' }, t('rev.receipts')),
      receiptLinks(knownReceipts(id)),
    ),
  );
}

export async function receipt(ctx) {
  const r = await api(`/receipts/${enc(ctx.params.no)}`);
  const office = await api(`/offices/${enc(r.office_id)}`, { cached: true }).catch(() => null);
  const who = claims();
  if (!isStaff(who)) knownReceipts(r.holding_id, r.receipt_no);
  const mayCancel = isStaff(who) && ['secretary', 'signatory'].includes(who.role) && r.status !== 'cancelled';
  const back = isStaff(who) ? `#/office/holdings/${enc(r.holding_id)}` : `#/holdings/${enc(r.holding_id)}`;
  ctx.show(
    pageHead(
      t('rev.receipt_title'),
      h(
        'p',
        { class: 'lead no-print' },
        h('a', { href: back, testid: 'receipt-holding' }, t('rev.holding_n', { number: plain(r.holding_number) })),
      ),
    ),
    receiptSheet(r, office),
    mayCancel ? cancelForm(r, () => ctx.rerender()) : null,
  );
}
