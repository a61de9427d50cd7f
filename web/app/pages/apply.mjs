// Apply: ward, the type's form, papers, fee; POST /v1/applications with an Idempotency-Key.
// Revise: the same form for a case sent back for changes (action `resubmit` with `fields`).

import { api, uuid } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { buildForm, fromServer } from '../form.mjs';
import { date, lang, money, num, pick, t } from '../i18n.mjs';
import { ACCEPTED, MAX_BYTES, inspect, myPapers, upload } from '../papers.mjs';
import { busy, clearError, dl, errorBox, reportProblems, errorText, field, notice, pageHead, showError } from '../ui.mjs';
import { claims } from '../session.mjs';
import { both, fieldId } from '../validate.mjs';
import { charterOf, feeRows } from './office.mjs';

// Typed values survive a language switch, a trip to another page or a new sign-in by the same
// citizen in this tab (memory only; keyed by the signed-in citizen, so nobody else sees them).
const drafts = new Map();
const draftKey = (office, type) => `${claims()?.sub}/${office}/${type}`;
window.addEventListener('signed-out', () => drafts.clear());

function sizeText(bytes) {
  return bytes >= 1024 * 1024
    ? `${num(Math.round((bytes / 1048576) * 10) / 10)} MB`
    : `${num(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

const TYPE_NAMES = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

function paperLabel(p) {
  return `${date(p.created_at)} · ${TYPE_NAMES[p.content_type] || p.content_type} · ${sizeText(p.size)}`;
}

/** One document's picker: reuse a ready paper, or upload a new file. */
function paperPicker(doc, mine, chosen, onChange, uploads) {
  const id = fieldId(`papers.${doc.code}`);
  const select = h('select', { testid: `paper-select-${doc.code}`, name: `paper-${doc.code}` });
  const ready = mine.filter((p) => p.document === doc.code && p.state === 'ready');
  mount(
    select,
    h('option', { value: '' }, t('papers.none_chosen')),
    ready.map((p) => h('option', { value: p.id }, paperLabel(p))),
  );
  select.value = chosen && ready.some((p) => p.id === chosen) ? chosen : ready[0]?.id || '';
  const file = h('input', {
    type: 'file',
    accept: ACCEPTED.join(','),
    testid: `paper-file-${doc.code}`,
    name: `file-${doc.code}`,
  });
  const progress = h('progress', {
    max: '1',
    value: '0',
    hidden: true,
    'aria-label': t('papers.progress', { name: pick(doc, 'name') }),
  });
  const status = h('p', { class: 'muted', 'aria-live': 'polite', testid: `paper-status-${doc.code}` });
  select.addEventListener('change', () => {
    clearError(select);
    onChange();
  });
  file.addEventListener('change', async () => {
    clearError(file);
    const f = file.files?.[0];
    if (!f) return;
    const checked = await inspect(f, MAX_BYTES);
    if (checked.error) {
      showError(file, t(`papers.error_${checked.error}`, { max: sizeText(MAX_BYTES) }));
      file.value = '';
      return;
    }
    uploads.pending += 1;
    progress.hidden = false;
    progress.value = 0;
    mount(status, t('papers.uploading'));
    try {
      const paper = await upload(doc.code, f, checked.type, (p) => {
        progress.value = p;
      });
      select.append(h('option', { value: paper.id }, paperLabel(paper)));
      select.value = paper.id;
      clearError(select);
      mount(status, t('papers.uploaded', { name: f.name }));
      file.value = '';
      onChange();
    } catch (err) {
      const message = err.errors?.length
        ? lang() === 'bn'
          ? err.errors[0].message_bn || err.errors[0].message
          : err.errors[0].message
        : null;
      showError(file, message || (err.uploadFailed ? t('papers.error_upload') : errorText(err)));
      mount(status);
    } finally {
      uploads.pending -= 1;
      progress.hidden = true;
    }
  });
  const box = h(
    'fieldset',
    { class: 'paper' },
    h(
      'legend',
      {},
      pick(doc, 'name'),
      ' ',
      h(
        'span',
        { class: doc.required ? 'tag' : 'optional' },
        doc.required ? t('common.required') : t('common.optional'),
      ),
    ),
    field({ id, label: ready.length ? t('papers.reuse') : t('papers.chosen'), control: select, optionalMark: false }),
    field({
      id: `${id}-file`,
      label: t('papers.new'),
      hint: t('papers.new_hint', { max: sizeText(MAX_BYTES) }),
      control: file,
      optionalMark: false,
    }),
    progress,
    status,
  );
  return { box, select, code: doc.code, required: doc.required, doc };
}

function wardSelect(wards, value) {
  const select = h('select', { testid: 'field-ward', name: 'ward' }, h('option', { value: '' }, t('form.choose')));
  for (let w = 1; w <= wards; w += 1) select.append(h('option', { value: String(w) }, t('common.ward_n', { n: w })));
  select.value = value || '';
  select.addEventListener('change', () => {
    if (select.value) clearError(select);
  });
  return select;
}

function placeErrors(form, errors, extra, summarySlot) {
  const listed = form.showErrors(errors.filter((e) => e.field.startsWith('fields')));
  for (const e of errors.filter((x) => !x.field.startsWith('fields'))) {
    const control = extra[e.field];
    const text = lang() === 'bn' ? e.bn : e.en;
    if (control) showError(control, text);
    listed.push({ text, control: control || null });
  }
  reportProblems(summarySlot, listed);
}

export function apply(ctx) {
  return applicationForm(ctx, ctx.params.office, ctx.params.type);
}

/**
 * The application form (ward, the type's fields, papers, fee), for a citizen or, with `counter`,
 * for a UDC operator filing on a citizen's behalf (web/app/udc.mjs): {id (this filing), consent()
 * → {phone, code}, filed(created), codeRefused(message), lead (a node under the title)}. At a
 * counter the papers are new scans only (the operator sees none of the citizen's), and nothing
 * typed outlives the filing.
 */
export async function applicationForm(ctx, officeId, typeCode, counter = null) {
  const [type, charter, papers] = await Promise.all([
    api(`/certificate-types/${encodeURIComponent(typeCode)}`, { cached: true }),
    charterOf(officeId, typeCode),
    counter ? { items: [] } : myPapers().catch(() => ({ items: [] })),
  ]);
  const office = charter.office;
  const terms = charter.items.find((it) => it.type === type.code);
  const key = counter ? `counter/${counter.id}/${type.code}` : draftKey(office.office_id, type.code);
  const draft = drafts.get(key) || {};
  const uploads = { pending: 0 };
  const ward = wardSelect(office.wards, draft.ward);
  const summary = h('div', {});
  const status = h('div', { 'aria-live': 'polite' });
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
  const submit = h('button', { type: 'submit', class: 'btn', testid: 'apply-submit' }, t('apply.submit'));
  let idempotency = null;
  let lastBody = '';

  const el = h(
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

  el.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(
      submit,
      async () => {
        mount(status);
        mount(summary);
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
        const extra = { ward, ...Object.fromEntries(pickers.map((p) => [`papers.${p.code}`, p.select])) };
        if (errors.length) {
          placeErrors(form, errors, extra, summary);
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
          const created = await api('/applications', {
            method: 'POST',
            body,
            headers: { 'Idempotency-Key': idempotency },
          });
          drafts.delete(key);
          if (counter) counter.filed(created);
          else ctx.navigate(`#/applications/${encodeURIComponent(created.id)}?new=1`);
        } catch (err) {
          const refused = counter && err.errors.find((e) => e.field.startsWith('on_behalf_of'));
          if (refused) {
            counter.codeRefused(lang() === 'bn' ? refused.message_bn || refused.message : refused.message);
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
      },
      t('common.sending'),
    );
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
    summary,
    el,
  );
}

