// The verifier page (/verify and /v): reads the QR (camera or photo), checks it in the browser with
// the verifier's core against the signed trust list and status lists, cached for offline use; the
// credential itself never leaves the phone; only the lists (and, on request, a typed certificate
// number) are fetched. This module wires the page; page/ holds its parts: lists.mjs (the signed
// lists, fetched, verified and saved), store.mjs (Cache Storage and the network), check.mjs (a
// check), result.mjs (the result card and the lists panel), scan.mjs (camera and photo).
import { h } from '../shared/dom.mjs';
import { lang, otherLang, register, setLang, t } from '../shared/i18n.mjs';
import { lookupNumber, looksOurs, verifyOffline } from './page/check.mjs';
import { loadNames, loadTypes, refreshLists, state } from './page/lists.mjs';
import { renderLists, renderResult, showResult } from './page/result.mjs';
import { onPhoto, startScan, stopScan } from './page/scan.mjs';
import { forgetFullTrustList } from './page/store.mjs';
import { STRINGS } from './strings.mjs';

register(STRINGS);

const $ = (id) => document.getElementById(id);

function applyLanguage() {
  document.documentElement.lang = lang();
  document.title = t('pageTitle');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  const button = $('lang');
  button.textContent = t('otherLang');
  button.lang = otherLang();
  renderResult();
  renderLists();
  const status = $('scan-status');
  if (status.dataset.key) status.textContent = t(status.dataset.key);
  const error = $('number-error');
  if (error.dataset.key) error.textContent = t(error.dataset.key);
}

function say(key) {
  const status = $('scan-status');
  status.dataset.key = key || '';
  status.textContent = key ? t(key) : '';
}

let running = 0;

async function verifyText(text) {
  const ticket = ++running;
  say('checking');
  state.last = null; // never leave the previous certificate's verdict on screen meanwhile
  $('result').hidden = false;
  $('result').setAttribute('aria-busy', 'true');
  $('result-body').replaceChildren(h('p', { class: 'note' }, t('checking')));
  let result;
  try {
    result = await verifyOffline(text);
  } catch (err) {
    result = { kind: 'credential', verdict: { status: 'bad_format', reason: String(err?.message || err), claims: null } };
  }
  if (ticket !== running) return; // a newer check started meanwhile
  say('');
  state.last = result;
  $('result').removeAttribute('aria-busy');
  showResult();
  renderLists();
}

function setNumberError(key) {
  const input = $('number');
  const error = $('number-error');
  error.dataset.key = key || '';
  error.textContent = key ? t(key) : '';
  if (key) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

async function verifyNumber(event) {
  event.preventDefault();
  const input = $('number');
  const button = event.target.querySelector('button[type="submit"]');
  setNumberError('');
  button.disabled = true;
  let found;
  try {
    found = await lookupNumber(input.value);
  } finally {
    button.disabled = false;
  }
  if (found.key) {
    setNumberError(found.key);
    input.focus();
    return;
  }
  state.last = found;
  showResult();
}

function fromHash() {
  const hash = location.hash;
  if (hash.length > 1 && looksOurs(hash)) verifyText(hash);
}

async function refresh(event) {
  const button = event.currentTarget;
  button.disabled = true;
  say('refreshing');
  const ok = await refreshLists(true).catch(() => false);
  renderLists();
  say(ok ? 'refreshed' : 'refreshFailed');
  button.disabled = false;
}

function start() {
  applyLanguage();
  forgetFullTrustList();
  $('lang').addEventListener('click', () => {
    setLang(otherLang());
    applyLanguage();
  });
  $('scan').addEventListener('click', () => startScan(say, verifyText));
  $('stop').addEventListener('click', () => {
    stopScan(say);
    $('scan').focus();
  });
  $('photo').addEventListener('change', () => onPhoto(say, verifyText));
  $('by-number').addEventListener('submit', verifyNumber);
  $('refresh').addEventListener('click', refresh);
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) stopScan(say); // never keep the camera on in the background
  });
  addEventListener('hashchange', fromHash);
  fromHash();
  // Warm the lists (so the next check works offline) and the type names, after any check above.
  refreshLists(false)
    .then(renderLists)
    .catch(() => {});
  loadTypes(renderResult);
  loadNames(renderResult);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js', { scope: '/v' }).catch(() => {});
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
