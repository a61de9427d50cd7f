// The signatory's decision (issue 12, items 10 and 11): the certificate preview and the "I have
// read it" confirmation before approving one case, approving several verified cases at once (each
// its own request, with its own result), and the way on to the next case of the same list.

import { api, query } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { num, t } from '../i18n.mjs';
import { busy, clearError, errorBox, errorText, field, showError } from './ui.mjs';

/** The preview PDF (base64 in JSON) as a same-origin object URL for a link and a frame. */
async function previewUrl(caseId) {
  const body = await api(`/applications/${encodeURIComponent(caseId)}/preview`, { timeout: 60000 });
  const bytes = Uint8Array.from(atob(body.pdf_base64), (c) => c.charCodeAt(0));
  return { url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })), size: bytes.length };
}

/**
 * The confirmation panel that opens when the signatory presses "approve": the rendered preview
 * (a link on phones, the PDF itself on a wide screen) and a box to tick before "approve and sign".
 * `approve(button)` sends the approval; `cancel()` closes the panel.
 */
export function approvalPanel(item, approve, cancel) {
  const slot = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('common.loading')));
  const read = h('input', { type: 'checkbox', name: 'read', testid: 'approve-read' });
  const yes = h('button', { type: 'button', class: 'btn', testid: 'action-approve-confirm' }, t('preview.sign'));
  const no = h(
    'button',
    { type: 'button', class: 'btn btn-secondary', testid: 'action-approve-keep' },
    t('act.confirm_no'),
  );
  const heading = h('h3', { id: 'preview-h', tabindex: '-1' }, t('preview.title'));
  read.addEventListener('change', () => read.checked && clearError(read));
  yes.addEventListener('click', async () => {
    if (!read.checked) {
      showError(read, t('preview.tick_first'));
      read.focus();
      return;
    }
    await approve(yes);
  });
  no.addEventListener('click', () => cancel());
  previewUrl(item.id).then(
    ({ url, size }) =>
      mount(
        slot,
        h(
          'p',
          {},
          h(
            'a',
            { href: url, target: '_blank', rel: 'noopener', testid: 'preview-open', 'data-bytes': size },
            t('preview.open'),
          ),
        ),
        // Phones open the PDF in their own viewer (the link); a wide screen also shows it here.
        matchMedia('(min-width: 48rem)').matches
          ? h('iframe', { src: url, class: 'preview-frame', title: t('preview.title'), testid: 'preview-frame' })
          : null,
      ),
    (err) => mount(slot, errorBox(err)),
  );
  const panel = h(
    'section',
    { class: 'panel panel-warn', 'aria-labelledby': 'preview-h', testid: 'approve-preview' },
    heading,
    h('p', {}, t('preview.explain')),
    slot,
    h(
      'div',
      { class: 'check-field' },
      field({ id: 'approve-read', label: t('preview.read'), control: read, optionalMark: false }),
    ),
    h('div', { class: 'actions' }, yes, no),
  );
  queueMicrotask(() => heading.focus());
  return panel;
}

/** "Next case": the first case still in the list this one was in, or the way back to that list. */
export async function nextCase(officeId, status, doneId) {
  const path = `/offices/${encodeURIComponent(officeId)}/applications${query({ status, limit: 5 })}`;
  const back = h('a', { href: `#/office${query({ status })}`, testid: 'back-to-list' }, t('queue.back'));
  try {
    const page = await api(path);
    const next = page.items.find((x) => x.id !== doneId);
    if (next) {
      return h(
        'p',
        { class: 'actions' },
        h(
          'a',
          { href: `#/office/cases/${encodeURIComponent(next.id)}`, class: 'btn', testid: 'next-case' },
          t('next.case'),
        ),
        back,
      );
    }
    return h('p', { testid: 'next-none' }, t('next.none'), ' ', back);
  } catch {
    return h('p', {}, back);
  }
}

/** Approves each chosen case in turn: [[item, approved?, text]]. */
async function approveEach(chosen) {
  const rows = [];
  for (const item of chosen.values()) {
    try {
      await api(`/applications/${encodeURIComponent(item.id)}/actions`, {
        method: 'POST',
        body: { action: 'approve', version: item.version },
      });
      rows.push([item, true, t('batch.ok')]);
    } catch (err) {
      rows.push([item, false, errorText(err)]);
    }
  }
  return rows;
}

