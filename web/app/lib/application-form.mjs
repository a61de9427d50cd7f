// The application form (ward, the type's fields, papers, fee; POST /v1/applications with an
// Idempotency-Key), shared by the citizen's apply page (pages/apply.mjs) and the UDC counter
// (pages/udc.mjs); `placeErrors` also serves the revise page.

import { api, uuid } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { lang, num, pick, t } from '../i18n.mjs';
import { charterOf, feeRows } from './catalog.mjs';
import { buildForm, fromServer } from './form.mjs';
import { paperPicker } from './paper-picker.mjs';
import { myPapers } from './papers.mjs';
import { claims } from '../session.mjs';
import { serverMessage } from './problems.mjs';
import {
  busy,
  clearError,
  dl,
  errorBox,
  errorText,
  field,
  notice,
  pageHead,
  reportProblems,
  showError,
} from './ui.mjs';
import { both } from './validate.mjs';

// Typed values survive a language switch, a trip to another page or a new sign-in by the same
// citizen in this tab (memory only; keyed by the signed-in citizen, so nobody else sees them).
const drafts = new Map();
const draftKey = (office, type) => `${claims()?.sub}/${office}/${type}`;
window.addEventListener('signed-out', () => drafts.clear());

function wardSelect(wards, value) {
  const select = h('select', { testid: 'field-ward', name: 'ward' }, h('option', { value: '' }, t('form.choose')));
  for (let w = 1; w <= wards; w += 1) select.append(h('option', { value: String(w) }, t('common.ward_n', { n: w })));
  select.value = value || '';
  select.addEventListener('change', () => {
    if (select.value) clearError(select);
  });
  return select;
}

export function placeErrors(form, errors, extra, summarySlot) {
  const listed = form.showErrors(errors.filter((e) => e.field.startsWith('fields')));
  for (const e of errors.filter((x) => !x.field.startsWith('fields'))) {
    const control = extra[e.field];
    const text = lang() === 'bn' ? e.bn : e.en;
    if (control) showError(control, text);
    listed.push({ text, control: control || null });
  }
  reportProblems(summarySlot, listed);
}

function formNode({ office, terms, ward, form, pickers }, status, submit) {
  return h(
    'form',
    { novalidate: true, class: 'stack', testid: 'apply-form' },
    h('p', { class: 'muted' }, t('apply.optional_note')),
    h(
      'section',
      { 'aria-labelledby': 'sec-ward', class: 'stack' },
      h('h2', { id: 'sec-ward' }, t('apply.where')),
      field({
        id: 'f-ward',
        label: t('apply.ward'),
        hint: t('apply.ward_hint', { office: pick(office, 'name') }),
        required: true,
        control: ward,
      }),
    ),
    h(
      'section',
      { 'aria-labelledby': 'sec-form', class: 'stack' },
      h('h2', { id: 'sec-form' }, t('apply.details')),
      form.node,
    ),
    h(
      'section',
      { 'aria-labelledby': 'sec-papers', class: 'stack' },
      h('h2', { id: 'sec-papers' }, t('apply.papers')),
      pickers.length ? h('p', { class: 'hint' }, t('apply.papers_hint')) : h('p', {}, t('apply.no_papers')),
      pickers.map((p) => p.box),
    ),
    h(
      'section',
      { 'aria-labelledby': 'sec-fee' },
      h('h2', { id: 'sec-fee' }, t('apply.fee')),
      dl(feeRows(terms.fee)),
      h('p', { class: 'hint' }, t('apply.fee_hint', { days: num(terms.sla_days) })),
    ),
    status,
    submit,
  );
}

/** What the form holds, checked here first: {clean, errors}. */
function checked({ form, ward, pickers, uploads }) {
  const { clean, errors } = form.validate();
  if (!ward.value) errors.unshift({ field: 'ward', ...both('v.ward') });
  if (uploads.pending) errors.push({ field: 'papers', ...both('papers.wait') });
  for (const p of pickers.filter((x) => x.required && !x.select.value)) {
    const name = (l) => p.doc[`name_${l}`] || p.doc.name_bn;
    errors.push({
      field: `papers.${p.code}`,
      bn: t('papers.missing_error', { name: name('bn') }, 'bn'),
      en: t('papers.missing_error', { name: name('en') }, 'en'),
    });
  }
  return { clean, errors };
}

function showRefusal(err, parts, extra, { summary, status }) {
  const { counter, form, type } = parts;
  const refused = counter && err.errors.find((e) => e.field.startsWith('on_behalf_of'));
  if (refused) {
    counter.codeRefused(serverMessage(refused));
  } else if (err.status === 422 && err.errors.length) {
    placeErrors(form, fromServer(err.errors, type, form.values()), extra, summary);
  } else if (err.code === 'duplicate_application') {
    const existing = err.body.existing || {};
    mount(
      status,
      notice(
        h(
          'span',
          {},
          errorText(err),
          existing.tracking_no ? ` ${t('apply.existing', { tracking: existing.tracking_no })}` : '',
        ),
        'error',
        'error',
      ),
    );
  } else {
    mount(status, errorBox(err));
  }
  status.querySelector('[role=alert]')?.setAttribute('tabindex', '-1');
  status.querySelector('[role=alert]')?.focus();
}

