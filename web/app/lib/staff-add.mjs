// The staff page's "add a person" form (POST /v1/offices/{id}/staff), folded away so the list
// comes first on a phone.

import { api } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { pick, t } from '../i18n.mjs';
import { accountBody, newPasswordInput, reportAccountRefusal, usernameInput } from './office-admin.mjs';
import { success } from './staff-row.mjs';
import { rolesToAdd } from './staff-rules.mjs';
import { showProblems, valuesOf } from './problems.mjs';
import { busy, clearError, field, label, reportProblems } from './ui.mjs';
import { accountProblems } from './validate.mjs';

function addControls(me, officeKind) {
  return {
    role: h(
      'select',
      { testid: 'staff-add-role' },
      rolesToAdd(me, officeKind).map((r) => h('option', { value: r }, label('role', r))),
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
    username: usernameInput('staff-add-username'),
    password: newPasswordInput('staff-add-password'),
  };
}

function addForm(controls, summary, submit) {
  return h(
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
}

/** The form's values checked here first: the request body, or null (the problems shown). */
function checkedBody(controls, summary) {
  const problems = showProblems(controls, accountProblems(valuesOf(controls)));
  if (problems.length) {
    reportProblems(summary, problems);
    return null;
  }
  return accountBody(controls);
}

/** The add form (roles for an office of `officeKind`); `onAdded(person)` puts the new person on the list. */
export function addSection(me, base, onAdded, officeKind = 'union') {
  const controls = addControls(me, officeKind);
  const summary = h('div', {});
  const result = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn', testid: 'staff-add-submit' }, t('staff.add_submit'));
  const form = addForm(controls, summary, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    Object.values(controls).forEach(clearError);
    mount(summary);
    mount(result);
    const body = checkedBody(controls, summary);
    if (!body) return;
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