function batchResults(rows, rerender) {
  const ok = rows.filter((r) => r[1]).length;
  return h(
    'section',
    { class: 'panel', testid: 'batch-results', 'aria-labelledby': 'batch-h', tabindex: '-1' },
    h('h2', { id: 'batch-h' }, t('batch.done', { ok: num(ok), n: num(rows.length) })),
    h(
      'ul',
      {},
      rows.map(([item, good, text]) =>
        h(
          'li',
          { testid: 'batch-result', 'data-id': item.id, 'data-outcome': good ? 'ok' : 'failed' },
          h('span', { class: 'mono' }, item.tracking_no),
          item.name_bn ? [' · ', h('span', { lang: 'bn' }, item.name_bn)] : null,
          ' — ',
          h('strong', { class: good ? 'ok' : 'failed' }, good ? t('batch.ok') : t('batch.failed')),
          good ? null : [': ', text],
        ),
      ),
    ),
    h(
      'button',
      { type: 'button', class: 'btn btn-secondary', testid: 'batch-refresh', onclick: () => rerender() },
      t('batch.refresh'),
    ),
  );
}

function pickBox(item, chosen, update) {
  const box = h('input', {
    type: 'checkbox',
    id: `pick-${item.id}`,
    testid: 'batch-pick',
    'data-id': item.id,
    'aria-label': t('batch.pick', { tracking: item.tracking_no }),
  });
  box.addEventListener('change', () => {
    if (box.checked) chosen.set(item.id, item);
    else chosen.delete(item.id);
    update();
  });
  return box;
}

/** "Approve N cases?" under the button (`b`: the batch's parts). */
function confirmBatch(b, approveAll) {
  const { chosen, button, confirmArea } = b;
  mount(b.results);
  if (!chosen.size) {
    mount(confirmArea, h('p', { class: 'field-error', role: 'alert', testid: 'batch-none' }, t('batch.none')));
    return;
  }
  const yes = h(
    'button',
    { type: 'button', class: 'btn', testid: 'batch-confirm' },
    t('batch.confirm_yes', { n: num(chosen.size) }),
  );
  const no = h('button', { type: 'button', class: 'btn btn-secondary', testid: 'batch-keep' }, t('act.confirm_no'));
  const q = h('p', { tabindex: '-1' }, t('batch.confirm', { n: num(chosen.size) }));
  yes.addEventListener('click', () => busy(yes, approveAll, t('common.sending')));
  no.addEventListener('click', () => {
    mount(confirmArea);
    button.focus();
  });
  mount(
    confirmArea,
    h('div', { class: 'panel panel-warn', testid: 'batch-confirm-panel' }, q, h('div', { class: 'actions' }, yes, no)),
  );
  q.focus();
}

/**
 * Approving several verified cases: a checkbox on each card of the list, and one button. Each case
 * is its own approval (its own version check and signature); the results are listed case by case.
 */
export function batchApproval(rerender) {
  const b = {
    chosen: new Map(), // id -> queue item
    button: h('button', { type: 'button', class: 'btn', testid: 'batch-approve' }, t('batch.approve', { n: num(0) })),
    confirmArea: h('div', {}),
    results: h('div', { 'aria-live': 'polite' }),
  };
  const update = () => {
    b.button.textContent = t('batch.approve', { n: num(b.chosen.size) });
  };
  const approveAll = async () => {
    const rows = await approveEach(b.chosen);
    mount(b.confirmArea);
    mount(b.results, batchResults(rows, rerender));
    b.results.querySelector('section')?.focus();
  };
  b.button.addEventListener('click', () => confirmBatch(b, approveAll));
  const bar = h(
    'div',
    { class: 'batch-bar', testid: 'batch-bar' },
    h('p', { class: 'hint' }, t('batch.hint')),
    b.button,
    b.confirmArea,
    b.results,
  );
  return { bar, checkbox: (item) => pickBox(item, b.chosen, update) };
}
