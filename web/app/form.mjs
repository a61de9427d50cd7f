// The application form, generated from a certificate type's `fields` (GET /v1/certificate-types/{code}):
// text, textarea, date, nid, brn, phone, number, money, year, select, email and table (rows of
// columns). Each field is checked when the citizen leaves it, and again while they fix it.

import { dateField } from './date-field.mjs';
import { h, mount } from '../shared/dom.mjs';
import { date, digits, lang, num, pick, t } from './i18n.mjs';
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

/**
 * buildForm(type, initial) → { node, values(), validate(), showErrors(errors) → unplaced errors, controlFor(path) }
 * `initial` holds raw values by field name (tables: arrays of row objects; dates: ISO or {day, month, year}).
 */
export function buildForm(type, initial = {}, onChange = () => {}) {
  const grouped = new Map((type.require_one_of || []).flatMap((names) => names.map((n) => [n, names])));
  const controls = new Map(); // path → element (a date's or a group's fieldset)
  const readers = new Map(); // path → () => raw value
  const groupBoxes = new Map(); // first name of a require_one_of group → its fieldset
  const tables = new Map(); // name → {rows: [...values], redraw}
  const node = h('div', { class: 'stack' });
  const valueOf = (path) => (readers.get(path) || (() => controls.get(path)?.value ?? ''))();

  function bind(spec, el, path, inputs = [el]) {
    let dirty = false;
    const check = () => {
      const result = checkField(spec, valueOf(path), todayDhaka());
      if (result.error) showError(el, messageFor(result.error));
      else clearError(el);
    };
    for (const input of inputs) {
      input.addEventListener('input', () => {
        dirty = true;
        onChange();
        if (el.getAttribute('aria-invalid') === 'true') check();
      });
      input.addEventListener('change', () => {
        dirty = true;
        onChange();
        if (input.tagName === 'SELECT' && (inputs.length === 1 || el.getAttribute('aria-invalid') === 'true')) check();
      });
    }
    // A date is checked when focus leaves its three fields, not between them.
    el.addEventListener('focusout', (e) => {
      if (el.contains(e.relatedTarget)) return;
      if (dirty || el.getAttribute('aria-invalid') === 'true') check();
    });
    controls.set(path, el);
  }

  function scalar(spec, value, path, inGroup = false) {
    const id = fieldId(path);
    const testid = `field-${id.slice(2)}`;
    if (spec.type === 'date') {
      const date = dateField(spec, value, id, testid, hintFor(spec));
      readers.set(path, date.read);
      bind(spec, date.box, path, date.inputs);
      return date.box;
    }
    const el = control(spec, value, testid);
    bind(spec, el, path);
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
  function group(names) {
    const specs = names.map((n) => type.fields.find((f) => f.name === n)).filter(Boolean);
    const id = `f-one-of-${names[0]}`;
    const box = h(
      'fieldset',
      { class: 'field one-of', id, tabindex: '-1', testid: `one-of-${names[0]}`, 'aria-describedby': `${id}-hint` },
      h('legend', {}, specs.map((s) => pick(s, 'label')).join(t('form.or'))),
      h('p', { class: 'hint', id: `${id}-hint` }, t('form.one_of')),
      h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
      specs.map((s) => scalar(s, initial[s.name], `fields.${s.name}`, true)),
    );
    const clear = () => {
      if (box.getAttribute('aria-invalid') === 'true' && specs.some((s) => !isBlank(valueOf(`fields.${s.name}`))))
        clearError(box);
    };
    box.addEventListener('input', clear);
    groupBoxes.set(names[0], box);
    return box;
  }

  function table(spec, rows) {
    const path = `fields.${spec.name}`;
    const id = fieldId(path);
    const state = { rows: rows.length ? rows : spec.required ? [{}] : [] };
    const body = h('div', { class: 'rows' });
    const max = spec.validation?.max_rows ?? 50;
    const add = h(
      'button',
      { type: 'button', class: 'btn btn-secondary', testid: `add-row-${spec.name}` },
      t('form.add_row'),
    );
    const box = h(
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
    controls.set(path, box);

    function read() {
      state.rows = state.rows.map((_, i) =>
        Object.fromEntries((spec.columns || []).map((c) => [c.name, valueOf(`${path}[${i}].${c.name}`)])),
      );
    }
    function redraw(focusRow) {
      for (const key of [...controls.keys()]) if (key.startsWith(`${path}[`)) controls.delete(key);
      for (const key of [...readers.keys()]) if (key.startsWith(`${path}[`)) readers.delete(key);
      mount(
        body,
        state.rows.map((row, i) => {
          const remove = h(
            'button',
            { type: 'button', class: 'link danger', testid: `remove-row-${spec.name}-${i}` },
            t('form.remove_row', { n: i + 1 }),
          );
          remove.addEventListener('click', () => {
            read();
            state.rows.splice(i, 1);
            redraw(null);
            onChange();
            add.focus();
          });
          return h(
            'fieldset',
            { class: 'row' },
            h('legend', {}, t('form.row', { label: pick(spec, 'label'), n: i + 1 })),
            (spec.columns || []).map((c) => scalar(c, row[c.name], `${path}[${i}].${c.name}`)),
            remove,
          );
        }),
      );
      add.hidden = state.rows.length >= max;
      if (focusRow !== null && focusRow !== undefined)
        focusable(controls.get(`${path}[${focusRow}].${spec.columns[0].name}`))?.focus();
    }
    add.addEventListener('click', () => {
      read();
      state.rows.push({});
      redraw(state.rows.length - 1);
      onChange();
    });
    tables.set(spec.name, { read: () => (read(), state.rows) });
    redraw(null);
    return box;
  }

  mount(
    node,
    type.fields.map((spec) => {
      if (spec.type === 'table') return table(spec, Array.isArray(initial[spec.name]) ? initial[spec.name] : []);
      const names = grouped.get(spec.name);
      if (!names) return scalar(spec, initial[spec.name], `fields.${spec.name}`);
      // A group stands where its first field would; its other fields move into it.
      return names[0] === spec.name || !type.fields.some((f) => f.name === names[0]) ? group(names) : null;
    }),
  );

  function values() {
    const out = {};
    for (const spec of type.fields) {
      if (spec.type === 'table') out[spec.name] = tables.get(spec.name).read();
      else out[spec.name] = valueOf(`fields.${spec.name}`);
    }
    return out;
  }

  function clearAll() {
    for (const el of [...controls.values(), ...groupBoxes.values()]) clearError(el);
  }

  /** Show errors next to their fields; returns [{text, control}] for the summary (in form order). */
  function showErrors(errors) {
    clearAll();
    const listed = [];
    for (const e of errors) {
      const el = (e.group && groupBoxes.get(e.group[0])) || controls.get(e.field);
      if (el) showError(el, messageFor(e));
      listed.push({ text: rowPrefix(e.field) + messageFor(e), control: el ? focusable(el) : null, field: e.field });
    }
    return listed;
  }

  // In the summary, say which row of a table an error is in.
  function rowPrefix(path) {
    const m = /^fields\.(\w+)\[(\d+)\]/.exec(path);
    const spec = m && type.fields.find((f) => f.name === m[1]);
    return spec ? `${t('form.row', { label: pick(spec, 'label'), n: Number(m[2]) + 1 })} — ` : '';
  }

  function focusable(el) {
    return el?.tagName === 'FIELDSET' ? el.querySelector('input, select, textarea, button') || el : el;
  }

  return {
    node,
    values,
    validate: () => validateForm(type, values()),
    showErrors,
    clearAll,
    controlFor: (path) => controls.get(path),
  };
}

/** Read-only view of a case's fields (citizen and official case pages). */
export function fieldsView(type, values) {
  const rows = [];
  for (const spec of type?.fields || []) {
    const value = values?.[spec.name];
    if (value === undefined || value === null || value === '') continue;
    if (spec.type === 'table') {
      rows.push(
        h(
          'div',
          { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': pick(spec, 'label') },
          h(
            'table',
            { class: 'data stack' }, // stacked rows on a narrow phone (app.css)
            h('caption', {}, pick(spec, 'label')),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, '#'),
                spec.columns.map((c) => h('th', { scope: 'col' }, pick(c, 'label'))),
              ),
            ),
            h(
              'tbody',
              {},
              value.map((row, i) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, num(i + 1)),
                  spec.columns.map((c) => h('td', { 'data-label': pick(c, 'label') }, display(c, row[c.name]))),
                ),
              ),
            ),
          ),
        ),
      );
    } else {
      rows.push(
        h(
          'div',
          { class: 'fact' },
          h('dt', {}, pick(spec, 'label')),
          h('dd', { lang: spec.validation?.script === 'latin' ? 'en' : undefined }, display(spec, value)),
        ),
      );
    }
  }
  const facts = rows.filter((r) => r.classList.contains('fact'));
  const tablesOut = rows.filter((r) => !r.classList.contains('fact'));
  return h(
    'div',
    {},
    h(
      'dl',
      { class: 'facts', testid: 'case-fields' },
      facts.map((f) => [...f.childNodes]),
    ),
    tablesOut,
  );
}

function display(spec, value) {
  if (value === undefined || value === null || value === '') return '—';
  if (spec.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(String(value))) return date(String(value));
  if (spec.type === 'select') {
    const o = (spec.options || []).find((x) => x.value === value);
    return o ? pick(o, 'label') : String(value);
  }
  if (spec.type === 'date') return date(value); // in words, with Bengali digits in Bengali
  return String(value);
}
