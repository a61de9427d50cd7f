// One person on the office's staff page: name, role, badges, and the forms an admin may open on
// the row (a new password, deactivation with a reason), one at a time. `page` is what the row
// needs of its page: {me, base (the staff URL), handoverHref, rerender(), deactivated(p, gone)}.

import { api } from '../api.mjs';
import { h, mount, uid } from '../../shared/dom.mjs';
import { date, lang, pick, t } from '../i18n.mjs';
import { CONFLICTS, allowed } from './staff-rules.mjs';
import { serverMessage } from './problems.mjs';
import { busy, clearError, errorBox, field, label, showError } from './ui.mjs';
import { MIN_PASSWORD, reasonOk } from './validate.mjs';

/** The person's name in the interface language, marked with the language it is written in. */
function nameOf(p) {
  const en = lang() === 'en' && p.name_en;
  return h('span', { lang: en ? 'en' : 'bn' }, en ? p.name_en : p.name_bn || p.name_en);
}

/** A success message put in `slot`, with the focus on it. */
export function success(slot, text, testid) {
  const box = h('div', { class: 'alert alert-success', role: 'status', tabindex: '-1', testid }, text);
  mount(slot, box);
  box.focus();
}

// One open form per row; the button that opened it says so (aria-expanded) and gets focus back.
function open(r, trigger, form, focus) {
  for (const b of r.triggers) b.setAttribute('aria-expanded', String(b === trigger));
  mount(r.outcome);
  mount(r.panel, form);
  focus.focus();
}

function close(r, trigger) {
  for (const b of r.triggers) b.setAttribute('aria-expanded', 'false');
  mount(r.panel);
  trigger?.focus();
}

function cancel(r, trigger) {
  return h(
    'button',
    { type: 'button', class: 'btn btn-secondary', testid: 'staff-cancel', onclick: () => close(r, trigger) },
    t('staff.cancel'),
  );
}

function failed(r, err, control) {
  const e = err.status === 422 ? err.errors.find((x) => x.field === control.name) : null;
  if (e) {
    showError(control, serverMessage(e));
    control.focus();
    return;
  }
  const known = CONFLICTS[err.code];
  if (!known) {
    mount(r.outcome, errorBox(err));
    return;
  }
  mount(
    r.outcome,
    h(
      'div',
      { class: 'alert alert-error', role: 'alert', testid: 'error' },
      h('p', {}, t(known)),
      err.code === 'already_inactive'
        ? h(
            'button',
            { type: 'button', class: 'btn btn-secondary', testid: 'reload', onclick: () => r.page.rerender() },
            t('act.reload'),
          )
        : null,
      err.code === 'signing_seat' ? h('p', {}, h('a', { href: r.page.handoverHref }, t('staff.to_handover'))) : null,
    ),
  );
}

// A button per action, named with the person for screen readers ("Deactivate: Nasrin Akter").
function actionButton(r, cls, testid, text, onclick) {
  const b = h(
    'button',
    { type: 'button', class: cls, testid, 'aria-expanded': 'false' },
    text,
    h('span', { class: 'visually-hidden' }, `: ${r.name}`),
  );
  b.addEventListener('click', () => onclick(r, b));
  r.triggers.push(b);
  return b;
}

async function savePassword(r, input) {
  const { p } = r;
  try {
    const saved = await api(`${r.page.base}/${encodeURIComponent(p.username)}/password`, {
      method: 'PUT',
      body: { password: input.value },
    });
    // Someone else's password set here is theirs to replace at the next sign-in.
    p.must_change_password = !!saved?.must_change_password;
    drawBadges(r);
    close(r, null);
    success(r.outcome, t('staff.password_set', { name: r.name }), 'staff-password-done');
  } catch (err) {
    failed(r, err, input);
  }
}

