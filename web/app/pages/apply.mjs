// Apply: the application form for one type at one office (lib/application-form.mjs); an objection
// to an assessment opened from a holding's page starts from that holding (decision 73).
// Revise: the same form's fields for a case sent back for changes (action `resubmit` with `fields`).

import { api } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { pick, t } from '../i18n.mjs';
import { applicationForm, placeErrors } from '../lib/application-form.mjs';
import { buildForm, fromServer } from '../lib/form.mjs';
import { busy, errorBox, notice, pageHead } from '../lib/ui.mjs';
import { OBJECTION_TYPE } from '../lib/workflow.mjs';

export async function apply(ctx) {
  const holdingId = ctx.query.get('holding');
  if (ctx.params.type !== OBJECTION_TYPE || !holdingId) return applicationForm(ctx, ctx.params.office, ctx.params.type);
  return applicationForm(ctx, ctx.params.office, ctx.params.type, null, await objectionStart(holdingId, ctx.query));
}

/**
 * An objection from the holding's page (decision 73): the holding's ward and number and the fiscal
 * year filled in, and the assessment objected to shown above the form.
 */
async function objectionStart(holdingId, query) {
  const id = encodeURIComponent(holdingId);
  // Loaded only here, so the other types' forms carry none of the revenue pages' code or strings.
  const [holding, assessment, { assessmentSection }, { objectionPrefill, objectionYear }, { plain }] =
    await Promise.all([
      api(`/holdings/${id}`),
      api(`/holdings/${id}/assessment`).catch(() => null),
      import('../lib/assessment-view.mjs'),
      import('../lib/objection.mjs'),
      import('../lib/revenue-view.mjs'),
    ]);
  const year = query.get('fy') || objectionYear(assessment);
  const shown = assessment
    ? h(
        'div',
        { testid: 'objected-assessment' },
        h('p', { class: 'lead' }, t('rev.obj_current'), ' · ', t('rev.holding_n', { number: plain(holding.number) })),
        assessmentSection(assessment),
      )
    : notice(t('rev.obj_no_assessment'), 'info');
  return { ...objectionPrefill(holding, year), before: shown };
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
