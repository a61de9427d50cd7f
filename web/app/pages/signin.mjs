// Sign in: citizens with their mobile number and an SMS code; officials with username and password.

import { api } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { digits, t } from '../i18n.mjs';
import { safeNext } from '../router.mjs';
import { claims, decodeJwt, homeFor, setToken } from '../session.mjs';
import { codeInput, phoneFrom, phoneInput } from '../lib/phone.mjs';
import { busy, clearError, errorBox, field, notice, pageHead, showError } from '../lib/ui.mjs';
import { asciiDigits } from '../lib/validate.mjs';

function nextFrom(ctx, fallback) {
  return safeNext(ctx.query.get('next'), fallback);
}

function fieldErrors(err, controls) {
  let shown = false;
  for (const e of err.errors || []) {
    const control = controls[e.field];
    if (control) {
      showError(control, e.message_bn && document.documentElement.lang === 'bn' ? e.message_bn : e.message);
      shown = true;
    }
  }
  return shown;
}

/** Step 2: the code sent to `number` (`parts`: the page's status, step slot, phone form and input). */
function codeStep(ctx, number, { status, step, form, phone }) {
  mount(status);
  const code = codeInput('signin-code', { autocomplete: 'one-time-code', name: 'code' });
  const verify = h('button', { type: 'submit', class: 'btn', testid: 'signin-verify' }, t('signin.verify'));
  const again = h('button', { type: 'button', class: 'link', testid: 'signin-change' }, t('signin.change'));
  const codeForm = h(
    'form',
    { novalidate: true, class: 'stack', testid: 'signin-code-form' },
    notice(t('signin.sent', { phone: digits(number) }), 'success', 'signin-sent'),
    field({ id: 'code', label: t('signin.code'), hint: t('signin.code_hint'), required: true, control: code }),
    verify,
    h('p', {}, again),
  );
  again.addEventListener('click', () => {
    mount(step);
    form.hidden = false;
    phone.focus();
  });
  codeForm.addEventListener('submit', (e) => {
    e.preventDefault();
    clearError(code);
    const value = asciiDigits(code.value).replace(/\s/g, '');
    if (!/^\d{6}$/.test(value)) {
      showError(code, t('signin.code_invalid'));
      code.focus();
      return;
    }
    busy(
      verify,
      async () => {
        try {
          const token = await api('/auth/otp/verify', { method: 'POST', body: { phone: number, code: value } });
          setToken(token.access_token);
          ctx.navigate(nextFrom(ctx, '#/applications'));
        } catch (err) {
          if (err.status === 401) showError(code, t('signin.code_wrong'));
          else if (!fieldErrors(err, { code, phone: code })) mount(status, errorBox(err));
          code.focus();
        }
      },
      t('common.checking'),
    );
  });
  form.hidden = true;
  mount(step, codeForm);
  code.focus();
}

export function citizenSignIn(ctx) {
  const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
  const phone = phoneInput('signin-phone', { name: 'phone' });
  const send = h('button', { type: 'submit', class: 'btn', testid: 'signin-send' }, t('signin.send'));
  const step = h('div', {});
  const form = h(
    'form',
    { novalidate: true, class: 'stack', testid: 'signin-phone-form' },
    field({ id: 'phone', label: t('signin.phone'), hint: t('signin.phone_hint'), required: true, control: phone }),
    send,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearError(phone);
    const number = phoneFrom(phone);
    if (!number) return;
    busy(
      send,
      async () => {
        try {
          await api('/auth/otp', { method: 'POST', body: { phone: number } });
          codeStep(ctx, number, { status, step, form, phone });
        } catch (err) {
          if (!fieldErrors(err, { phone })) mount(status, errorBox(err));
        }
      },
      t('common.sending'),
    );
  });
  ctx.show(
    pageHead(t('signin.title'), h('p', { class: 'lead' }, t('signin.lead'))),
    ctx.query.get('expired') ? notice(t('error.session'), 'info') : null,
    claims() ? notice(t('signin.already'), 'info') : null,
    status,
    form,
    step,
  );
}

export function staffSignIn(ctx) {
  const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
  const username = h('input', {
    type: 'text',
    autocomplete: 'username',
    autocapitalize: 'none',
    spellcheck: 'false',
    testid: 'staff-username',
    name: 'username',
    lang: 'en',
  });
  const password = h('input', {
    type: 'password',
    autocomplete: 'current-password',
    testid: 'staff-password',
    name: 'password',
  });
  const submit = h('button', { type: 'submit', class: 'btn', testid: 'staff-signin' }, t('signin.submit'));
  const form = h(
    'form',
    { novalidate: true, class: 'stack' },
    field({ id: 'username', label: t('signin.username'), required: true, control: username }),
    field({ id: 'password', label: t('signin.password'), required: true, control: password }),
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearError(username);
    clearError(password);
    mount(status);
    let bad = null;
    if (!password.value) {
      showError(password, t('signin.password_required'));
      bad = password;
    }
    if (!username.value.trim()) {
      showError(username, t('signin.username_required'));
      bad = username;
    }
    if (bad) {
      bad.focus();
      return;
    }
    busy(
      submit,
      async () => {
        try {
          const token = await api('/auth/login', {
            method: 'POST',
            body: { username: username.value.trim().toLowerCase(), password: password.value },
          });
          // The shell sends someone whose password an admin chose to the password page first.
          setToken(token.access_token, { mustChangePassword: !!token.must_change_password });
          ctx.navigate(nextFrom(ctx, homeFor(decodeJwt(token.access_token))));
        } catch (err) {
          if (err.status === 401) {
            mount(status, notice(t('signin.wrong_password'), 'error', 'error'));
          } else mount(status, errorBox(err));
          password.value = '';
          password.focus();
        }
      },
      t('common.checking'),
    );
  });
  ctx.show(
    pageHead(t('signin.staff_title'), h('p', { class: 'lead' }, t('signin.staff_lead'))),
    ctx.query.get('expired') ? notice(t('error.session'), 'info') : null,
    status,
    form,
  );
}
