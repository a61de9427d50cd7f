// Shared pieces of every page: headings, loading and error states, form fields with their error
// messages (linked with aria-describedby), status badges.

import { ApiError } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { has, lang, t } from '../i18n.mjs';

export function pageHead(title, ...rest) {
  return h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, title), ...rest);
}

export function loading(text) {
  const el = h(
    'div',
    { class: 'loading', role: 'status', testid: 'loading' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    h('span', {}, text || t('common.loading')),
  );
  setTimeout(() => {
    if (el.isConnected) el.append(h('span', { class: 'slow' }, t('common.slow')));
  }, 8000);
  return el;
}

const KNOWN = {
  offline: 'error.offline',
  timeout: 'error.timeout',
  network: 'error.network',
  session_expired: 'error.session',
};

export function errorText(err) {
  if (!(err instanceof ApiError))
    return t(err?.name === 'TypeError' && /import|module/i.test(err.message) ? 'error.network' : 'error.unexpected');
  if (KNOWN[err.code]) return t(KNOWN[err.code]);
  if (lang() === 'bn') {
    // detail_bn, when the server gives one, says what to do (a true wait, who unlocks an account).
    const detail = typeof err.body?.detail_bn === 'string' ? err.body.detail_bn : '';
    return [err.title_bn || err.title, detail].filter(Boolean).join(' — ') || t('error.unexpected');
  }
  return [err.title, err.detail].filter(Boolean).join(' — ') || t('error.unexpected');
}

export function errorBox(err, retry) {
  return h(
    'div',
    { class: 'alert alert-error', role: 'alert', testid: 'error' },
    h('p', {}, errorText(err)),
    retry
      ? h(
          'button',
          { type: 'button', class: 'btn btn-secondary', testid: 'retry', onclick: () => retry() },
          t('common.retry'),
        )
      : null,
  );
}

export function notice(text, kind = 'info', testid = 'notice') {
  return h('div', { class: `alert alert-${kind}`, role: kind === 'error' ? 'alert' : 'status', testid }, text);
}

/** A labelled control with an optional hint and a (hidden) error slot. */
export function field({ id, label, hint, required = false, control, labelLang, optionalMark = true }) {
  control.id = id;
  const described = [];
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) described.push(hintEl.id);
  if (described.length) control.setAttribute('aria-describedby', described.join(' '));
  if (required) control.setAttribute('aria-required', 'true');
  const labelEl = h(
    'label',
    { for: id, lang: labelLang },
    label,
    !required && optionalMark ? h('span', { class: 'optional' }, ` ${t('common.optional')}`) : null,
  );
  return h(
    'div',
    { class: 'field' },
    labelEl,
    hintEl,
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
    control,
  );
}

export function showError(control, message) {
  const slot = document.getElementById(`${control.id}-error`);
  if (!slot) return;
  slot.textContent = message;
  slot.hidden = false;
  control.setAttribute('aria-invalid', 'true');
  const ids = new Set((control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
  ids.add(slot.id);
  control.setAttribute('aria-describedby', [...ids].join(' '));
  control.closest('.field')?.classList.add('has-error');
}

export function clearError(control) {
  const slot = document.getElementById(`${control.id}-error`);
  if (slot) {
    slot.textContent = '';
    slot.hidden = true;
  }
  control.removeAttribute('aria-invalid');
  const ids = (control.getAttribute('aria-describedby') || '')
    .split(' ')
    .filter((x) => x && x !== `${control.id}-error`);
  if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
  else control.removeAttribute('aria-describedby');
  control.closest('.field')?.classList.remove('has-error');
}

/** The list of problems at the top of a form: buttons that move focus to each field. */
// Puts a form's problems in one summary at the top of the form, and focus on it.
export function reportProblems(slot, items) {
  const box = errorSummary(items);
  mount(slot, box);
  box.focus();
}

export function errorSummary(items) {
  // In the order the fields appear on the page.
  items.sort((a, b) => {
    if (!a.control || !b.control) return a.control ? -1 : b.control ? 1 : 0;
    return a.control.compareDocumentPosition(b.control) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  const box = h(
    'div',
    { class: 'alert alert-error error-summary', role: 'alert', tabindex: '-1', testid: 'error-summary' },
    h('h2', {}, t('form.fix')),
    h(
      'ul',
      {},
      items.map(({ text, control }) =>
        h(
          'li',
          {},
          control
            ? h(
                'a',
                {
                  href: `#${control.id}`,
                  onclick: (e) => {
                    e.preventDefault();
                    control.focus();
                  },
                },
                text,
              )
            : text,
        ),
      ),
    ),
  );
  return box;
}

export function statusBadge(status, label) {
  return h('span', { class: `badge status-${status}`, testid: 'case-status', 'data-status': status }, label);
}

export function linkButton(href, text, testid, secondary = false) {
  return h('a', { href, class: secondary ? 'btn btn-secondary' : 'btn', testid }, text);
}

export function dl(rows) {
  return h(
    'dl',
    { class: 'facts' },
    rows.filter(Boolean).map(([term, value, attrs]) => [h('dt', {}, term), h('dd', attrs || {}, value)]),
  );
}

/** Text that is Bengali whatever the interface language (names typed by citizens). */
export function bn(text) {
  return h('span', { lang: 'bn' }, text);
}

/** Mark a button busy while `work` runs (a second press does nothing; focus stays on it). */
export async function busy(button, work, text) {
  if (button.getAttribute('aria-disabled') === 'true') return undefined;
  const label = button.textContent;
  button.setAttribute('aria-disabled', 'true');
  if (text) button.textContent = text;
  try {
    return await work();
  } finally {
    button.removeAttribute('aria-disabled');
    if (text) button.textContent = label;
  }
}

/** A label from the table for a code the API sends (`prefix.code`), or the code itself. */
export function label(prefix, code) {
  return has(`${prefix}.${code}`) ? t(`${prefix}.${code}`) : String(code ?? '');
}

/** Tell screen readers something happened without moving focus. */
export function announce(text) {
  const region = document.getElementById('announce');
  if (!region) return;
  region.textContent = '';
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

/** A code as people read it over the phone: NJFRY0V45KSBM6 → NJFR-Y0V4-5KSB-M6. */
export function grouped(code) {
  const raw = String(code || '').replace(/-/g, '');
  return raw.match(/.{1,4}/g)?.join('-') || '';
}