/** The submit handler's work: check, then POST (a retry of the same body reuses its key). */
function submitter(ctx, parts, slots) {
  const { office, type, form, ward, pickers, counter, key } = parts;
  let idempotency = null;
  let lastBody = '';
  return async () => {
    mount(slots.status);
    mount(slots.summary);
    const { clean, errors } = checked(parts);
    const extra = { ward, ...Object.fromEntries(pickers.map((p) => [`papers.${p.code}`, p.select])) };
    if (errors.length) {
      placeErrors(form, errors, extra, slots.summary);
      return;
    }
    const chosen = Object.fromEntries(pickers.filter((p) => p.select.value).map((p) => [p.code, p.select.value]));
    const body = { office_id: office.office_id, type: type.code, ward: Number(ward.value), fields: clean };
    if (Object.keys(chosen).length) body.papers = chosen;
    if (counter) body.on_behalf_of = counter.consent();
    const signature = JSON.stringify(body);
    if (signature !== lastBody) {
      idempotency = uuid(); // a new attempt; a retry of the same one reuses its key
      lastBody = signature;
    }
    try {
      const created = await api('/applications', { method: 'POST', body, headers: { 'Idempotency-Key': idempotency } });
      drafts.delete(key);
      if (counter) counter.filed(created);
      else ctx.navigate(`#/applications/${encodeURIComponent(created.id)}?new=1`);
    } catch (err) {
      showRefusal(err, parts, extra, slots);
    }
  };
}

/**
 * The form's parts, filled from this tab's draft of it and then `prefill` ({ward, fields}: what the
 * page that led here knows, e.g. an objection's holding); every change is saved to the draft.
 */
function formParts(type, charter, papers, counter, prefill) {
  const office = charter.office;
  const key = counter ? `counter/${counter.id}/${type.code}` : draftKey(office.office_id, type.code);
  const saved = drafts.get(key) || {};
  const draft = prefill
    ? { ...saved, ward: prefill.ward ?? saved.ward, fields: { ...saved.fields, ...prefill.fields } }
    : saved;
  const uploads = { pending: 0 };
  const ward = wardSelect(office.wards, draft.ward);
  let pickers = [];
  const save = () =>
    drafts.set(key, {
      ward: ward.value,
      fields: form.values(),
      papers: Object.fromEntries(pickers.map((p) => [p.code, p.select.value])),
    });
  const form = buildForm(type, draft.fields || {}, () => save());
  pickers = (type.documents || []).map((doc) =>
    paperPicker(doc, papers.items || [], draft.papers?.[doc.code], save, uploads),
  );
  ward.addEventListener('change', save);
  const terms = charter.items.find((it) => it.type === type.code);
  return { office, type, terms, key, uploads, ward, form, pickers, counter };
}

/**
 * The application form (ward, the type's fields, papers, fee), for a citizen or, with `counter`,
 * for a UDC operator filing on a citizen's behalf (pages/udc.mjs): {id (this filing), consent()
 * → {phone, code}, filed(created), codeRefused(message), lead (a node under the title)}. At a
 * counter the papers are new scans only (the operator sees none of the citizen's), and nothing
 * typed outlives the filing. `prefill` ({ward, fields, before}): values to start with and a node
 * shown above the form (an objection's holding and its assessment, pages/apply.mjs).
 */
export async function applicationForm(ctx, officeId, typeCode, counter = null, prefill = null) {
  const [type, charter, papers] = await Promise.all([
    api(`/certificate-types/${encodeURIComponent(typeCode)}`, { cached: true }),
    charterOf(officeId, typeCode),
    counter ? { items: [] } : myPapers().catch(() => ({ items: [] })),
  ]);
  const parts = formParts(type, charter, papers, counter, prefill);
  const { office } = parts;
  const summary = h('div', {});
  const status = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn', testid: 'apply-submit' }, t('apply.submit'));
  const el = formNode(parts, status, submit);
  const send = submitter(ctx, parts, { summary, status });
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(submit, send, t('common.sending'));
  });
  ctx.show(
    pageHead(
      t('apply.title', { type: pick(type, 'name') }),
      h(
        'p',
        { class: 'lead' },
        pick(office, 'name'),
        ' · ',
        h('a', { href: `#/offices/${encodeURIComponent(office.office_id)}/types/${type.code}` }, t('apply.charter')),
      ),
      counter?.lead,
    ),
    prefill?.before,
    summary,
    el,
  );
}
