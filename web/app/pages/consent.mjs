// An heir of an inheritance case consents with the code sent to them by SMS
// (POST /v1/applications/{tracking}/consents {phone, code}; public, attempts limited).
// Opened from the SMS link (/c#<token> → #/consent/<token>), the page first shows what the heir is
// consenting to: the case, the deceased's name and the heirs' names (POST /v1/consent-links).

import { api } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { pick, t } from '../i18n.mjs';
import { codeInput, phoneInput } from '../lib/phone.mjs';
import { bn, busy, clearError, dl, errorBox, field, notice, pageHead, showError } from '../lib/ui.mjs';
import { asciiDigits, normalisePhone } from '../lib/validate.mjs';

export const LINK_TOKEN = /^[A-Za-z0-9]{11}$/;

/** The form's values checked here first: {trackingNo, number, digits}, or null (errors shown). */
function checked({ tracking, phone, code }) {
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
    return null;
  }
  return { trackingNo, number, digits };
}

async function sendConsent(ctx, { trackingNo, number, digits }, status) {
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
}

function consentControls(ctx, knownTracking) {
  return {
    tracking: h('input', {
      type: 'text',
      autocapitalize: 'characters',
      autocomplete: 'off',
      spellcheck: 'false',
      testid: 'consent-tracking',
      lang: 'en',
      value: knownTracking || ctx.query.get('tracking') || '',
    }),
    phone: phoneInput('consent-phone'),
    code: codeInput('consent-code', { autocomplete: 'one-time-code' }),
  };
}

function consentForm(ctx, knownTracking) {
  const controls = consentControls(ctx, knownTracking);
  const { tracking, phone, code } = controls;
  const submit = h('button', { type: 'submit', class: 'btn', testid: 'consent-submit' }, t('consent.submit'));
  const status = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { novalidate: true, class: 'stack' },
    // From a link the case is known: the heir is asked only what proves it is them.
    knownTracking
      ? null
      : field({
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
    const values = checked(controls);
    if (values) busy(submit, () => sendConsent(ctx, values, status), t('common.sending'));
  });
  return form;
}

/** What the heir consents to: the case, the deceased and every heir listed (names only). */
function caseSummary(seen) {
  return h(
    'section',
    { 'aria-labelledby': 'consent-case-h', testid: 'consent-case', class: 'stack' },
    h('h2', { id: 'consent-case-h' }, t('heirs.about')),
    dl([
      [t('heirs.type'), pick(seen, 'type_name')],
      [t('consent.tracking'), h('span', { lang: 'en' }, seen.tracking_no)],
      [t('heirs.deceased'), h('strong', { testid: 'consent-deceased' }, bn(seen.deceased_name_bn || '—'))],
    ]),
    h('h3', {}, t('heirs.listed', { n: (seen.heirs || []).length })),
    h(
      'ol',
      { testid: 'consent-heirs', class: 'names' },
      (seen.heirs || []).map((heir) => h('li', {}, bn(heir.name_bn || '—'))),
    ),
    notice(t('heirs.check_list'), 'info', 'consent-check-list'),
  );
}

async function fromLink(ctx, token) {
  const gone = () =>
    ctx.show(
      pageHead(t('consent.title')),
      notice(t('heirs.link_gone'), 'error', 'link-gone'),
      h('p', {}, h('a', { href: '#/consent' }, t('heirs.link_form'))),
    );
  if (!LINK_TOKEN.test(token)) {
    gone();
    return;
  }
  let seen;
  try {
    seen = await api('/consent-links', { method: 'POST', body: { token } });
  } catch (err) {
    if (err.status === 404) gone();
    else ctx.show(pageHead(t('consent.title')), errorBox(err));
    return;
  }
  ctx.show(
    pageHead(t('consent.title'), h('p', { class: 'lead' }, t('heirs.link_lead'))),
    caseSummary(seen),
    h('h2', {}, t('heirs.give')),
    consentForm(ctx, seen.tracking_no),
  );
}

export async function consent(ctx) {
  if (ctx.params.link) {
    await fromLink(ctx, ctx.params.link);
    return;
  }
  ctx.show(pageHead(t('consent.title'), h('p', { class: 'lead' }, t('consent.lead'))), consentForm(ctx, ''));
}
