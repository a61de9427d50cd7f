// Who looked at my data (issue 12): one row per application, who (an office's role, or an agency)
// and purpose, with how many times and when last — not one row per page an official opened.

import { api, query } from '../api.mjs';
import { typeName } from '../lib/case-view.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { dateTime, pick, t } from '../i18n.mjs';
import { mergeGroups } from '../lib/payment-return.mjs';
import { busy, dl, errorBox, label, pageHead } from '../lib/ui.mjs';
import { types } from '../lib/catalog.mjs';

const PAGE = 100;

async function officeNames(groups) {
  const ids = [...new Set(groups.map((g) => g.office_id).filter(Boolean))];
  const found = await Promise.all(
    ids.map((id) => api(`/offices/${encodeURIComponent(id)}`, { cached: true }).catch(() => null)),
  );
  return new Map(ids.map((id, i) => [id, found[i] ? pick(found[i], 'name') : '']));
}

function whoText(group, offices) {
  const who = group.who || {};
  if (who.kind === 'staff') {
    const office = offices.get(group.office_id);
    return [label('role', who.role || who.name_en), office].filter(Boolean).join(', ');
  }
  if (who.name_bn || who.name_en) return pick(who, 'name');
  return label('who', who.kind);
}

function card(group, catalog, offices) {
  const about = group.case
    ? [t('access.application'), `${typeName(catalog, group.case.type)} · ${group.case.tracking_no}`]
    : null;
  return h(
    'li',
    { class: 'card', testid: 'access-group', 'data-count': String(group.count) },
    h('h2', { class: 'card-title' }, whoText(group, offices)),
    dl([
      about,
      group.certificate_no ? [t('access.certificate'), h('span', { class: 'mono' }, group.certificate_no)] : null,
      [t('access.purpose'), label('purpose', group.purpose)],
      [t('access.times'), h('span', { testid: 'access-count' }, t('access.count', { n: group.count }))],
      [t('access.latest'), h('time', { datetime: group.latest_at }, dateTime(group.latest_at))],
      group.count > 1 ? [t('access.first'), h('time', { datetime: group.first_at }, dateTime(group.first_at))] : null,
      [t('access.outcome'), label('access.outcome', group.outcome)],
    ]),
  );
}

export async function accessLog(ctx) {
  const [catalog, first] = await Promise.all([
    types(),
    api(`/me/access-log${query({ view: 'grouped', limit: PAGE })}`),
  ]);
  let groups = mergeGroups([], first.items);
  const items = h('ul', { class: 'cards', testid: 'access-log' });
  const more = h('div', {});
  async function draw(page) {
    const offices = await officeNames(groups);
    mount(items, ...groups.map((g) => card(g, catalog, offices)));
    mount(more, page.next_cursor ? moreButton(page.next_cursor) : null);
  }
  function moreButton(cursor) {
    const button = h('button', { type: 'button', class: 'btn btn-secondary', testid: 'access-more' }, t('common.more'));
    button.addEventListener('click', () =>
      busy(
        button,
        async () => {
          try {
            const page = await api(`/me/access-log${query({ view: 'grouped', limit: PAGE, cursor })}`);
            groups = mergeGroups(groups, page.items);
            await draw(page);
          } catch (err) {
            mount(more, errorBox(err));
          }
        },
        t('common.loading'),
      ),
    );
    return button;
  }
  await draw(first);
  if (!ctx.current()) return;
  ctx.show(
    pageHead(t('access.title'), h('p', { class: 'lead' }, t('access.lead_grouped'))),
    groups.length ? items : h('p', { testid: 'access-empty' }, t('access.empty')),
    more,
  );
}
