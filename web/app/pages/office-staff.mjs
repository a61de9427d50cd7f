// Office admins (and LGD): the office's staff accounts (GET /v1/offices/{id}/staff): add a
// secretary or UDC operator, deactivate someone with a reason, set a new password for someone who
// forgot theirs. Signing seats (the head, ward members) change only by handover, which also moves
// the signing key, so their rows point to the handover form instead of offering to deactivate.
// People still on a password someone else chose carry a mark until they choose their own.
// The rules are lib/staff-rules.mjs, a row lib/staff-row.mjs, the add form lib/staff-add.mjs.

import { api, query } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { pick, t } from '../i18n.mjs';
import { officeFor } from '../lib/office-admin.mjs';
import { addSection } from '../lib/staff-add.mjs';
import { staffRow, success } from '../lib/staff-row.mjs';
import { ordered } from '../lib/staff-rules.mjs';
import { claims } from '../session.mjs';
import { pageHead } from '../lib/ui.mjs';

async function allStaff(officeId) {
  const items = [];
  let cursor = null;
  // The list is paged by contract (next_cursor), though one office's staff fits one page today.
  for (let page = 0; page < 20; page += 1) {
    const data = await api(`/offices/${encodeURIComponent(officeId)}/staff${query({ cursor })}`);
    items.push(...(data.items || []));
    cursor = data.next_cursor;
    if (!cursor) break;
  }
  return items;
}

export async function staff(ctx) {
  const which = officeFor(ctx, '#/office/staff');
  if (which.picker) {
    ctx.show(pageHead(t('staff.title')), which.picker);
    return;
  }
  const me = claims();
  const [office, items] = await Promise.all([api(`/offices/${encodeURIComponent(which.id)}`), allStaff(which.id)]);
  const base = `/offices/${encodeURIComponent(office.office_id)}/staff`;
  const people = [...items];
  const counts = h('p', { class: 'muted', testid: 'staff-counts' });
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div', {});
  const page = {
    me,
    base,
    handoverHref: `#/office/signatories${me.role === 'lgd_admin' ? query({ office: office.office_id }) : ''}`,
    rerender: () => ctx.rerender(),
    // The row moves down among the retired: say so at the top of the list, where focus goes.
    deactivated: (p, gone, name) => {
      people.splice(people.indexOf(p), 1, { ...p, ...gone, signs: false });
      draw();
      success(status, t('staff.deactivated', { name }), 'staff-deactivated');
    },
  };
  function draw() {
    const active = people.filter((p) => p.active).length;
    mount(counts, t('staff.counts', { active, retired: people.length - active }));
    mount(
      list,
      people.length
        ? h('ul', { class: 'cards', testid: 'staff-list' }, ordered(people).map((p) => staffRow(p, page)))
        : h('p', { testid: 'staff-empty' }, t('staff.empty')),
    );
  }
  draw();
  ctx.show(
    pageHead(t('staff.title'), h('p', { class: 'lead' }, pick(office, 'name'), ` (${office.office_id})`)),
    addSection(
      me,
      base,
      (added) => {
        people.push({ ...added, signs: false });
        draw();
      },
      office.kind,
    ),
    h(
      'section',
      { 'aria-labelledby': 'staff-list-h' },
      h('h2', { id: 'staff-list-h' }, t('staff.list')),
      counts,
      status,
      list,
    ),
  );
}
