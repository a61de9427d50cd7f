// Office admins (and LGD): the office's staff accounts (GET /v1/offices/{id}/staff): add a
// secretary or UDC operator, deactivate someone with a reason, set a new password for someone who
// forgot theirs. Signing seats (the head, ward members) change only by handover, which also moves
// the signing key, so their rows point to the handover form instead of offering to deactivate.
// People still on a password someone else chose carry a mark until they choose their own.

import { officeFor, reportAccountRefusal, serverMessage } from './admin.mjs';
import { api, query } from './api.mjs';
import { h, mount, uid } from '../shared/dom.mjs';
import { date, lang, pick, t } from './i18n.mjs';
import { claims } from './session.mjs';
import { busy, clearError, errorBox, field, label, pageHead, reportProblems, showError } from './ui.mjs';
import { MIN_PASSWORD, accountProblems, reasonOk } from './validate.mjs';

export const SIGNING_ROLES = new Set(['signatory', 'ward_member']);

// 409s of the staff endpoints, said plainly (the problem's own title is the generic "conflict").
export const CONFLICTS = {
  signing_seat: 'staff.error_signing_seat',
  own_account: 'staff.own_note',
  already_inactive: 'staff.error_inactive',
};

/** The roles `me` may create: office admins add secretaries and UDC operators; LGD also office admins. */
export function rolesToAdd(me) {
  return me?.role === 'lgd_admin' ? ['secretary', 'udc_operator', 'office_admin'] : ['secretary', 'udc_operator'];
}

/** Active people first; otherwise the server's order (signatories, wards, office staff). */
export function ordered(items) {
  return [...items].sort((a, b) => Number(!a.active) - Number(!b.active));
}

/**
 * What `me` (the token's claims) may do to `person`, as chalicelib/services/staff.py decides:
 * { deactivate, password, why }; `why` says why an active person cannot be deactivated here:
 * 'handover' (a signing seat), 'own' (one's own account) or 'lgd' (an office admin, for LGD only).
 */
export function allowed(person, me) {
  if (!person.active) return { deactivate: false, password: false, why: null };
  const own = person.username === me?.sub;
  const lgd = me?.role === 'lgd_admin';
  const lgdOnly = person.role === 'office_admin' && !lgd;
  let why = null;
  if (SIGNING_ROLES.has(person.role)) why = 'handover';
  else if (own) why = 'own';
  else if (lgdOnly) why = 'lgd';
  // Only LGD sets a signatory's, ward member's or office admin's password (an office admin who
  // could set the chairman's could sign as him); one's own is changed on the password page.
  const password = !own && (lgd || !(SIGNING_ROLES.has(person.role) || person.role === 'office_admin'));
  return { deactivate: why === null, password, why };
}

/** The person's name in the interface language, marked with the language it is written in. */
function nameOf(p) {
  const en = lang() === 'en' && p.name_en;
  return h('span', { lang: en ? 'en' : 'bn' }, en ? p.name_en : p.name_bn || p.name_en);
}

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

