// The Union Digital Centre counter (loaded only after a UDC operator signs in): filing on a
// citizen's behalf. The citizen's phone → a consent code by SMS, read out at the counter → the
// citizen's own application form (pages/apply.mjs), papers scanned at the counter → the fee taken
// in cash → a printed receipt; and the list of cases this operator filed (GET /v1/applications).
// The citizen's number and code live in this module's memory only, for one filing: never in the
// address bar, never in storage.

import { api, query, uuid } from './api.mjs';
import { statusLabel, typeName } from './case-view.mjs';
import { h, mount } from './dom.mjs';
import { date, dateTime, digits, lang, money, pick, t } from './i18n.mjs';
import { applicationForm } from './pages/apply.mjs';
import { charterOf, feeRows, types } from './pages/office.mjs';
import { claims } from './session.mjs';
import { busy, clearError, dl, errorBox, errorText, field, notice, pageHead, showError, statusBadge } from './ui.mjs';
import { asciiDigits, normalisePhone } from './validate.mjs';

let filing = null; // {id, phone, code, type, sent} of the filing at the counter now
window.addEventListener('signed-out', () => {
  filing = null;
});

/** 01711000001 → ০১৭১১-০০০০০১ (as the operator reads it back to the citizen). */
export function phoneText(phone) {
  const local = `0${String(phone).replace(/^\+?88/, '').replace(/^0/, '')}`;
  return digits(`${local.slice(0, 5)}-${local.slice(5)}`);
}

/** Seconds → "৪ মিনিট ৫ সেকেন্ড" / "4 min 5 s": the throttle's wait, counted down on the button. */
export function waitText(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  const m = Math.floor(s / 60);
  return m ? t('udc.wait_min', { m, s: s % 60 }) : t('udc.wait_s', { s });
}

function steps(n) {
  return h('p', { class: 'muted', testid: 'udc-step' }, t('udc.step', { n, of: 4 }));
}

// 429: the button stays off for the real wait the API names (Retry-After), counting down.
function holdFor(button, seconds, line) {
  const until = Date.now() + seconds * 1000;
  button.disabled = true;
  const tick = () => {
    const left = (until - Date.now()) / 1000;
    if (!button.isConnected || left <= 0) {
      button.disabled = false;
      mount(line);
      return;
    }
    mount(line, t('udc.send_again_in', { wait: waitText(left) }));
    setTimeout(tick, 1000);
  };
  tick();
}

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
  const phone = h('input', { type: 'tel', inputmode: 'numeric', autocomplete: 'off', testid: 'udc-phone', name: 'phone' });
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
    const number = normalisePhone(phone.value);
    if (!number) {
      showError(phone, t('v.phone'));
      phone.focus();
      return;
    }
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
  const code = h('input', {
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    maxlength: '6',
    testid: 'udc-code',
    name: 'code',
  });
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

/** #/udc/new/:type — the citizen's own form (steps 3 and 4: their details and scanned papers). */
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
  const code = h('input', { type: 'text', inputmode: 'numeric', maxlength: '6', testid: 'udc-code-again', name: 'code' });
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

/** #/udc/cases/:id — the fee at the counter (step 4), then the printable receipt. */
export async function filed(ctx) {
  const id = ctx.params.id;
  const [item, catalog, office] = await Promise.all([
    api(`/applications/${encodeURIComponent(id)}`),
    types(),
    api(`/offices/${encodeURIComponent(claims().office_id)}`, { cached: true }),
  ]);
  const receipt = item.payment ? await api(`/applications/${encodeURIComponent(id)}/payment`) : null;
  const status = h('div', { 'aria-live': 'polite' });
  const docs = Object.keys(item.papers || {});
  const typeDocs = (await api(`/certificate-types/${encodeURIComponent(item.type)}`, { cached: true })).documents || [];
  const docName = (code) => pick(typeDocs.find((d) => d.code === code) || { name_en: code }, 'name');
  let fee = null;
  if (item.actions.includes('record_payment')) {
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
            mount(status, errorBox(err));
          }
        },
        t('common.saving'),
      ),
    );
    fee = h(
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
      [
        t('udc.taken_by'),
        taker ? `${pick(taker, 'name')}${taker.designation_bn && lang() === 'bn' ? `, ${taker.designation_bn}` : ''}` : '—',
      ],
    ]),
    h('p', { class: 'hint' }, t('udc.receipt_note')),
    print,
  );
}

/** #/udc — the cases this operator filed, newest first, with their status. */
export async function filings(ctx) {
  const [page, catalog] = await Promise.all([api(`/applications${query({ limit: 25 })}`), types()]);
  const list = h('ul', { class: 'cards', testid: 'udc-filings' });
  const more = h('div', {});
  function add(p) {
    list.append(
      ...p.items.map((a) =>
        h(
          'li',
          {},
          h(
            'a',
            { href: `#/udc/cases/${encodeURIComponent(a.id)}`, class: 'card-link', testid: 'udc-filing', 'data-id': a.id },
            h('span', { class: 'mono' }, a.tracking_no),
            h('span', {}, typeName(catalog, a.type)),
            h('span', {}, statusBadge(a.status, statusLabel(a.status))),
            h('span', { class: 'muted' }, t('queue.received', { date: date(a.created_at) })),
          ),
        ),
      ),
    );
    if (!p.next_cursor) {
      mount(more);
      return;
    }
    const b = h('button', { type: 'button', class: 'btn btn-secondary', testid: 'udc-more' }, t('common.more'));
    b.addEventListener('click', () =>
      busy(
        b,
        async () => {
          try {
            add(await api(`/applications${query({ limit: 25, cursor: p.next_cursor })}`));
          } catch (err) {
            mount(more, h('p', {}, errorText(err)));
          }
        },
        t('common.loading'),
      ),
    );
    mount(more, b);
  }
  add(page);
  ctx.show(
    pageHead(t('udc.filings_title'), h('p', { class: 'lead' }, t('udc.filings_lead'))),
    h('p', {}, h('a', { href: '#/udc/new?fresh=1', class: 'btn', testid: 'udc-new' }, t('udc.nav_new'))),
    page.items.length ? list : h('p', { testid: 'udc-filings-empty' }, t('udc.filings_empty')),
    more,
  );
}
