// Office admins (and LGD): the office's settings (PUT /v1/offices/{id}/settings: fees per type in
// taka, time limits, signatory, wards, refund policy, contact) and the handover of a signatory
// or ward member (POST /v1/offices/{id}/signatories). The staff page (office-staff.mjs) shares the
// office picker and the way a 422's field errors are shown (lib/office-admin.mjs).

import { api, forget } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { dateTime, money, num, pick, t } from '../i18n.mjs';
import { CATEGORIES, types } from '../lib/catalog.mjs';
import { accountBody, newPasswordInput, officeFor, reportAccountRefusal, usernameInput } from '../lib/office-admin.mjs';
import { serverMessage, showProblems, valuesOf } from '../lib/problems.mjs';
import {
  busy,
  clearError,
  dl,
  errorBox,
  field,
  label,
  notice,
  pageHead,
  reportProblems,
  showError,
} from '../lib/ui.mjs';
import { accountProblems, asciiDigits, poishaToTaka, takaToPoisha } from '../lib/validate.mjs';

const MAX_FEE_POISHA = 1_000_000;

function settingsControls(office) {
  const contact = office.contact || {};
  const wards = h('input', { type: 'text', inputmode: 'numeric', value: office.wards ?? '' });
  wards.setAttribute('data-testid', 'settings-wards');
  return {
    wards,
    refund: h(
      'select',
      { testid: 'settings-refund' },
      h('option', { value: '' }, t('admin.refund_unchanged')),
      ['office_fee', 'full', 'none'].map((p) => h('option', { value: p }, t(`admin.refund_${p}`))),
    ),
    'contact.phone': h('input', { type: 'tel', value: contact.phone || '', testid: 'settings-phone' }),
    'contact.email': h('input', {
      type: 'email',
      value: contact.email || '',
      testid: 'settings-email',
      lang: 'en',
    }),
    'contact.address_bn': h('textarea', {
      rows: '2',
      value: contact.address_bn || '',
      testid: 'settings-address',
      lang: 'bn',
    }),
  };
}

/** One type's fee, time limit and signatory; its controls are added to `controls` and `rows`. */
function overrideRow(x, mine, controls, rows) {
  const fee = h('input', {
    type: 'text',
    inputmode: 'decimal',
    value: mine.fee_poisha !== undefined ? poishaToTaka(mine.fee_poisha) : '',
    placeholder: poishaToTaka(x.fee.office_fee),
    testid: `fee-${x.code}`,
  });
  const sla = h('input', {
    type: 'text',
    inputmode: 'numeric',
    value: mine.sla_days ?? '',
    placeholder: String(x.sla_days),
    testid: `sla-${x.code}`,
  });
  const signatory = h(
    'select',
    { testid: `signatory-${x.code}` },
    h('option', { value: '' }, t('admin.signatory_default')),
    h('option', { value: 'head' }, t('admin.signatory_head')),
    h('option', { value: 'ward' }, t('admin.signatory_ward')),
  );
  signatory.value = mine.signatory || '';
  controls[`overrides.${x.code}.fee_poisha`] = fee;
  controls[`overrides.${x.code}.sla_days`] = sla;
  controls[`overrides.${x.code}.signatory`] = signatory;
  rows.push({ code: x.code, fee, sla, signatory, name: pick(x, 'name') });
  return h(
    'fieldset',
    { class: 'row' },
    h('legend', {}, pick(x, 'name')),
    h('p', { class: 'hint' }, t('admin.defaults', { fee: money(x.fee.office_fee), days: num(x.sla_days) })),
    h(
      'div',
      { class: 'grid3' },
      field({ id: `o-${x.code}-fee`, label: t('admin.fee_taka'), control: fee, optionalMark: false }),
      field({ id: `o-${x.code}-sla`, label: t('admin.sla_days'), control: sla, optionalMark: false }),
      field({
        id: `o-${x.code}-signatory`,
        label: t('admin.signatory'),
        control: signatory,
        optionalMark: false,
      }),
    ),
  );
}

/** The per-type settings, one folded table per category. */
function overrideTables(catalog, overrides, controls, rows) {
  const byCategory = CATEGORIES.map((cat) => [cat, catalog.items.filter((x) => x.category === cat)]).filter(
    ([, items]) => items.length,
  );
  return byCategory.map(([cat, items]) =>
    h(
      'details',
      { class: 'panel' },
      h('summary', {}, t(`category.${cat}`), ' ', h('span', { class: 'muted' }, `(${num(items.length)})`)),
      items.map((x) => overrideRow(x, overrides[x.code] || {}, controls, rows)),
    ),
  );
}

