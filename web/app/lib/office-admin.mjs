// What the office admin's pages share (settings, handover, staff): which office they manage, and
// how a refused account form is shown.

import { h, mount } from '../../shared/dom.mjs';
import { t } from '../i18n.mjs';
import { claims } from '../session.mjs';
import { placeServerErrors } from './problems.mjs';
import { errorBox, field, showError } from './ui.mjs';

/** Which office: the admin's own; LGD admins name one (?office=). */
export function officeFor(ctx, route) {
  const c = claims();
  if (c.role !== 'lgd_admin') return { id: c.office_id };
  const id = ctx.query.get('office');
  if (id) return { id };
  const input = h('input', {
    type: 'text',
    testid: 'settings-office',
    lang: 'en',
    autocapitalize: 'none',
    spellcheck: 'false',
  });
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    field({
      id: 'pick-office-id',
      label: t('admin.office_id'),
      hint: t('admin.office_id_hint'),
      required: true,
      control: input,
    }),
    h('button', { type: 'submit', class: 'btn', testid: 'settings-office-go' }, t('admin.open')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (input.value.trim()) ctx.navigate(`${route}?office=${encodeURIComponent(input.value.trim())}`);
  });
  return { picker: form };
}

/**
 * A refused account form (handover, new staff): field errors next to their fields, a taken
 * username on the username field, anything else in `result`.
 */
export function reportAccountRefusal(err, { summary, controls, result }) {
  if (err.status === 422 && err.errors.length) placeServerErrors(summary, err.errors, controls);
  else if (err.code === 'username_taken') {
    showError(controls.username, t('account.username_taken'));
    controls.username.focus();
  } else mount(result, errorBox(err));
}

/** The new account's username (never auto-filled or auto-capitalised). */
export function usernameInput(testid) {
  return h('input', {
    type: 'text',
    autocomplete: 'off',
    autocapitalize: 'none',
    spellcheck: 'false',
    lang: 'en',
    testid,
  });
}

export function newPasswordInput(testid) {
  return h('input', { type: 'password', autocomplete: 'new-password', testid });
}

/** A new account's request body from its form's controls (handover, new staff). */
export function accountBody(controls) {
  const body = {
    role: controls.role.value,
    username: controls.username.value.trim(),
    password: controls.password.value,
    name_bn: controls.name_bn.value.trim(),
    name_en: controls.name_en.value.trim(),
  };
  if (controls.designation_bn.value.trim()) body.designation_bn = controls.designation_bn.value.trim();
  return body;
}
