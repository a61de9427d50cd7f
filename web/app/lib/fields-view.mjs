// A case's fields, read-only, as the type's form names them (the citizen's and the official's
// case pages): facts in a list, tables as tables.

import { h } from '../../shared/dom.mjs';
import { date, num, pick } from '../i18n.mjs';

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
