// The application form, generated from a certificate type's `fields` (GET /v1/certificate-types/{code}):
// text, textarea, date, nid, brn, phone, number, money, year, select, email and table (rows of
// columns). Each field is checked when the citizen leaves it, and again while they fix it.

import { dateField } from './date-field.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { digits, lang, pick, t } from '../i18n.mjs';
import { clearError, field, showError } from './ui.mjs';
import {
  checkField,
  englishMessage,
  fieldId,
  isBlank,
  oneOfMessage,
  todayDhaka,
  validateForm,
} from './validate.mjs';

const NUMERIC = new Set(['nid', 'brn', 'number', 'money', 'year']);

/** Hints as sentences: each ends with a full stop ('।' in Bengali), so two never run together. */
export function sentences(parts, l = lang()) {
  const stop = l === 'bn' ? '।' : '.';
  return (
    parts
      .filter(Boolean)
      .map((p) => p.trim())
      .map((p) => (/[.।?!]$/.test(p) ? p : p + stop))
      .join(' ') || null
  );
}

function hintFor(spec) {
  const hints = [];
  const rules = spec.validation || {};
  if (spec.type === 'nid') hints.push(t('form.hint_nid'));
  if (spec.type === 'brn') hints.push(t('form.hint_brn'));
  if (spec.type === 'phone') hints.push(t('form.hint_phone'));
  if (spec.type === 'date' && rules.past) hints.push(t('form.hint_date_past'));
  if (spec.type === 'year') hints.push(t('form.hint_year'));
  if (rules.script === 'bn') hints.push(t('form.hint_bn'));
  if (rules.script === 'latin') hints.push(t('form.hint_latin'));
  if (rules.min !== undefined && rules.max !== undefined)
    hints.push(t('form.hint_range', { lo: rules.min, hi: rules.max }));
  return sentences(hints);
}

function control(spec, value, testid) {
  const attrs = { name: spec.name, testid };
  if (spec.type === 'select') {
    return h(
      'select',
      { ...attrs, value: value ?? '' },
      h('option', { value: '' }, t('form.choose')),
      (spec.options || []).map((o) => h('option', { value: o.value }, pick(o, 'label'))),
    );
  }
  if (spec.type === 'textarea')
    return h('textarea', {
      ...attrs,
      rows: '3',
      value: value ?? '',
      lang: spec.validation?.script === 'latin' ? 'en' : undefined,
    });
  // A stored number (a case sent back for changes) shows in the page's digits; validation folds any.
  const shown = value !== undefined && value !== null && (NUMERIC.has(spec.type) || spec.type === 'phone');
  const input = h('input', { ...attrs, type: 'text', value: shown ? digits(value) : (value ?? ''), autocomplete: 'off' });
  if (spec.type === 'phone') {
    input.type = 'tel';
    input.inputMode = 'numeric';
  } else if (spec.type === 'email') {
    input.type = 'email';
    input.setAttribute('lang', 'en');
  } else if (NUMERIC.has(spec.type)) {
    input.inputMode = 'numeric';
  }
  if (spec.validation?.script === 'bn') input.setAttribute('lang', 'bn');
  if (spec.validation?.script === 'latin') {
    input.setAttribute('lang', 'en');
    input.setAttribute('autocapitalize', 'words');
  }
  return input;
}

function messageFor(error) {
  return lang() === 'bn' ? error.bn : error.en;
}

/** The require_one_of group a blank field's error belongs to: a blank field can only fail its group's rule. */
function groupOf(type, path, values) {
  const name = String(path || '').replace(/^fields\./, '');
  const group = (type?.require_one_of || []).find((g) => g[0] === name);
  return group && isBlank(values?.[name]) ? group : null;
}

