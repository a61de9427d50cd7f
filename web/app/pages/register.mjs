// The holdings register for the office's officials (issue 14 item 9; decision 70): the register by
// ward and by name or number (GET /v1/offices/{id}/holdings, cursor pages), a holding (facts, dues,
// history) with what the official's role lets them do (take cash, adjust, edit), and the forms to
// register a holding and to edit one (PATCH with the version read; a stale one is a 409).

import { api, query } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { dateTime, digits, t } from '../i18n.mjs';
import { appendPage } from '../lib/lists.mjs';
import { holdingForm } from '../lib/holding-form.mjs';
import { holdingPatch, holdingValues, revenueDuties } from '../lib/revenue.mjs';
import { adjustPanel, cashPanel } from '../lib/revenue-actions.mjs';
import { duesSection, holdingFacts, plain } from '../lib/revenue-view.mjs';
import { claims } from '../session.mjs';
import { bn, errorBox, field, label, linkButton, pageHead } from '../lib/ui.mjs';

const enc = encodeURIComponent;

async function duties() {
  const who = claims();
  const office = await api(`/offices/${enc(who.office_id)}`, { cached: true });
  return revenueDuties(who, office.kind);
}

function registerRow(x) {
  return h(
    'li',
    {},
    h(
      'a',
      {
        href: `#/office/holdings/${enc(x.holding_id)}`,
        class: 'card-link',
        testid: 'register-item',
        'data-id': x.holding_id,
      },
      h('strong', {}, t('rev.holding_n', { number: plain(x.number) })),
      h(
        'span',
        {},
        (x.owner_names || []).map((n, i) => [i ? ', ' : '', bn(n)]),
      ),
      h(
        'span',
        { class: 'muted' },
        t('common.ward_n', { n: x.ward }),
        ' · ',
        bn(x.village),
        ' · ',
        label('rev.use', x.use),
      ),
    ),
  );
}

function filters(ctx, ward, q) {
  const wardIn = h('input', { type: 'text', inputmode: 'numeric', testid: 'register-ward', value: ward });
  const qIn = h('input', { type: 'search', testid: 'register-q', value: q });
  const form = h(
    'form',
    { class: 'filters', novalidate: true, role: 'search', testid: 'register-filters' },
    field({ id: 'rg-ward', label: t('rev.ward'), control: wardIn }),
    field({ id: 'rg-q', label: t('rev.search'), hint: t('rev.search_hint'), control: qIn }),
    h('button', { type: 'submit', class: 'btn btn-secondary', testid: 'register-search' }, t('rev.search_button')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate(`#/office/holdings${query({ ward: wardIn.value.trim(), q: qIn.value.trim() })}`);
  });
  return form;
}

export async function register(ctx) {
  const who = claims();
  const ward = ctx.query.get('ward') || '';
  const q = ctx.query.get('q') || '';
  const path = `/offices/${enc(who.office_id)}/holdings`;
  const [may, first] = await Promise.all([duties(), api(path + query({ ward, q, limit: 25 }))]);
  const list = h('ul', { class: 'cards', testid: 'register' });
  const more = h('div', {});
  appendPage(list, more, first, {
    render: registerRow,
    load: (cursor) => api(path + query({ ward, q, limit: 25, cursor })),
    testid: 'register-more',
  });
  ctx.show(
    pageHead(t('rev.register_title')),
    h(
      'div',
      { class: 'actions' },
      may.register ? linkButton('#/office/holdings/new', t('rev.new_holding'), 'new-holding') : null,
      linkButton('#/office/collections', t('rev.collections_title'), 'to-collections', true),
      linkButton('#/office/defaulters', t('rev.defaulters_title'), 'to-defaulters', true),
      may.run ? linkButton('#/office/demand-runs', t('rev.runs_title'), 'to-runs', true) : null,
    ),
    filters(ctx, ward, q),
    first.items.length ? list : h('p', { testid: 'register-empty' }, t('rev.register_empty')),
    more,
  );
}

/** A value on the history as people read it (digits in the reader's script). */
function shown(value) {
  if (value === null || value === undefined || value === '') return '—';
  return digits(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

function changeText(changes) {
  return Object.entries(changes || {}).map(([name, c]) =>
    h('li', {}, label('rev.field', name), ': ', shown(c.before), ' → ', shown(c.after)),
  );
}

async function historySection(id) {
  const slot = h('div', {});
  try {
    const data = await api(`/holdings/${enc(id)}/history`);
    mount(
      slot,
      data.items?.length
        ? h(
            'ol',
            { class: 'timeline', testid: 'history' },
            data.items.map((x) =>
              h(
                'li',
                { testid: 'history-item' },
                h('p', {}, h('strong', {}, dateTime(x.at)), ' · ', x.by),
                h('ul', { class: 'plain' }, changeText(x.changes)),
              ),
            ),
          )
        : h('p', { class: 'muted' }, t('rev.history_none')),
    );
  } catch (err) {
    mount(slot, errorBox(err));
  }
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'hist-h' },
    h('h2', { id: 'hist-h' }, t('rev.history')),
    slot,
  );
}

export async function holding(ctx) {
  const id = ctx.params.id;
  const [may, v, dues] = await Promise.all([duties(), api(`/holdings/${enc(id)}`), api(`/holdings/${enc(id)}/dues`)]);
  const history = await historySection(id);
  if (!ctx.current()) return;
  ctx.show(
    pageHead(
      t('rev.holding_n', { number: plain(v.number) }),
      h('p', { class: 'lead' }, h('a', { href: '#/office/holdings', testid: 'to-register' }, t('rev.register_title'))),
    ),
    duesSection(dues),
    may.cash && dues.total_due > 0 ? cashPanel(v, dues, ctx.navigate) : null,
    may.approve && dues.total_due > 0
      ? adjustPanel(v, dues, () => setTimeout(() => ctx.current() && ctx.rerender(), 1500))
      : null,
    holdingFacts(v),
    may.register
      ? h(
          'div',
          { class: 'actions' },
          linkButton(`#/office/holdings/${enc(id)}/edit`, t('rev.edit'), 'edit-holding', true),
        )
      : null,
    history,
  );
}

export async function create(ctx) {
  const who = claims();
  ctx.show(
    pageHead(t('rev.new_holding')),
    holdingForm(
      {},
      {
        submitText: t('rev.register_button'),
        submit: async (body) => {
          const made = await api(`/offices/${enc(who.office_id)}/holdings`, { method: 'POST', body });
          ctx.navigate(`#/office/holdings/${enc(made.holding_id)}`);
        },
      },
    ),
  );
}

export async function edit(ctx) {
  const id = ctx.params.id;
  const v = await api(`/holdings/${enc(id)}`);
  ctx.show(
    pageHead(t('rev.edit_title', { number: plain(v.number) })),
    h('p', { class: 'hint' }, t('rev.edit_hint')),
    holdingForm(holdingValues(v), {
      submitText: t('rev.save'),
      submit: async (body) => {
        await api(`/holdings/${enc(id)}`, { method: 'PATCH', body: holdingPatch(v, body) });
        ctx.navigate(`#/office/holdings/${enc(id)}`);
      },
    }),
  );
}
