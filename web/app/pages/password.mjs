// An official chooses their own password (POST /v1/auth/password). The shell sends them here first
// when someone else chose it (an admin, a handover, the roll-out import); otherwise it is in the
// menu. Loaded only after a staff sign-in.

import { api } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { t } from '../i18n.mjs';
import { safeNext } from '../router.mjs';
import { claims, homeFor, mustChangePassword, setToken } from '../session.mjs';
import { placeServerErrors, showProblems, valuesOf } from '../lib/problems.mjs';
import {
  announce,
  busy,
  clearError,
  errorBox,
  field,
  notice,
  pageHead,
  reportProblems,
  showError,
} from '../lib/ui.mjs';
import { passwordChangeProblems } from '../lib/validate.mjs';

function passwordControls() {
  return {
    current: h('input', {
      type: 'password',
      name: 'current_password',
      autocomplete: 'current-password',
      testid: 'password-current',
    }),
    next: h('input', { type: 'password', name: 'new_password', autocomplete: 'new-password', testid: 'password-new' }),
    again: h('input', {
      type: 'password',
      name: 'new_password_again',
      autocomplete: 'new-password',
      testid: 'password-again',
    }),
  };
}

function passwordForm(me, controls, { summary, status, submit }) {
  return h(
    'form',
    { class: 'stack', novalidate: true, testid: 'password-form' },
    // Tells a password manager whose password this is, so it updates the right entry; the
    // wrapper hides it (the stylesheet's `input { display }` would beat the input's own `hidden`).
    h(
      'div',
      { hidden: true },
      h('input', {
        type: 'text',
        name: 'username',
        autocomplete: 'username',
        'aria-label': t('signin.username'),
        value: me.sub,
        readOnly: true,
      }),
    ),
    summary,
    field({ id: 'pw-current', label: t('password.current'), required: true, control: controls.current }),
    field({
      id: 'pw-new',
      label: t('password.new'),
      hint: t('password.new_hint'),
      required: true,
      control: controls.next,
    }),
    field({ id: 'pw-again', label: t('password.again'), required: true, control: controls.again }),
    status,
    submit,
  );
}

function refused(err, controls, { summary, status }) {
  // 403 carries a problem code (a bare one would have ended the session in api()).
  if (err.status === 403) {
    controls.current.value = '';
    showError(controls.current, t('password.wrong_current'));
    reportProblems(summary, [{ text: t('password.wrong_current'), control: controls.current }]);
  } else if (err.status === 422 && err.errors.length)
    placeServerErrors(summary, err.errors, {
      current_password: controls.current,
      new_password: controls.next,
    });
  else mount(status, errorBox(err));
}

/** Sends the change; then on to where they were going, or a "changed" message here. */
async function change(ctx, me, values, controls, slots) {
  let answer;
  try {
    answer = await api('/auth/password', {
      method: 'POST',
      body: { current_password: values.current, new_password: values.next },
    });
  } catch (err) {
    refused(err, controls, slots);
    return;
  }
  for (const c of Object.values(controls)) c.value = '';
  // Tokens from before the change no longer act: carry on with the one the answer brings.
  setToken(answer.access_token, { mustChangePassword: false });
  if (slots.forced || ctx.query.get('next')) {
    // On to where they were going; the landing page's heading takes focus, so say it aloud.
    announce(t('password.changed'));
    ctx.navigate(safeNext(ctx.query.get('next'), homeFor(me)));
    return;
  }
  const done = h(
    'div',
    { class: 'alert alert-success', role: 'status', tabindex: '-1', testid: 'password-changed' },
    t('password.changed'),
  );
  mount(slots.status, done);
  done.focus();
}

export function changePassword(ctx) {
  const me = claims();
  const forced = mustChangePassword();
  const controls = passwordControls();
  const summary = h('div', {});
  const status = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn', testid: 'password-save' }, t('password.save'));
  const form = passwordForm(me, controls, { summary, status, submit });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    Object.values(controls).forEach(clearError);
    mount(summary);
    mount(status);
    const values = valuesOf(controls);
    const problems = showProblems(controls, passwordChangeProblems(values));
    if (problems.length) {
      reportProblems(summary, problems);
      return;
    }
    busy(submit, () => change(ctx, me, values, controls, { summary, status, forced }), t('common.saving'));
  });
  ctx.show(
    pageHead(t('password.title'), h('p', { class: 'lead' }, t('password.lead'))),
    forced ? notice(t('password.forced'), 'info', 'password-forced') : null,
    form,
  );
}