function settingsForm(controls, tables, status, save) {
  return h(
    'form',
    { class: 'stack', novalidate: true, testid: 'settings-form' },
    h(
      'section',
      { 'aria-labelledby': 's-general', class: 'stack' },
      h('h2', { id: 's-general' }, t('admin.general')),
      field({
        id: 's-wards',
        label: t('admin.wards'),
        hint: t('admin.wards_hint'),
        required: true,
        control: controls.wards,
      }),
      field({
        id: 's-refund',
        label: t('admin.refund'),
        hint: t('admin.refund_hint'),
        control: controls.refund,
        optionalMark: false,
      }),
    ),
    h(
      'section',
      { 'aria-labelledby': 's-contact', class: 'stack' },
      h('h2', { id: 's-contact' }, t('admin.contact')),
      field({ id: 's-phone', label: t('office.phone'), control: controls['contact.phone'] }),
      field({ id: 's-email', label: t('office.email'), control: controls['contact.email'] }),
      field({ id: 's-address', label: t('office.address'), control: controls['contact.address_bn'] }),
    ),
    h(
      'section',
      { 'aria-labelledby': 's-types', class: 'stack' },
      h('h2', { id: 's-types' }, t('admin.per_type')),
      h('p', { class: 'hint' }, t('admin.per_type_hint')),
      tables,
    ),
    status,
    save,
  );
}

/** One type's overrides from its row (`bad(control, text)` marks a wrong value). */
function overrideOf(r, bad) {
  const entry = {};
  if (r.fee.value.trim()) {
    const poisha = takaToPoisha(r.fee.value);
    if (poisha === null || poisha > MAX_FEE_POISHA) bad(r.fee, t('admin.fee_invalid', { name: r.name }));
    else entry.fee_poisha = poisha;
  }
  if (r.sla.value.trim()) {
    const days = asciiDigits(r.sla.value).trim();
    if (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > 90)
      bad(r.sla, t('admin.sla_invalid', { name: r.name }));
    else entry.sla_days = Number(days);
  }
  if (r.signatory.value) entry.signatory = r.signatory.value;
  return entry;
}

/** The settings as the PUT sends them, and the problems found here first. */
function settingsBody(controls, rows) {
  const problems = [];
  const bad = (control, text) => {
    showError(control, text);
    control.closest('details')?.setAttribute('open', '');
    problems.push({ text, control });
  };
  const wards = Number(asciiDigits(controls.wards.value).trim());
  if (!/^\d+$/.test(asciiDigits(controls.wards.value).trim()) || wards < 1 || wards > 99)
    bad(controls.wards, t('admin.wards_invalid'));
  const overridesOut = {};
  for (const r of rows) {
    const entry = overrideOf(r, bad);
    if (Object.keys(entry).length) overridesOut[r.code] = entry;
  }
  const body = {
    wards,
    overrides: overridesOut,
    contact: {
      phone: controls['contact.phone'].value.trim(),
      email: controls['contact.email'].value.trim(),
      address_bn: controls['contact.address_bn'].value.trim(),
    },
  };
  if (controls.refund.value) body.policies = { refund_on_reject: controls.refund.value };
  return { body, problems };
}

async function saveSettings(office, body, controls, { summary, status }) {
  try {
    await api(`/offices/${encodeURIComponent(office.office_id)}/settings`, { method: 'PUT', body });
    forget(office.office_id); // charter and office caches in this tab
    mount(status, h('div', { class: 'alert alert-success', role: 'status', testid: 'settings-saved' }, t('admin.saved')));
  } catch (err) {
    if (err.status === 422 && err.errors.length) {
      const listed = err.errors.map((x) => {
        const control = controls[x.field];
        if (control) {
          showError(control, serverMessage(x));
          control.closest('details')?.setAttribute('open', '');
        }
        return { text: `${x.field}: ${serverMessage(x)}`, control };
      });
      reportProblems(summary, listed);
    } else mount(status, errorBox(err));
  }
}

export async function settings(ctx) {
  const which = officeFor(ctx, '#/office/settings');
  if (which.picker) {
    ctx.show(pageHead(t('admin.settings_title')), which.picker);
    return;
  }
  const [office, catalog] = await Promise.all([api(`/offices/${encodeURIComponent(which.id)}`), types()]);
  const controls = settingsControls(office);
  const rows = [];
  const tables = overrideTables(catalog, office.overrides || {}, controls, rows);
  const summary = h('div', {});
  const status = h('div', { 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'btn', testid: 'settings-save' }, t('admin.save'));
  const form = settingsForm(controls, tables, status, save);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    Object.values(controls).forEach(clearError);
    mount(summary);
    mount(status);
    const { body, problems } = settingsBody(controls, rows);
    if (problems.length) {
      reportProblems(summary, problems);
      return;
    }
    busy(save, () => saveSettings(office, body, controls, { summary, status }), t('common.saving'));
  });
  ctx.show(
    pageHead(t('admin.settings_title'), h('p', { class: 'lead' }, pick(office, 'name'), ` (${office.office_id})`)),
    summary,
    form,
  );
}

