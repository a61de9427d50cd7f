// The office's revenue at a glance (issue 14 item 9; decision 70): the day's collections and the
// defaulters (its officials), the year's demand run with its progress (assessors, a union's
// secretary), and the tax schedule of a fiscal year (the office admin: its numbers as fields, a
// 422 naming the field shown beside it, 409 once the year is billed).

import { api, query } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { dateTime, digits, has, lang, money, num, t } from '../i18n.mjs';
import { appendPage } from '../lib/lists.mjs';
import { fiscalYearOf, scheduleNumbers, todayBd, withNumbers } from '../lib/revenue.mjs';
import { plain } from '../lib/revenue-view.mjs';
import { sendOnce } from '../lib/revenue-actions.mjs';
import { placeServerErrors } from '../lib/problems.mjs';
import { asciiDigits } from '../lib/validate.mjs';
import { claims } from '../session.mjs';
import { busy, clearError, dl, errorBox, field, label, notice, pageHead, showError } from '../lib/ui.mjs';

const enc = encodeURIComponent;
const office = () => enc(claims().office_id);

function table(caption, testid, head, body) {
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h(
      'table',
      { class: 'data', testid },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map(([text, num]) => h('th', { scope: 'col', class: num ? 'num' : null }, text)),
        ),
      ),
      body,
    ),
  );
}

function dayForm(ctx, day) {
  const input = h('input', { type: 'date', testid: 'collections-date', value: day, max: todayBd() });
  const form = h(
    'form',
    { class: 'filters', novalidate: true },
    field({ id: 'col-date', label: t('rev.date'), control: input, optionalMark: false }),
    h('button', { type: 'submit', class: 'btn btn-secondary', testid: 'collections-show' }, t('rev.show')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate(`#/office/collections${query({ date: input.value })}`);
  });
  return form;
}

function collectionRow(x) {
  return h(
    'tr',
    { testid: 'collection-row', 'data-status': x.status },
    h('th', { scope: 'row' }, h('a', { href: `#/receipts/${enc(x.receipt_no)}`, class: 'mono' }, x.receipt_no)),
    h('td', {}, plain(x.holding_number), ' · ', t('common.ward_n', { n: x.ward })),
    h('td', {}, label('rev.method', x.method), x.status === 'cancelled' ? [' · ', t('rev.status_cancelled')] : null),
    h('td', {}, dateTime(x.received_at)),
    h('td', { class: 'num' }, money(x.amount)),
  );
}

export async function collections(ctx) {
  const day = ctx.query.get('date') || todayBd();
  const data = await api(`/offices/${office()}/collections${query({ date: day })}`);
  const methods = Object.entries(data.by_method || {});
  ctx.show(
    pageHead(t('rev.collections_title')),
    dayForm(ctx, day),
    dl([
      [t('rev.collected'), h('strong', { testid: 'collections-total' }, money(data.total))],
      [t('rev.receipt_count'), num(data.count || 0)],
      ...methods.map(([m, amount]) => [label('rev.method', m), money(amount)]),
    ]),
    data.items?.length
      ? table(
          t('rev.collections_caption', { date: digits(day) }),
          'collections',
          [
            [t('rev.receipt_no')],
            [t('rev.number')],
            [t('rev.method')],
            [t('rev.received_at')],
            [t('rev.amount'), true],
          ],
          h('tbody', {}, data.items.map(collectionRow)),
        )
      : h('p', { testid: 'collections-empty' }, t('rev.collections_empty')),
  );
}

export async function defaulters(ctx) {
  const ward = ctx.query.get('ward') || '';
  const path = `/offices/${office()}/defaulters`;
  const first = await api(path + query({ ward }));
  const body = h('tbody', {});
  const more = h('div', {});
  appendPage(body, more, first, {
    render: (x) =>
      h(
        'tr',
        { testid: 'defaulter-row' },
        h('th', { scope: 'row' }, h('a', { href: `#/office/holdings/${enc(x.holding_id)}` }, plain(x.number))),
        h('td', {}, num(x.ward)),
        h('td', { class: 'num' }, money(x.arrears)),
      ),
    load: (cursor) => api(path + query({ ward, cursor })),
    testid: 'defaulters-more',
  });
  const wardIn = h('input', { type: 'text', inputmode: 'numeric', testid: 'defaulters-ward', value: ward });
  const form = h(
    'form',
    { class: 'filters', novalidate: true },
    field({ id: 'df-ward', label: t('rev.ward'), control: wardIn }),
    h('button', { type: 'submit', class: 'btn btn-secondary', testid: 'defaulters-show' }, t('rev.show')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate(`#/office/defaulters${query({ ward: wardIn.value.trim() })}`);
  });
  ctx.show(
    pageHead(t('rev.defaulters_title')),
    form,
    first.items.length
      ? table(
          t('rev.defaulters_title'),
          'defaulters',
          [[t('rev.number')], [t('rev.ward')], [t('rev.arrears'), true]],
          body,
        )
      : h('p', { testid: 'defaulters-empty' }, t('rev.defaulters_empty')),
    more,
  );
}

