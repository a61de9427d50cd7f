// A date of a certificate type's form as three fields in one fieldset (GOV.UK's date input):
// দিন / Day, মাস / Month (chosen by name), বছর / Year. validate.mjs turns the three into the ISO
// date the API takes, with one error for the whole date.

import { h } from '../../shared/dom.mjs';
import { digits, monthName, pick, t } from '../i18n.mjs';
import { dateParts } from './validate.mjs';

/**
 * A date as three fields in a fieldset (GOV.UK's date input): day and year typed in any digit
 * script, the month chosen by name. Its value is {day, month, year}; validate.mjs assembles the
 * ISO date the API takes and gives one error for the whole date.
 */
export function dateField(spec, value, id, testid, hint) {
  const parts = dateParts(value);
  const auto = (part) => (spec.autocomplete === 'bday' ? `bday-${part}` : 'off');
  const number = (part, size) =>
    h('input', {
      type: 'text',
      inputmode: 'numeric',
      maxlength: String(size),
      size: String(size),
      name: `${spec.name}-${part}`,
      id: `${id}-${part}`,
      testid: `${testid}-${part}`,
      autocomplete: auto(part),
      value: digits(parts[part]),
    });
  const day = number('day', 2);
  const year = number('year', 4);
  const month = h(
    'select',
    { name: `${spec.name}-month`, id: `${id}-month`, testid: `${testid}-month`, autocomplete: auto('month') },
    h('option', { value: '' }, t('form.choose')),
    Array.from({ length: 12 }, (_, i) => h('option', { value: String(i + 1) }, monthName(i + 1))),
  );
  month.value = parts.month;
  const box = h(
    'fieldset',
    { class: 'field date-field', id, tabindex: '-1', testid },
    h(
      'legend',
      {},
      pick(spec, 'label'),
      spec.required ? null : h('span', { class: 'optional' }, ` ${t('common.optional')}`),
    ),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
    h(
      'div',
      { class: 'date-parts' },
      [
        ['day', day],
        ['month', month],
        ['year', year],
      ].map(([part, el]) =>
        h('div', { class: `date-part date-${part}` }, h('label', { for: el.id }, t(`date.${part}`)), el),
      ),
    ),
  );
  if (hint) box.setAttribute('aria-describedby', `${id}-hint`);
  if (spec.required) for (const el of [day, month, year]) el.setAttribute('aria-required', 'true');
  return { box, inputs: [day, month, year], read: () => ({ day: day.value, month: month.value, year: year.value }) };
}