function passwordForm(r, from) {
  const input = h('input', {
    type: 'password',
    name: 'password',
    autocomplete: 'new-password',
    testid: 'staff-new-password',
  });
  const save = h('button', { type: 'submit', class: 'btn', testid: 'staff-password-save' }, t('staff.password_save'));
  const form = h(
    'form',
    { class: 'panel', novalidate: true, testid: 'staff-password-form' },
    field({
      id: `${r.id}-password`,
      label: t('staff.new_password_label'),
      hint: t('staff.password_hint'),
      required: true,
      control: input,
    }),
    h('div', { class: 'actions' }, save, cancel(r, from)),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearError(input);
    if (input.value.length < MIN_PASSWORD) {
      showError(input, t('account.password_invalid'));
      input.focus();
      return;
    }
    busy(save, () => savePassword(r, input), t('common.saving'));
  });
  open(r, from, form, input);
}

async function deactivate(r, reason) {
  const { p } = r;
  try {
    const gone = await api(`${r.page.base}/${encodeURIComponent(p.username)}/deactivate`, {
      method: 'POST',
      body: { reason: reason.value.trim() },
    });
    r.page.deactivated(p, gone, r.name);
  } catch (err) {
    failed(r, err, reason);
  }
}

function deactivateForm(r, from) {
  const reason = h('textarea', { rows: '2', name: 'reason', maxlength: '200', testid: 'staff-reason' });
  const warning = h('p', { tabindex: '-1' }, t('staff.deactivate_warn', { name: r.name }));
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
      id: `${r.id}-reason`,
      label: t('staff.reason'),
      hint: t('staff.reason_hint'),
      required: true,
      control: reason,
    }),
    h('div', { class: 'actions' }, yes, cancel(r, from)),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearError(reason);
    if (!reasonOk(reason.value)) {
      showError(reason, t('staff.reason_invalid'));
      reason.focus();
      return;
    }
    busy(yes, () => deactivate(r, reason), t('common.sending'));
  });
  open(r, from, form, warning);
}

function drawBadges(r) {
  const { p, page } = r;
  const badges = [
    p.signs ? h('span', { class: 'badge badge-ok', testid: 'staff-signs' }, t('staff.signs')) : null,
    p.active ? null : h('span', { class: 'badge', testid: 'staff-inactive' }, t('staff.inactive')),
    p.username === page.me.sub ? h('span', { class: 'badge' }, t('staff.you')) : null,
    // Still on a password someone else chose (an admin, a handover, the roll-out import).
    p.active && p.must_change_password
      ? h('span', { class: 'badge badge-warn', testid: 'staff-password-pending' }, t('staff.password_pending'))
      : null,
  ].filter(Boolean);
  mount(r.statusLine, badges.length ? h('div', { class: 'status-line' }, badges) : null);
}

/** Why the row offers no deactivation (a signing seat changes by handover). */
function whyNote(can, handoverHref) {
  if (can.why === 'handover')
    return h(
      'p',
      { class: 'hint', testid: 'staff-by-handover' },
      t('staff.by_handover'),
      ' ',
      h('a', { href: handoverHref }, t('staff.to_handover')),
    );
  if (can.why) return h('p', { class: 'hint' }, t(can.why === 'own' ? 'staff.own_note' : 'staff.lgd_note'));
  return null;
}

function rowCard(r, buttons, note) {
  const { p, id } = r;
  return h(
    'article',
    { class: p.active ? 'card staff-card' : 'card staff-card retired', 'aria-labelledby': `${id}-h` },
    h('h3', { id: `${id}-h` }, nameOf(p)),
    r.statusLine,
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
    r.panel,
    r.outcome,
  );
}

export function staffRow(p, page) {
  const can = allowed(p, page.me);
  const r = {
    p,
    page,
    id: uid('st'),
    name: pick(p, 'name'),
    panel: h('div', {}),
    outcome: h('div', { 'aria-live': 'polite' }),
    triggers: [],
    statusLine: h('div', {}),
  };
  const buttons = [
    can.password
      ? actionButton(r, 'btn btn-secondary', 'staff-reset-password', t('staff.new_password'), passwordForm)
      : null,
    can.deactivate
      ? actionButton(r, 'btn btn-danger-outline', 'staff-deactivate', t('staff.deactivate'), deactivateForm)
      : null,
  ].filter(Boolean);
  drawBadges(r);
  return h(
    'li',
    { testid: 'staff-row', 'data-username': p.username, 'data-role': p.role, 'data-active': String(!!p.active) },
    rowCard(r, buttons, whyNote(can, page.handoverHref)),
  );
}
