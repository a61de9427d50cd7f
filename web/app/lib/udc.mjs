// The UDC counter's small pieces, shared by its two pages (udc.mjs: filing; udc-case.mjs: the
// receipt and the operator's filings): the step line, a phone number read back, the SMS throttle.

import { h, mount } from '../../shared/dom.mjs';
import { digits, t } from '../i18n.mjs';

/** 01711000001 → ০১৭১১-০০০০০১ (as the operator reads it back to the citizen). */
export function phoneText(phone) {
  const local = `0${String(phone).replace(/^\+?88/, '').replace(/^0/, '')}`;
  return digits(`${local.slice(0, 5)}-${local.slice(5)}`);
}

/** Seconds → "৪ মিনিট ৫ সেকেন্ড" / "4 min 5 s": the throttle's wait, counted down. */
export function waitText(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  const m = Math.floor(s / 60);
  return m ? t('udc.wait_min', { m, s: s % 60 }) : t('udc.wait_s', { s });
}

export function steps(n) {
  return h('p', { class: 'muted', testid: 'udc-step' }, t('udc.step', { n, of: 4 }));
}

// 429: the button stays off for the real wait the API names (Retry-After), counting down.
export function holdFor(button, seconds, line) {
  const until = Date.now() + seconds * 1000;
  button.disabled = true;
  const tick = () => {
    const left = (until - Date.now()) / 1000;
    if (!button.isConnected || left <= 0) {
      button.disabled = false;
      mount(line);
      return;
    }
    mount(line, t('udc.send_again_in', { wait: waitText(left) }));
    setTimeout(tick, 1000);
  };
  tick();
}
