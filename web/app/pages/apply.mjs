// Apply: the application form for one type at one office (lib/application-form.mjs).
// Revise: the same form's fields for a case sent back for changes (action `resubmit` with `fields`).

import { api } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { pick, t } from '../i18n.mjs';
import { applicationForm, placeErrors } from '../lib/application-form.mjs';
import { buildForm, fromServer } from '../lib/form.mjs';
import { busy, errorBox, notice, pageHead } from '../lib/ui.mjs';

export function apply(ctx) {
  return applicationForm(ctx, ctx.params.office, ctx.params.type);
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
