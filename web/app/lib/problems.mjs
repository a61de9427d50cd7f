// A form's values and the problems shown by its fields: those found before sending, and a 422's
// `errors[]` from the server, in the reader's language. (Apart from ui.mjs, which the start page
// loads; these serve the forms.)

import { lang, t } from '../i18n.mjs';
import { reportProblems, showError } from './ui.mjs';

/** A server message (a 422's `errors[]` entry) in the reader's language. */
export function serverMessage(e) {
  return lang() === 'bn' ? e.message_bn || e.message : e.message;
}

/** A 422's `errors[]` next to their fields ({field: control}) and in the form's summary. */
export function placeServerErrors(summary, errors, controls) {
  const listed = errors.map((x) => {
    const control = controls[x.field];
    if (control) showError(control, serverMessage(x));
    return { text: serverMessage(x), control };
  });
  reportProblems(summary, listed);
}

/** A form's values by control name ({name: control} → {name: value}). */
export function valuesOf(controls) {
  return Object.fromEntries(Object.entries(controls).map(([k, c]) => [k, c.value]));
}

/** Problems found before sending ([[control name, string key]]) shown by their fields; the summary's items. */
export function showProblems(controls, pairs) {
  return pairs.map(([name, key]) => {
    showError(controls[name], t(key));
    return { text: t(key), control: controls[name] };
  });
}
