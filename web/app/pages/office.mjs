// One office: its certificate types (GET /v1/certificate-types) with this office's charter
// (GET /v1/offices/{id}/charter): papers, fee, time limit, responsible and escalation officer.

import { api } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { lang, money, num, pick, t } from '../i18n.mjs';
import { CATEGORIES, areaLine, charterOf, feeRows, officerName, types } from '../lib/catalog.mjs';
import { dl, field, linkButton, pageHead } from '../lib/ui.mjs';

function typeCard(o, it) {
  return h(
    'li',
    {},
    h(
      'a',
      {
        href: `#/offices/${encodeURIComponent(o.office_id)}/types/${it.type}`,
        class: 'card-link',
        testid: `type-${it.type}`,
        'data-type': it.type,
      },
      h('strong', {}, pick(it, 'name')),
      h('span', { class: 'muted' }, t('office.type_terms', { fee: money(it.fee.total), days: num(it.sla_days) })),
    ),
  );
}

/** Types by category (CATEGORIES order), alphabetical within one, under headings of `level`. */
function byCategory(o, items, categoryOf, level) {
  const l = lang();
  return CATEGORIES.map((cat) => {
    const mine = items
      .filter((it) => (categoryOf[it.type] || 'misc') === cat)
      .sort((a, b) => pick(a, 'name').localeCompare(pick(b, 'name'), l));
    if (!mine.length) return null;
    return h(
      'section',
      { 'aria-labelledby': `cat-${cat}` },
      h(level, { id: `cat-${cat}` }, t(`category.${cat}`)),
      h(
        'ul',
        { class: 'cards' },
        mine.map((it) => typeCard(o, it)),
      ),
    );
  });
}

/** The office's most requested types first (its `popular` list, from its counters), the others
 * behind a disclosure; a filter searches them all. */
export function typeLists(o, items, categoryOf, q) {
  if (q) {
    const low = q.toLowerCase();
    const shown = items.filter(
      (it) => it.name_bn.includes(q) || it.name_en.toLowerCase().includes(low) || it.type.includes(low),
    );
    return { count: t('office.types_found', { n: shown.length }), body: byCategory(o, shown, categoryOf, 'h2') };
  }
  const known = new Map(items.map((it) => [it.type, it]));
  const popular = (o.popular || []).filter((code) => known.has(code)).map((code) => known.get(code));
  const others = items.filter((it) => !popular.includes(it));
  if (!popular.length) return { count: '', body: byCategory(o, others, categoryOf, 'h2') };
  return {
    count: '',
    body: [
      h(
        'section',
        { 'aria-labelledby': 'types-popular' },
        h('h2', { id: 'types-popular' }, t('office.popular')),
        h(
          'ul',
          { class: 'cards', testid: 'types-popular' },
          popular.map((it) => typeCard(o, it)),
        ),
      ),
      h(
        'details',
        { class: 'all-types', testid: 'types-others' },
        h('summary', { testid: 'types-others-toggle' }, t('office.other_types', { n: others.length })),
        byCategory(o, others, categoryOf, 'h3'),
      ),
    ],
  };
}

export async function office(ctx) {
  const [charter, catalog] = await Promise.all([charterOf(ctx.params.office), types()]);
  const o = charter.office;
  const categoryOf = Object.fromEntries(catalog.items.map((x) => [x.code, x.category]));
  const filter = h('input', { type: 'search', testid: 'type-filter', autocomplete: 'off' });
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  const groups = h('div', {});

  function draw() {
    const lists = typeLists(o, charter.items, categoryOf, filter.value.trim());
    mount(count, lists.count);
    mount(groups, lists.body);
  }
  filter.addEventListener('input', draw);
  draw();
  const contact = o.contact || {};
  ctx.show(
    pageHead(pick(o, 'name'), h('p', { class: 'lead' }, `${t(`kind.${o.kind}`)} · ${areaLine(o)}`)),
    contact.phone || contact.address_bn || contact.email
      ? dl([
          contact.address_bn ? [t('office.address'), contact.address_bn, { lang: 'bn' }] : null,
          contact.phone ? [t('office.phone'), contact.phone] : null,
          contact.email ? [t('office.email'), contact.email] : null,
        ])
      : null,
    h('p', {}, t('office.choose_type')),
    field({ id: 'type-q', label: t('office.filter'), control: filter, optionalMark: false }),
    count,
    groups,
    h('p', {}, h('a', { href: '#/offices' }, t('office.other_office'))),
  );
}

export async function charter(ctx) {
  const [c, type] = await Promise.all([
    charterOf(ctx.params.office, ctx.params.type),
    api(`/certificate-types/${encodeURIComponent(ctx.params.type)}`, { cached: true }),
  ]);
  const o = c.office;
  const item = c.items.find((it) => it.type === type.code);
  if (!item) throw new Error('no such type at this office');
  const notes = [];
  if (type.policy?.kind === 'unique_subject') notes.push(t('charter.unique'));
  if (type.policy?.kind === 'conflict_group') notes.push(t('charter.conflict'));
  if (type.policy?.kind === 'renewable') notes.push(t('charter.renewable'));
  if (type.requires_heir_consent) notes.push(t('charter.heirs'));
  ctx.show(
    pageHead(pick(type, 'name'), h('p', { class: 'lead' }, pick(o, 'name'), ' · ', t(`kind.${o.kind}`))),
    pick(type, 'description') ? h('p', {}, pick(type, 'description')) : null,
    h('h2', {}, t('charter.title')),
    dl([
      ...feeRows(item.fee),
      [t('charter.time'), t('charter.days', { n: item.sla_days }), { testid: 'charter-sla' }],
      [t('charter.responsible'), officerName(item.responsible_officer, o)],
      [t('charter.signatory'), officerName(item.signatory, o)],
      [t('charter.escalation'), pick(item.escalation_officer, 'name')],
    ]),
    h('h2', {}, t('charter.papers')),
    h(
      'ul',
      { testid: 'charter-papers' },
      item.documents.map((d) =>
        h(
          'li',
          {},
          pick(d, 'name'),
          ' ',
          h('span', { class: 'muted' }, d.required ? t('common.required') : t('common.optional')),
        ),
      ),
    ),
    notes.length
      ? [
          h('h2', {}, t('charter.notes')),
          h(
            'ul',
            { class: 'notes' },
            notes.map((x) => h('li', {}, x)),
          ),
        ]
      : null,
    h(
      'div',
      { class: 'actions' },
      linkButton(`#/apply/${encodeURIComponent(o.office_id)}/${type.code}`, t('charter.apply'), 'apply-start'),
    ),
    h('p', {}, h('a', { href: `#/offices/${encodeURIComponent(o.office_id)}` }, t('charter.other_types'))),
  );
}
