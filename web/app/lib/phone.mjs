// The mobile number and SMS code a citizen types (sign-in, an heir's consent, the UDC counter).
// Apart from ui.mjs, which the start page loads, so the start page does not load validate.mjs.

import { h } from '../../shared/dom.mjs';
import { t } from '../i18n.mjs';
import { showError } from './ui.mjs';
import { normalisePhone } from './validate.mjs';

/** A mobile number's input. */
export function phoneInput(testid, { autocomplete = 'tel-national', name } = {}) {
  return h('input', { type: 'tel', inputmode: 'numeric', autocomplete, testid, name });
}

/** A six-digit SMS code's input. */
export function codeInput(testid, { autocomplete, name } = {}) {
  return h('input', { type: 'text', inputmode: 'numeric', autocomplete, maxlength: '6', testid, name });
}

/** The mobile number typed in `input` (as the API takes it), or null: the error shown, the focus on it. */
export function phoneFrom(input) {
  const number = normalisePhone(input.value);
  if (!number) {
    showError(input, t('v.phone'));
    input.focus();
  }
  return number;
}