/** Server errors ({field, message, message_bn}) in the client's shape ({field, bn, en}). */
export function fromServer(errors, type, values = {}) {
  return (errors || []).map((e) => {
    const name = String(e.field || '')
      .replace(/^fields\./, '')
      .split(/[[.]/)[0];
    const spec = (type?.fields || []).find((f) => f.name === name);
    const group = groupOf(type, e.field, values);
    // The group's rule in the words the web app uses for it (the API's English names the fields' keys).
    if (group) return { field: e.field, group, ...oneOfMessage(type, group) };
    return { field: e.field, bn: e.message_bn || e.message, en: englishMessage(spec?.label_en || e.field, e.message) };
  });
}

function focusable(el) {
  return el?.tagName === 'FIELDSET' ? el.querySelector('input, select, textarea, button') || el : el;
}

// The form's state, `f` below: {type, initial, onChange, controls (path → element: a date's or a
// group's fieldset), readers (path → () => raw value), groupBoxes (first name of a require_one_of
// group → its fieldset), tables (name → {read})}.
function valueOf(f, path) {
  return (f.readers.get(path) || (() => f.controls.get(path)?.value ?? ''))();
}

function bind(f, spec, el, path, inputs = [el]) {
  let dirty = false;
  const check = () => {
    const result = checkField(spec, valueOf(f, path), todayDhaka());
    if (result.error) showError(el, messageFor(result.error));
    else clearError(el);
  };
  for (const input of inputs) {
    input.addEventListener('input', () => {
      dirty = true;
      f.onChange();
      if (el.getAttribute('aria-invalid') === 'true') check();
    });
    input.addEventListener('change', () => {
      dirty = true;
      f.onChange();
      if (input.tagName === 'SELECT' && (inputs.length === 1 || el.getAttribute('aria-invalid') === 'true')) check();
    });
  }
  // A date is checked when focus leaves its three fields, not between them.
  el.addEventListener('focusout', (e) => {
    if (el.contains(e.relatedTarget)) return;
    if (dirty || el.getAttribute('aria-invalid') === 'true') check();
  });
  f.controls.set(path, el);
}

function scalar(f, spec, value, path, inGroup = false) {
  const id = fieldId(path);
  const testid = `field-${id.slice(2)}`;
  if (spec.type === 'date') {
    const date = dateField(spec, value, id, testid, hintFor(spec));
    f.readers.set(path, date.read);
    bind(f, spec, date.box, path, date.inputs);
    return date.box;
  }
  const el = control(spec, value, testid);
  bind(f, spec, el, path);
  return field({
    id,
    label: pick(spec, 'label'),
    hint: hintFor(spec),
    required: spec.required,
    control: el,
    optionalMark: !inGroup,
  });
}

/** The fields of a require_one_of group in one fieldset: "one of these", the group's error on it. */
function group(f, names) {
  const specs = names.map((n) => f.type.fields.find((x) => x.name === n)).filter(Boolean);
  const id = `f-one-of-${names[0]}`;
  const box = h(
    'fieldset',
    { class: 'field one-of', id, tabindex: '-1', testid: `one-of-${names[0]}`, 'aria-describedby': `${id}-hint` },
    h('legend', {}, specs.map((s) => pick(s, 'label')).join(t('form.or'))),
    h('p', { class: 'hint', id: `${id}-hint` }, t('form.one_of')),
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
    specs.map((s) => scalar(f, s, f.initial[s.name], `fields.${s.name}`, true)),
  );
  const clear = () => {
    if (box.getAttribute('aria-invalid') === 'true' && specs.some((s) => !isBlank(valueOf(f, `fields.${s.name}`))))
      clearError(box);
  };
  box.addEventListener('input', clear);
  f.groupBoxes.set(names[0], box);
  return box;
}

function tableBox(spec, id, body, add) {
  return h(
    'fieldset',
    { class: 'table-field', id, tabindex: '-1', testid: `field-${spec.name}` },
    h(
      'legend',
      {},
      pick(spec, 'label'),
      spec.required ? null : h('span', { class: 'optional' }, ` ${t('common.optional')}`),
    ),
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
    body,
    add,
  );
}

/** A table field's rows, drawn again after a row is added or removed (`tb`: the table's parts). */
function redrawRows(f, tb, focusRow) {
  const { spec, path, state, body, add } = tb;
  for (const key of [...f.controls.keys()]) if (key.startsWith(`${path}[`)) f.controls.delete(key);
  for (const key of [...f.readers.keys()]) if (key.startsWith(`${path}[`)) f.readers.delete(key);
  mount(
    body,
    state.rows.map((row, i) => {
      const remove = h(
        'button',
        { type: 'button', class: 'link danger', testid: `remove-row-${spec.name}-${i}` },
        t('form.remove_row', { n: i + 1 }),
      );
      remove.addEventListener('click', () => {
        tb.read();
        state.rows.splice(i, 1);
        redrawRows(f, tb, null);
        f.onChange();
        add.focus();
      });
      return h(
        'fieldset',
        { class: 'row' },
        h('legend', {}, t('form.row', { label: pick(spec, 'label'), n: i + 1 })),
        (spec.columns || []).map((c) => scalar(f, c, row[c.name], `${path}[${i}].${c.name}`)),
        remove,
      );
    }),
  );
  add.hidden = state.rows.length >= tb.max;
  if (focusRow !== null && focusRow !== undefined)
    focusable(f.controls.get(`${path}[${focusRow}].${spec.columns[0].name}`))?.focus();
}

function table(f, spec, rows) {
  const path = `fields.${spec.name}`;
  const id = fieldId(path);
  const state = { rows: rows.length ? rows : spec.required ? [{}] : [] };
  const body = h('div', { class: 'rows' });
  const add = h(
    'button',
    { type: 'button', class: 'btn btn-secondary', testid: `add-row-${spec.name}` },
    t('form.add_row'),
  );
  const box = tableBox(spec, id, body, add);
  f.controls.set(path, box);
  const tb = { spec, path, state, body, add, max: spec.validation?.max_rows ?? 50 };
  tb.read = () => {
    state.rows = state.rows.map((_, i) =>
      Object.fromEntries((spec.columns || []).map((c) => [c.name, valueOf(f, `${path}[${i}].${c.name}`)])),
    );
  };
  add.addEventListener('click', () => {
    tb.read();
    state.rows.push({});
    redrawRows(f, tb, state.rows.length - 1);
    f.onChange();
  });
  f.tables.set(spec.name, { read: () => (tb.read(), state.rows) });
  redrawRows(f, tb, null);
  return box;
}

function values(f) {
  const out = {};
  for (const spec of f.type.fields) {
    if (spec.type === 'table') out[spec.name] = f.tables.get(spec.name).read();
    else out[spec.name] = valueOf(f, `fields.${spec.name}`);
  }
  return out;
}

function clearAll(f) {
  for (const el of [...f.controls.values(), ...f.groupBoxes.values()]) clearError(el);
}

// In the summary, say which row of a table an error is in.
function rowPrefix(type, path) {
  const m = /^fields\.(\w+)\[(\d+)\]/.exec(path);
  const spec = m && type.fields.find((x) => x.name === m[1]);
  return spec ? `${t('form.row', { label: pick(spec, 'label'), n: Number(m[2]) + 1 })} — ` : '';
}

/** Show errors next to their fields; returns [{text, control}] for the summary (in form order). */
function showErrors(f, errors) {
  clearAll(f);
  const listed = [];
  for (const e of errors) {
    const el = (e.group && f.groupBoxes.get(e.group[0])) || f.controls.get(e.field);
    if (el) showError(el, messageFor(e));
    listed.push({ text: rowPrefix(f.type, e.field) + messageFor(e), control: el ? focusable(el) : null, field: e.field });
  }
  return listed;
}

/**
 * buildForm(type, initial) → { node, values(), validate(), showErrors(errors) → unplaced errors, controlFor(path) }
 * `initial` holds raw values by field name (tables: arrays of row objects; dates: ISO or {day, month, year}).
 */
export function buildForm(type, initial = {}, onChange = () => {}) {
  const grouped = new Map((type.require_one_of || []).flatMap((names) => names.map((n) => [n, names])));
  const f = { type, initial, onChange, controls: new Map(), readers: new Map(), groupBoxes: new Map(), tables: new Map() };
  const node = h('div', { class: 'stack' });
  mount(
    node,
    type.fields.map((spec) => {
      if (spec.type === 'table') return table(f, spec, Array.isArray(initial[spec.name]) ? initial[spec.name] : []);
      const names = grouped.get(spec.name);
      if (!names) return scalar(f, spec, initial[spec.name], `fields.${spec.name}`);
      // A group stands where its first field would; its other fields move into it.
      return names[0] === spec.name || !type.fields.some((x) => x.name === names[0]) ? group(f, names) : null;
    }),
  );
  return {
    node,
    values: () => values(f),
    validate: () => validateForm(type, values(f)),
    showErrors: (errors) => showErrors(f, errors),
    clearAll: () => clearAll(f),
    controlFor: (path) => f.controls.get(path),
  };
}
