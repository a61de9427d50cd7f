// An heir of an inheritance case consents with the code sent to them by SMS
// (POST /v1/applications/{tracking}/consents {phone, code}; public, attempts limited).

import { api } from '../api.mjs';
import { h, mount } from '../dom.mjs';
import { t } from '../i18n.mjs';
import { busy, clearError, errorBox, field, notice, pageHead, showError } from '../ui.mjs';
import { asciiDigits, normalisePhone } from '../validate.mjs';

export function consent(ctx) {
  const tracking = h('input', {
    type: 'text',
    autocapitalize: 'characters',
    autocomplete: 'off',
    spellcheck: 'false',
    testid: 'consent-tracking',
    lang: 'en',
    value: ctx.query.get('tracking') || '',
  });
  const phone = h('input', {
    type: 'tel',
    inputmode: 'numeric',
    autocomplete: 'tel-national',
    testid: 'consent-phone',
  });
  const code = h('input', {
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    maxlength: '6',
    testid: 'consent-code',
  });
  const submit = h('button', { type: 'submit', class: 'btn', testid: 'consent-submit' }, t('consent.submit'));
  const status = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { novalidate: true, class: 'stack' },
    field({
      id: 'c-tracking',
      label: t('consent.tracking'),
      hint: t('consent.tracking_hint'),
      required: true,
      control: tracking,
    }),
    field({ id: 'c-phone', label: t('consent.phone'), hint: t('signin.phone_hint'), required: true, control: phone }),
    field({ id: 'c-code', label: t('consent.code'), required: true, control: code }),
    status,
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    [tracking, phone, code].forEach(clearError);
    mount(status);
    const number = normalisePhone(phone.value);
    const digits = asciiDigits(code.value).trim();
    const trackingNo = tracking.value.trim().toUpperCase();
    const bad = [];
    if (!/^[0-9A-Z-]{8,}$/.test(trackingNo)) bad.push([tracking, t('consent.tracking_invalid')]);
    if (!number) bad.push([phone, t('v.phone')]);
    if (!/^\d{6}$/.test(digits)) bad.push([code, t('signin.code_invalid')]);
    if (bad.length) {
      bad.forEach(([el, msg]) => showError(el, msg));
      bad[0][0].focus();
      return;
    }
    busy(
      submit,
      async () => {
        try {
          const result = await api(`/applications/${encodeURIComponent(trackingNo)}/consents`, {
            method: 'POST',
            body: { phone: number, code: digits },
          });
          ctx.show(
            pageHead(t('consent.done_title')),
            notice(
              t(result.already ? 'consent.already' : 'consent.done', { tracking: result.tracking_no }),
              'success',
              'consent-done',
            ),
            h('p', {}, h('a', { href: '#/' }, t('nav.home'))),
          );
          ctx.main.querySelector('h1').focus();
        } catch (err) {
          mount(status, err.status === 401 ? notice(t('consent.wrong'), 'error', 'error') : errorBox(err));
        }
      },
      t('common.sending'),
    );
  });
  ctx.show(pageHead(t('consent.title'), h('p', { class: 'lead' }, t('consent.lead'))), form);
}