function handoverControls(office) {
  const role = h(
    'select',
    { testid: 'handover-role' },
    h(
      'option',
      { value: 'signatory' },
      t('handover.role_signatory', { head: label('officer', office.head_designation) }),
    ),
    h('option', { value: 'ward_member' }, t('officer.ward_member')),
  );
  const ward = h('select', { testid: 'handover-ward' }, h('option', { value: '' }, t('form.choose')));
  for (let w = 1; w <= office.wards; w += 1)
    ward.append(h('option', { value: String(w) }, t('common.ward_n', { n: w })));
  return {
    role,
    ward,
    username: usernameInput('handover-username'),
    password: newPasswordInput('handover-password'),
    name_bn: h('input', { type: 'text', lang: 'bn', testid: 'handover-name-bn' }),
    name_en: h('input', { type: 'text', lang: 'en', testid: 'handover-name-en' }),
    designation_bn: h('input', { type: 'text', lang: 'bn', testid: 'handover-designation' }),
  };
}

function handoverForm(controls, submit) {
  const { role, ward } = controls;
  const wardField = field({ id: 'h-ward', label: t('handover.ward'), required: true, control: ward });
  const syncWard = () => {
    wardField.hidden = role.value !== 'ward_member';
  };
  role.addEventListener('change', syncWard);
  syncWard();
  return h(
    'form',
    { class: 'stack', novalidate: true, testid: 'handover-form' },
    field({ id: 'h-role', label: t('handover.role'), required: true, control: role }),
    wardField,
    field({ id: 'h-name-bn', label: t('handover.name_bn'), required: true, control: controls.name_bn }),
    field({ id: 'h-name-en', label: t('handover.name_en'), required: true, control: controls.name_en }),
    field({ id: 'h-designation', label: t('handover.designation'), control: controls.designation_bn }),
    field({
      id: 'h-username',
      label: t('handover.username'),
      hint: t('account.username_hint'),
      required: true,
      control: controls.username,
    }),
    field({
      id: 'h-password',
      label: t('handover.password'),
      hint: t('account.password_hint'),
      required: true,
      control: controls.password,
    }),
    notice(t('handover.warning'), 'info'),
    submit,
  );
}

/** The problems found here first (shown by their fields), or none. */
function handoverProblems(controls) {
  const problems = [];
  const bad = (control, text) => {
    showError(control, text);
    problems.push({ text, control });
  };
  if (controls.role.value === 'ward_member' && !controls.ward.value) bad(controls.ward, t('handover.ward_required'));
  return [...problems, ...showProblems(controls, accountProblems(valuesOf(controls)))];
}

function handoverDone(done) {
  return h(
    'div',
    { class: 'alert alert-success', role: 'status', testid: 'handover-done' },
    h('p', {}, t('handover.done', { username: done.username })),
    dl([
      [t('handover.key'), h('span', { class: 'mono' }, done.kid)],
      [t('handover.valid_from'), dateTime(done.valid_from)],
      [t('handover.retired'), done.retired.length ? done.retired.join(', ') : t('handover.retired_none')],
    ]),
  );
}

export async function handover(ctx) {
  const which = officeFor(ctx, '#/office/signatories');
  if (which.picker) {
    ctx.show(pageHead(t('handover.title')), which.picker);
    return;
  }
  const office = await api(`/offices/${encodeURIComponent(which.id)}`);
  const controls = handoverControls(office);
  const summary = h('div', {});
  const result = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn', testid: 'handover-submit' }, t('handover.submit'));
  const form = handoverForm(controls, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    Object.values(controls).forEach(clearError);
    mount(summary);
    mount(result);
    const problems = handoverProblems(controls);
    if (problems.length) {
      reportProblems(summary, problems);
      return;
    }
    const body = accountBody(controls);
    if (controls.role.value === 'ward_member') body.ward = Number(controls.ward.value);
    busy(
      submit,
      async () => {
        try {
          const url = `/offices/${encodeURIComponent(office.office_id)}/signatories`;
          const done = await api(url, { method: 'POST', body });
          controls.password.value = '';
          mount(result, handoverDone(done));
        } catch (err) {
          reportAccountRefusal(err, { summary, controls, result });
        }
      },
      t('common.saving'),
    );
  });
  ctx.show(
    pageHead(t('handover.title'), h('p', { class: 'lead' }, pick(office, 'name'), ` (${office.office_id})`)),
    summary,
    form,
    result,
  );
}