function success(slot, text, testid) {
  const box = h('div', { class: 'alert alert-success', role: 'status', tabindex: '-1', testid }, text);
  mount(slot, box);
  box.focus();
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
  const handoverHref = `#/office/signatories${me.role === 'lgd_admin' ? query({ office: office.office_id }) : ''}`;
  const people = [...items];
  const counts = h('p', { class: 'muted', testid: 'staff-counts' });
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div', {});

  function draw() {
    const active = people.filter((p) => p.active).length;
    mount(counts, t('staff.counts', { active, retired: people.length - active }));
    mount(
      list,
      people.length
        ? h('ul', { class: 'cards', testid: 'staff-list' }, ordered(people).map(row))
        : h('p', { testid: 'staff-empty' }, t('staff.empty')),
    );
  }

  function row(p) {
    const can = allowed(p, me);
    const id = uid('st');
    const name = pick(p, 'name');
    const panel = h('div', {});
    const outcome = h('div', { 'aria-live': 'polite' });
    const triggers = [];

    // One open form per row; the button that opened it says so (aria-expanded) and gets focus back.
    function open(trigger, form, focus) {
      for (const b of triggers) b.setAttribute('aria-expanded', String(b === trigger));
      mount(outcome);
      mount(panel, form);
      focus.focus();
    }
    function close(trigger) {
      for (const b of triggers) b.setAttribute('aria-expanded', 'false');
      mount(panel);
      trigger?.focus();
    }
    function cancel(trigger) {
      return h(
        'button',
        { type: 'button', class: 'btn btn-secondary', testid: 'staff-cancel', onclick: () => close(trigger) },
        t('staff.cancel'),
      );
    }
    function failed(err, control) {
      const e = err.status === 422 ? err.errors.find((x) => x.field === control.name) : null;
      if (e) {
        showError(control, serverMessage(e));
        control.focus();
        return;
      }
      const known = CONFLICTS[err.code];
      if (!known) {
        mount(outcome, errorBox(err));
        return;
      }
      mount(
        outcome,
        h(
          'div',
          { class: 'alert alert-error', role: 'alert', testid: 'error' },
          h('p', {}, t(known)),
          err.code === 'already_inactive'
            ? h(
                'button',
                { type: 'button', class: 'btn btn-secondary', testid: 'reload', onclick: () => ctx.rerender() },
                t('act.reload'),
              )
            : null,
          err.code === 'signing_seat' ? h('p', {}, h('a', { href: handoverHref }, t('staff.to_handover'))) : null,
        ),
      );
    }
    // A button per action, named with the person for screen readers ("Deactivate: Nasrin Akter").
    function actionButton(cls, testid, text, onclick) {
      const b = h(
        'button',
        { type: 'button', class: cls, testid, 'aria-expanded': 'false' },
        text,
        h('span', { class: 'visually-hidden' }, `: ${name}`),
      );
      b.addEventListener('click', () => onclick(b));
      triggers.push(b);
      return b;
    }

    function passwordForm(from) {
      const input = h('input', {
        type: 'password',
        name: 'password',
        autocomplete: 'new-password',
        testid: 'staff-new-password',
      });
      const save = h(
        'button',
        { type: 'submit', class: 'btn', testid: 'staff-password-save' },
        t('staff.password_save'),
      );
      const form = h(
        'form',
        { class: 'panel', novalidate: true, testid: 'staff-password-form' },
        field({
          id: `${id}-password`,
          label: t('staff.new_password_label'),
          hint: t('staff.password_hint'),
          required: true,
          control: input,
        }),
        h('div', { class: 'actions' }, save, cancel(from)),
      );
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        clearError(input);
        if (input.value.length < MIN_PASSWORD) {
          showError(input, t('account.password_invalid'));
          input.focus();
          return;
        }
        busy(
          save,
          async () => {
            try {
              const saved = await api(`${base}/${encodeURIComponent(p.username)}/password`, {
                method: 'PUT',
                body: { password: input.value },
              });
              // Someone else's password set here is theirs to replace at the next sign-in.
              p.must_change_password = !!saved?.must_change_password;
              drawBadges();
              close(null);
              success(outcome, t('staff.password_set', { name }), 'staff-password-done');
            } catch (err) {
              failed(err, input);
            }
          },
          t('common.saving'),
        );
      });
      open(from, form, input);
    }

    function deactivateForm(from) {
      const reason = h('textarea', { rows: '2', name: 'reason', maxlength: '200', testid: 'staff-reason' });
      const warning = h('p', { tabindex: '-1' }, t('staff.deactivate_warn', { name }));
      const yes = h(
        'button',
        { type: 'submit', class: 'btn btn-danger', testid: 'staff-deactivate-confirm' },
        t('staff.deactivate_yes'),
      );
      const form = h(
        'form',
        { class: 'panel panel-warn', novalidate: true, testid: 'staff-deactivate-form' },
        warning,
        field({
          id: `${id}-reason`,
          label: t('staff.reason'),
          hint: t('staff.reason_hint'),
          required: true,
          control: reason,
        }),
        h('div', { class: 'actions' }, yes, cancel(from)),
      );
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        clearError(reason);
        if (!reasonOk(reason.value)) {
          showError(reason, t('staff.reason_invalid'));
          reason.focus();
          return;
        }
        busy(
          yes,
          async () => {
            try {
              const gone = await api(`${base}/${encodeURIComponent(p.username)}/deactivate`, {
                method: 'POST',
                body: { reason: reason.value.trim() },
              });
              // The row moves down among the retired: say so at the top of the list, where focus goes.
              people.splice(people.indexOf(p), 1, { ...p, ...gone, signs: false });
              draw();
              success(status, t('staff.deactivated', { name }), 'staff-deactivated');
            } catch (err) {
              failed(err, reason);
            }
          },
          t('common.sending'),
        );
      });
      open(from, form, warning);
    }

    const buttons = [
      can.password
        ? actionButton('btn btn-secondary', 'staff-reset-password', t('staff.new_password'), passwordForm)
        : null,
      can.deactivate
        ? actionButton('btn btn-danger-outline', 'staff-deactivate', t('staff.deactivate'), deactivateForm)
        : null,
    ].filter(Boolean);
    let note = null;
    if (can.why === 'handover')
      note = h(
        'p',
        { class: 'hint', testid: 'staff-by-handover' },
        t('staff.by_handover'),
        ' ',
        h('a', { href: handoverHref }, t('staff.to_handover')),
      );
    else if (can.why) note = h('p', { class: 'hint' }, t(can.why === 'own' ? 'staff.own_note' : 'staff.lgd_note'));
    const statusLine = h('div', {});
    function drawBadges() {
      const badges = [
        p.signs ? h('span', { class: 'badge badge-ok', testid: 'staff-signs' }, t('staff.signs')) : null,
        p.active ? null : h('span', { class: 'badge', testid: 'staff-inactive' }, t('staff.inactive')),
        p.username === me.sub ? h('span', { class: 'badge' }, t('staff.you')) : null,
        // Still on a password someone else chose (an admin, a handover, the roll-out import).
        p.active && p.must_change_password
          ? h('span', { class: 'badge badge-warn', testid: 'staff-password-pending' }, t('staff.password_pending'))
          : null,
      ].filter(Boolean);
      mount(statusLine, badges.length ? h('div', { class: 'status-line' }, badges) : null);
    }
    drawBadges();

    return h(
      'li',
      { testid: 'staff-row', 'data-username': p.username, 'data-role': p.role, 'data-active': String(!!p.active) },
      h(
        'article',
        { class: p.active ? 'card staff-card' : 'card staff-card retired', 'aria-labelledby': `${id}-h` },
        h('h3', { id: `${id}-h` }, nameOf(p)),
        statusLine,
        h('p', {}, label('role', p.role), p.ward ? ` · ${t('common.ward_n', { n: p.ward })}` : ''),
        // Often the designation is the role's own name (সচিব): once is enough.
        p.designation_bn && p.designation_bn !== t(`role.${p.role}`, undefined, 'bn')
          ? h('p', { lang: 'bn' }, p.designation_bn)
          : null,
        h('p', { class: 'mono', lang: 'en' }, p.username),
        p.active
          ? null
          : h(
              'p',
              { testid: 'staff-retired' },
              t('staff.retired_on', { date: date(p.retired_at) }),
              p.retired_reason ? [' · ', t('staff.reason_was', { reason: p.retired_reason })] : null,
            ),
        note,
        buttons.length ? h('div', { class: 'actions' }, buttons) : null,
        panel,
        outcome,
      ),
    );
  }

  draw();
  ctx.show(
    pageHead(t('staff.title'), h('p', { class: 'lead' }, pick(office, 'name'), ` (${office.office_id})`)),
    addSection(me, base, (added) => {
      people.push({ ...added, signs: false });
      draw();
    }),
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

/** The add form, folded away so the list comes first on a phone. */
function addSection(me, base, onAdded) {
  const controls = {
    role: h(
      'select',
      { testid: 'staff-add-role' },
      rolesToAdd(me).map((r) => h('option', { value: r }, label('role', r))),
    ),
    name_bn: h('input', { type: 'text', lang: 'bn', autocomplete: 'off', testid: 'staff-add-name-bn' }),
    name_en: h('input', {
      type: 'text',
      lang: 'en',
      autocomplete: 'off',
      autocapitalize: 'words',
      testid: 'staff-add-name-en',
    }),
    designation_bn: h('input', { type: 'text', lang: 'bn', autocomplete: 'off', testid: 'staff-add-designation' }),
    username: h('input', {
      type: 'text',
      autocomplete: 'off',
      autocapitalize: 'none',
      spellcheck: 'false',
      lang: 'en',
      testid: 'staff-add-username',
    }),
    password: h('input', { type: 'password', autocomplete: 'new-password', testid: 'staff-add-password' }),
  };
  const summary = h('div', {});
  const result = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn', testid: 'staff-add-submit' }, t('staff.add_submit'));
  const form = h(
    'form',
    { class: 'stack', novalidate: true, testid: 'staff-add-form' },
    summary,
    field({ id: 'sa-role', label: t('staff.role'), required: true, control: controls.role }),
    field({ id: 'sa-name-bn', label: t('staff.name_bn'), required: true, control: controls.name_bn }),
    field({ id: 'sa-name-en', label: t('staff.name_en'), required: true, control: controls.name_en }),
    field({ id: 'sa-designation', label: t('staff.designation'), control: controls.designation_bn }),
    field({
      id: 'sa-username',
      label: t('staff.username'),
      hint: t('account.username_hint'),
      required: true,
      control: controls.username,
    }),
    field({
      id: 'sa-password',
      label: t('staff.password'),
      hint: t('staff.password_hint'),
      required: true,
      control: controls.password,
    }),
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    Object.values(controls).forEach(clearError);
    mount(summary);
    mount(result);
    const values = Object.fromEntries(Object.entries(controls).map(([k, c]) => [k, c.value]));
    const problems = accountProblems(values).map(([name, key]) => {
      showError(controls[name], t(key));
      return { text: t(key), control: controls[name] };
    });
    if (problems.length) {
      reportProblems(summary, problems);
      return;
    }
    const body = {
      role: values.role,
      username: values.username.trim(),
      password: values.password,
      name_bn: values.name_bn.trim(),
      name_en: values.name_en.trim(),
    };
    if (values.designation_bn.trim()) body.designation_bn = values.designation_bn.trim();
    busy(
      submit,
      async () => {
        try {
          const added = await api(base, { method: 'POST', body });
          for (const [k, c] of Object.entries(controls)) if (k !== 'role') c.value = '';
          onAdded(added);
          success(result, t('staff.added', { name: pick(added, 'name'), username: added.username }), 'staff-added');
        } catch (err) {
          reportAccountRefusal(err, { summary, controls, result });
        }
      },
      t('common.saving'),
    );
  });
  return h(
    'details',
    { class: 'panel add-staff', testid: 'staff-add' },
    h('summary', { testid: 'staff-add-open' }, t('staff.add')),
    form,
    result,
  );
}