function runProgress(run) {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'run-h', testid: 'run', 'data-state': run.state },
    h('h2', { id: 'run-h' }, t('rev.run_of', { year: plain(run.fiscal_year) })),
    h('progress', {
      max: String(run.total || 1),
      value: String((run.done || 0) + (run.failed || 0)),
      'aria-labelledby': 'run-h',
    }),
    dl([
      [t('rev.run_state'), h('span', { testid: 'run-state' }, label('rev.run', run.state))],
      [t('rev.run_done'), t('rev.run_counts', { done: run.done || 0, total: run.total || 0 })],
      run.failed ? [t('rev.run_failed'), num(run.failed)] : null,
      [t('rev.run_started'), dateTime(run.started_at)],
      run.finished_at ? [t('rev.run_finished'), dateTime(run.finished_at)] : null,
    ]),
  );
}

export async function runs(ctx) {
  const runId = ctx.query.get('run');
  if (runId) {
    const run = await api(`/offices/${office()}/demand-runs/${enc(runId)}`);
    ctx.show(pageHead(t('rev.runs_title')), runProgress(run));
    if (run.state !== 'done') setTimeout(() => ctx.current() && ctx.rerender(), 2000);
    return;
  }
  const thisYear = fiscalYearOf(todayBd());
  const year = h('select', { testid: 'run-year' }, h('option', { value: thisYear }, plain(thisYear)));
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'btn', testid: 'run-start' }, t('rev.run_start'));
  const form = h(
    'form',
    { novalidate: true },
    field({ id: 'run-fy', label: t('rev.fiscal_year'), control: year, optionalMark: false }),
    button,
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    sendOnce(button, status, async () => {
      const out = await api(`/offices/${office()}/demand-runs`, { method: 'POST', body: { fiscal_year: year.value } });
      ctx.navigate(`#/office/demand-runs${query({ run: out.run_id })}`);
    });
  });
  ctx.show(pageHead(t('rev.runs_title')), h('p', {}, t('rev.run_lead')), form);
}

function unitHint(path) {
  const key = `rev.unit.${path.split('.').pop()}`;
  return has(key) ? t(key) : null;
}

/** A schedule number's label: its head's or class's name where it has one. */
function numberLabel(path, doc) {
  const parts = path.split('.');
  if (parts[0] === 'heads') {
    const head = doc.heads[parts[1]] || {};
    const name = (lang() === 'bn' && head.name_bn) || head.name || parts[1];
    return `${name} — ${label('rev.sch', parts[2])}`;
  }
  if (parts[1] === 'standard_rent') return `${t('rev.sch.standard_rent')} — ${label('rev.class', parts[2])}`;
  if (parts[0] === 'rebates')
    return `${t('rev.sch.rebate_n', { n: Number(parts[1]) + 1 })} — ${label('rev.sch', parts[2])}`;
  return label('rev.sch', path);
}

function scheduleForm(ctx, fy, data) {
  const numbers = scheduleNumbers(data.schedule);
  const controls = Object.fromEntries(
    numbers.map(([path, value]) => [
      path,
      h('input', { type: 'text', inputmode: 'numeric', value: String(value), testid: `sch-${path}` }),
    ]),
  );
  const summary = h('div', {});
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'btn', testid: 'schedule-save' }, t('rev.save'));
  const form = h(
    'form',
    { novalidate: true, testid: 'schedule-form' },
    summary,
    numbers.map(([path]) =>
      field({
        id: `sch-${path.replace(/\./g, '-')}`,
        label: numberLabel(path, data.schedule),
        hint: unitHint(path),
        control: controls[path],
        optionalMark: false,
      }),
    ),
    button,
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    mount(summary);
    mount(status);
    const changes = {};
    let bad = null;
    for (const [path, c] of Object.entries(controls)) {
      clearError(c);
      const raw = asciiDigits(c.value).trim();
      const n = raw === '' ? NaN : Number(raw);
      if (!Number.isInteger(n)) {
        showError(c, t('rev.whole_number'));
        bad = bad || c;
      } else changes[path] = n;
    }
    if (bad) {
      bad.focus();
      return;
    }
    busy(
      button,
      async () => {
        try {
          await api(`/offices/${office()}/tax-schedules/${enc(fy)}`, {
            method: 'PUT',
            body: withNumbers(data.schedule, changes),
          });
          mount(status, notice(t('rev.schedule_saved'), 'success', 'schedule-saved'));
        } catch (err) {
          if (err.errors?.length) placeServerErrors(summary, err.errors, controls);
          else mount(status, errorBox(err));
        }
      },
      t('common.saving'),
    );
  });
  return form;
}

export async function schedule(ctx) {
  const fy = ctx.query.get('fy') || fiscalYearOf(todayBd());
  const data = await api(`/offices/${office()}/tax-schedules/${enc(fy)}`);
  ctx.show(
    pageHead(t('rev.schedule_title', { year: plain(fy) })),
    dl([
      [t('rev.schedule_source'), h('span', { testid: 'schedule-source' }, label('rev.source', data.source))],
      [t('rev.schedule_billed'), data.billed ? t('rev.yes') : t('rev.no')],
    ]),
    data.billed ? notice(t('rev.schedule_locked'), 'info', 'schedule-locked') : scheduleForm(ctx, fy, data),
  );
}
