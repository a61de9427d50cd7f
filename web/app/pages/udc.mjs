// The Union Digital Centre counter (loaded only after a UDC operator signs in): filing on a
// citizen's behalf. The citizen's phone → a consent code by SMS, read out at the counter → the
// citizen's own application form (lib/application-form.mjs), papers scanned at the counter → the fee taken
// in cash → a printed receipt (udc-case.mjs, with the list of cases this operator filed).
// The citizen's number and code live in this module's memory only, for one filing: never in the
// address bar, never in storage.

import { api, uuid } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { money, pick, t } from '../i18n.mjs';
import { applicationForm } from '../lib/application-form.mjs';
import { charterOf } from '../lib/catalog.mjs';
import { claims } from '../session.mjs';
import { holdFor, phoneText, steps } from '../lib/udc.mjs';
import { codeInput, phoneFrom, phoneInput } from '../lib/phone.mjs';
import { busy, clearError, errorBox, field, notice, pageHead, showError } from '../lib/ui.mjs';
import { asciiDigits } from '../lib/validate.mjs';

let filing = null; // {id, phone, code, type, sent} of the filing at the counter now
window.addEventListener('signed-out', () => {
  filing = null;
});

async function sendCode(phone, button, status, line) {
  try {
    await api('/udc/consent-codes', { method: 'POST', body: { phone } });
    filing.sent = Date.now();
    return true;
  } catch (err) {
    mount(status, errorBox(err));
    if (err.status === 429) holdFor(button, Number(err.body.retry_after) || 60, line);
    return false;
  }
}

/** #/udc/new: the citizen's phone (step 1), then their code and the certificate (step 2). */
export async function counter(ctx) {
  if (ctx.query.get('fresh')) {
    filing = null; // the next citizen: nothing of the last filing stays
    ctx.navigate('#/udc/new', true);
    return;
  }
  if (!filing) filing = { id: uuid() };
  if (filing.phone) {
    await codeStep(ctx);
    return;
  }
  const status = h('div', { 'aria-live': 'polite' });
  const wait = h('p', { class: 'muted', 'aria-live': 'polite', testid: 'udc-wait' });
  const phone = phoneInput('udc-phone', { autocomplete: 'off', name: 'phone' });
  const send = h('button', { type: 'submit', class: 'btn', testid: 'udc-send' }, t('udc.send'));
  const form = h(
    'form',
    { novalidate: true, class: 'stack', testid: 'udc-phone-form' },
    field({ id: 'udc-phone', label: t('udc.phone'), hint: t('udc.phone_hint'), required: true, control: phone }),
    send,
    wait,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearError(phone);
    mount(status);
    const number = phoneFrom(phone);
    if (!number) return;
    busy(
      send,
      async () => {
        if (await sendCode(number, send, status, wait)) {
          filing.phone = number;
          ctx.rerender();
        }
      },
      t('common.sending'),
    );
  });
  ctx.show(pageHead(t('udc.title'), h('p', { class: 'lead' }, t('udc.lead'))), steps(1), status, form);
}