export async function revise(ctx) {
  const item = await api(`/applications/${encodeURIComponent(ctx.params.id)}`);
  const type = await api(`/certificate-types/${encodeURIComponent(item.type)}`, { cached: true });
  const back = h('p', {}, h('a', { href: `#/applications/${encodeURIComponent(item.id)}` }, t('revise.back')));
  if (!item.actions.includes('resubmit')) {
    ctx.show(pageHead(t('revise.title')), notice(t('revise.not_now')), back);
    return;
  }
  const lastNote = [...item.timeline].reverse().find((e) => e.action === 'request_changes');
  const summary = h('div', {});
  const status = h('div', { 'aria-live': 'polite' });
  const form = buildForm(type, item.fields);
  const submit = h('button', { type: 'submit', class: 'btn', testid: 'revise-submit' }, t('revise.submit'));
  const el = h('form', { novalidate: true, class: 'stack', testid: 'revise-form' }, form.node, status, submit);
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(
      submit,
      async () => {
        mount(summary);
        mount(status);
        const { clean, errors } = form.validate();
        if (errors.length) {
          placeErrors(form, errors, {}, summary);
          return;
        }
        try {
          await api(`/applications/${encodeURIComponent(item.id)}/actions`, {
            method: 'POST',
            body: { action: 'resubmit', version: item.version, fields: clean },
          });
          ctx.navigate(`#/applications/${encodeURIComponent(item.id)}`);
        } catch (err) {
          if (err.status === 422 && err.errors.length) placeErrors(form, fromServer(err.errors, type, form.values()), {}, summary);
          else if (err.code === 'stale_version') mount(status, notice(t('case.stale'), 'error', 'error'));
          else mount(status, errorBox(err));
        }
      },
      t('common.sending'),
    );
  });
  ctx.show(
    pageHead(t('revise.title'), h('p', { class: 'lead' }, pick(type, 'name'), ' · ', item.tracking_no)),
    lastNote?.note
      ? notice(h('span', {}, t('revise.reason'), ' ', h('span', { lang: 'bn' }, lastNote.note)), 'info')
      : null,
    summary,
    el,
    back,
  );
}
