// A case's papers (decision 46): each paper of the type attached, missing or waived, for the
// applicant and the officials; the secretary waives a missing required paper here, with a note
// (POST /v1/applications/{id}/papers/{code}/waiver).

import { api } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { lang, pick, t } from '../i18n.mjs';
import { busy, clearError, errorBox, field, label, showError } from './ui.mjs';

/** The required papers neither attached nor waived (what blocks paying and submitting). */
export function missingPapers(item) {
  return (item.papers_status || []).filter((p) => p.required && p.state === 'missing');
}

function stateTag(paper) {
  if (paper.state === 'missing' && !paper.required)
    return h('span', { class: 'muted' }, t('papers.optional_missing'));
  const kind = { attached: 'tag', waived: 'tag', missing: 'tag tag-warn' }[paper.state] || 'tag';
  return h('span', { class: kind }, t(`papers.state_${paper.state}`));
}

function waiveForm(item, paper, onWaived) {
  const id = `waive-${paper.code}`;
  const note = h('textarea', { rows: '2', name: id, testid: `waive-note-${paper.code}` });
  const button = h('button', { type: 'submit', class: 'btn btn-secondary', testid: `waive-${paper.code}` }, [
    t('papers.waive'),
    h('span', { class: 'visually-hidden' }, `: ${pick(paper, 'name')}`),
  ]);
  const status = h('div', { 'aria-live': 'polite' });
  note.addEventListener('input', () => {
    if (note.value.trim()) clearError(note);
  });
  const form = h(
    'form',
    { class: 'stack waive', novalidate: true },
    field({ id, label: t('papers.waive_note'), hint: t('papers.waive_hint'), control: note, optionalMark: false }),
    button,
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    mount(status);
    if (!note.value.trim()) {
      showError(note, t('papers.waive_note_required'));
      note.focus();
      return;
    }
    busy(
      button,
      async () => {
        try {
          await api(`/applications/${encodeURIComponent(item.id)}/papers/${encodeURIComponent(paper.code)}/waiver`, {
            method: 'POST',
            body: { note: note.value.trim() },
          });
          await onWaived(t('papers.waived_done', { name: pick(paper, 'name') }));
        } catch (err) {
          const noteError = err.status === 422 && (err.errors || []).find((x) => x.field === 'note');
          if (noteError) showError(note, lang() === 'bn' ? noteError.message_bn : noteError.message);
          else mount(status, errorBox(err));
        }
      },
      t('common.sending'),
    );
  });
  return form;
}

/** Each paper of the type with its state; officials get a link to each attached one. */
export function paperList(item, { canWaive = false, onWaived = async () => {} } = {}) {
  const papers = item.papers_status || [];
  if (!papers.length) return h('p', { class: 'muted', testid: 'papers-none' }, t('papers.none_attached'));
  return h(
    'ul',
    { class: 'papers', testid: 'papers' },
    papers.map((p) =>
      h(
        'li',
        { 'data-state': p.state, testid: `paper-${p.code}` },
        h(
          'p',
          {},
          p.url
            ? h('a', { href: p.url, target: '_blank', rel: 'noopener', testid: `paper-link-${p.code}` }, pick(p, 'name'))
            : pick(p, 'name'),
          ' ',
          stateTag(p),
        ),
        p.url ? h('p', { class: 'muted' }, t('papers.link_expires')) : null,
        p.waiver
          ? h(
              'p',
              { class: 'note' },
              t('papers.waiver_note', { role: label('role', p.waiver.by?.role), note: p.waiver.note }),
            )
          : null,
        canWaive && p.required && p.state === 'missing' ? waiveForm(item, p, onWaived) : null,
      ),
    ),
  );
}