async function codeStep(ctx) {
  const charter = await charterOf(claims().office_id);
  const status = h('div', { 'aria-live': 'polite' });
  const wait = h('p', { class: 'muted', 'aria-live': 'polite', testid: 'udc-wait' });
  const code = codeInput('udc-code', { autocomplete: 'off', name: 'code' });
  const type = h(
    'select',
    { testid: 'udc-type', name: 'type' },
    h('option', { value: '' }, t('form.choose')),
    [...charter.items]
      .sort((a, b) => pick(a, 'name').localeCompare(pick(b, 'name')))
      .map((it) => h('option', { value: it.type }, `${pick(it, 'name')} · ${money(it.fee.total)}`)),
  );
  type.value = filing.type || '';
  const go = h('button', { type: 'submit', class: 'btn', testid: 'udc-continue' }, t('udc.continue'));
  const resend = h('button', { type: 'button', class: 'btn btn-secondary', testid: 'udc-resend' }, t('udc.resend'));
  const change = h('button', { type: 'button', class: 'link', testid: 'udc-change' }, t('udc.change'));
  change.addEventListener('click', () => {
    filing = { id: uuid() };
    ctx.rerender();
  });
  resend.addEventListener('click', () =>
    busy(
      resend,
      async () => {
        mount(status);
        if (await sendCode(filing.phone, resend, status, wait))
          mount(status, notice(t('udc.sent', { phone: phoneText(filing.phone) }), 'success', 'udc-sent'));
      },
      t('common.sending'),
    ),
  );
  const form = h(
    'form',
    { novalidate: true, class: 'stack', testid: 'udc-code-form' },
    field({ id: 'udc-code', label: t('udc.code'), hint: t('udc.code_hint'), required: true, control: code }),
    field({ id: 'udc-type', label: t('udc.type'), required: true, control: type }),
    go,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearError(code);
    clearError(type);
    const value = asciiDigits(code.value).replace(/\s/g, '');
    let first = null;
    if (!/^\d{6}$/.test(value)) {
      showError(code, t('signin.code_invalid'));
      first = code;
    }
    if (!type.value) {
      showError(type, t('udc.type_missing'));
      first ||= type;
    }
    if (first) {
      first.focus();
      return;
    }
    filing.code = value;
    filing.type = type.value;
    ctx.navigate(`#/udc/new/${encodeURIComponent(type.value)}`);
  });
  ctx.show(
    pageHead(t('udc.title'), h('p', { class: 'lead' }, t('udc.for', { phone: phoneText(filing.phone) }))),
    steps(2),
    notice(t('udc.sent', { phone: phoneText(filing.phone) }), 'success', 'udc-sent'),
    filing.refused ? notice(filing.refused, 'error', 'udc-code-refused') : null,
    status,
    form,
    h('div', { class: 'actions' }, resend, change),
    wait,
  );
}

/** #/udc/new/:type — the citizen's own form (step 3: their details and the papers scanned here). */
export async function form(ctx) {
  if (!filing?.code) {
    ctx.navigate('#/udc/new', true);
    return;
  }
  const now = filing;
  const refused = h('div', { 'aria-live': 'polite' });
  const lead = h(
    'div',
    { class: 'stack' },
    steps(3),
    h('p', { testid: 'udc-for' }, t('udc.for', { phone: phoneText(now.phone) })),
    refused,
  );
  await applicationForm(ctx, claims().office_id, ctx.params.type, {
    id: now.id,
    lead,
    consent: () => ({ phone: now.phone, code: now.code }),
    filed: (created) => {
      filing = null;
      ctx.navigate(`#/udc/cases/${encodeURIComponent(created.id)}?new=1`);
    },
    codeRefused: (message) => mount(refused, codeAgain(now, message)),
  });
}

// The code was wrong, spent or expired: a new one without leaving the filled-in form.
function codeAgain(now, message) {
  const code = codeInput('udc-code-again', { name: 'code' });
  const use = h('button', { type: 'button', class: 'btn btn-secondary', testid: 'udc-code-use' }, t('udc.code_use'));
  const resend = h('button', { type: 'button', class: 'btn btn-secondary', testid: 'udc-resend' }, t('udc.resend'));
  const status = h('div', { 'aria-live': 'polite' });
  const wait = h('p', { class: 'muted' });
  use.addEventListener('click', () => {
    clearError(code);
    const value = asciiDigits(code.value).replace(/\s/g, '');
    if (!/^\d{6}$/.test(value)) {
      showError(code, t('signin.code_invalid'));
      code.focus();
      return;
    }
    now.code = value;
    mount(status, notice(t('udc.code_taken'), 'success', 'udc-code-taken'));
  });
  resend.addEventListener('click', () =>
    busy(
      resend,
      async () => {
        if (await sendCode(now.phone, resend, status, wait))
          mount(status, notice(t('udc.sent', { phone: phoneText(now.phone) }), 'success', 'udc-sent'));
      },
      t('common.sending'),
    ),
  );
  const box = h(
    'div',
    { class: 'panel panel-warn stack', role: 'alert', testid: 'udc-code-refused' },
    h('p', {}, message),
    field({ id: 'udc-code-again', label: t('udc.code'), control: code, optionalMark: false }),
    h('div', { class: 'actions' }, use, resend),
    status,
    wait,
  );
  return box;
}
