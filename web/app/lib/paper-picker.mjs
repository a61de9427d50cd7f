// One required or optional paper on the application form: reuse a paper the citizen already
// uploaded (GET /v1/papers), or upload a new scan with a progress bar (lib/papers.mjs).

import { h, mount } from '../../shared/dom.mjs';
import { date, num, pick, t } from '../i18n.mjs';
import { ACCEPTED, MAX_BYTES, inspect, upload } from './papers.mjs';
import { serverMessage } from './problems.mjs';
import { clearError, errorText, field, showError } from './ui.mjs';
import { fieldId } from './validate.mjs';

function sizeText(bytes) {
  return bytes >= 1024 * 1024
    ? `${num(Math.round((bytes / 1048576) * 10) / 10)} MB`
    : `${num(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

const TYPE_NAMES = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

function paperLabel(p) {
  return `${date(p.created_at)} · ${TYPE_NAMES[p.content_type] || p.content_type} · ${sizeText(p.size)}`;
}

/** The file input's change: check the file, upload it, and choose it in `select`. */
async function uploadChosen({ doc, file, select, progress, status }, onChange, uploads) {
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
    const message = err.errors?.length ? serverMessage(err.errors[0]) : null;
    showError(file, message || (err.uploadFailed ? t('papers.error_upload') : errorText(err)));
    mount(status);
  } finally {
    uploads.pending -= 1;
    progress.hidden = true;
  }
}

function paperBox(doc, id, ready, { select, file, progress, status }) {
  return h(
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
}

/** One document's picker: reuse a ready paper, or upload a new file. */
export function paperPicker(doc, mine, chosen, onChange, uploads) {
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
  const parts = { doc, file, select, progress, status };
  file.addEventListener('change', () => uploadChosen(parts, onChange, uploads));
  return { box: paperBox(doc, id, ready, parts), select, code: doc.code, required: doc.required, doc };
}
