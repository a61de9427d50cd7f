// What the page shows: the result card (a verdict in both languages, the certificate's facts, the
// technical details) and the panel of lists saved for offline checks.
import { h } from '../../shared/dom.mjs';
import { date, dateTime, money } from '../../shared/format.mjs';
import { has, lang, otherLang, t } from '../../shared/i18n.mjs';
import * as core from '../verify-core.mjs';
import { pinnedRoot, state } from './lists.mjs';

// A revocation list older than this no longer earns an unconditional "valid": a certificate revoked
// since it was saved would still look valid (the API republishes the lists every 10 minutes).
const STALE_LIST_MS = 86400e3;

const $ = (id) => document.getElementById(id);
const scriptOf = (text) => (/[\u0980-\u09ff]/.test(text) ? 'bn' : 'en');

function tone(status) {
  if (status === 'valid') return ['ok', 's_valid'];
  if (status === 'valid_old') return ['warn', 's_valid_old'];
  if (status === 'revoked') return ['bad', 's_revoked'];
  if (status === 'cancelled') return ['bad', 's_cancelled'];
  if (status === 'expired') return ['bad', 's_expired'];
  if (status === 'status_unavailable') return ['warn', 's_incomplete'];
  if (status === 'lists_unavailable') return ['warn', 's_nolists'];
  if (status === 'bad_format') return ['bad', 's_unreadable'];
  return ['bad', 's_fake'];
}

const SHOWS_FACTS = new Set(['valid', 'revoked', 'cancelled', 'expired', 'status_unavailable']);

function typeName(code) {
  const names = state.types.get(code) || core.RECEIPT_TYPES.get(code);
  if (!names) return h('span', { class: 'code', translate: 'no' }, code);
  const main = lang() === 'bn' ? names.name_bn : names.name_en;
  return h('span', { lang: scriptOf(main) }, main);
}

/** The office's name (from the saved names, an online answer or the key's certificate); its code only when none is known. */
function officeCell(officeId, officeName) {
  const known = state.offices.get(officeId);
  const name = (lang() === 'bn' ? known?.name_bn : known?.name_en) || known?.name_bn || officeName;
  return name ? h('span', { lang: scriptOf(name), 'data-testid': 'office-name' }, name) : h('span', { class: 'code', lang: 'en' }, officeId);
}

function fact(label, ...value) {
  return [h('dt', null, t(label)), h('dd', null, ...value)];
}

function verdictBox(status, detailKey, vars, otherVars = vars) {
  const [toneClass, word] = tone(status);
  return h(
    'div',
    { class: `verdict ${toneClass}`, 'data-status': status },
    h('span', { class: 'big' }, t(word, vars)),
    h('span', { class: 'other', lang: otherLang() }, t(word, otherVars, otherLang())),
    h('p', null, t(detailKey, vars)),
  );
}

export function renderResult() {
  const body = $('result-body');
  const last = state.last;
  if (!body || !last) return;
  body.replaceChildren(...(last.kind === 'online' ? onlineCard(last.data) : credentialCard(last)));
}

function credentialCard({ verdict, revoked, officeName, statusIssuedAt, offline }) {
  const { status, claims } = verdict;
  // A "valid" from a list saved more than a day ago says so: a later revocation cannot show.
  const old = status === 'valid' && statusIssuedAt && Date.now() - statusIssuedAt.getTime() > STALE_LIST_MS;
  const shown = old ? 'valid_old' : core.shownStatus(status, claims?.type_code);
  const detailKey = `x_${shown}`;
  const vars = old
    ? { date: date(statusIssuedAt) }
    : { date: claims?.expires_on ? date(claims.expires_on) : '' };
  const otherVars = old ? { date: date(statusIssuedAt, otherLang()) } : vars;
  const parts = [verdictBox(shown, has(detailKey) ? detailKey : 'x_untrusted', vars, otherVars)];
  if (claims && SHOWS_FACTS.has(status)) {
    const holderLabel = core.isReceipt(claims.type_code) ? 'f_payer' : 'f_holder';
    const facts = [
      fact('f_number', h('span', { class: 'code', translate: 'no', lang: 'en' }, core.displayNumber(claims.certificate_no))),
      fact('f_type', typeName(claims.type_code)),
      fact('f_office', officeCell(claims.office_id, officeName)),
      fact('f_issued', date(claims.issued_on)),
      claims.expires_on ? fact('f_expires', date(claims.expires_on)) : null,
      fact(holderLabel, h('span', { lang: scriptOf(claims.holder_name) }, claims.holder_name)),
      verdict.signedAt ? fact('f_signed', dateTime(verdict.signedAt)) : null,
      revoked ? fact('f_revoked_on', h('span', { 'data-testid': 'revoked-on' }, date(revoked.on))) : null,
      revoked
        ? fact('f_revoked_reason', h('span', { 'data-testid': 'revoked-reason' }, t(has(`r_${revoked.reason}`) ? `r_${revoked.reason}` : 'r_other')))
        : null,
    ];
    parts.push(h('dl', { class: 'facts' }, facts.flat().filter(Boolean)));
    if (verdict.retiredKey) parts.push(h('p', { class: 'meta' }, t('retired')));
  }
  if (statusIssuedAt) parts.push(h('p', { class: 'meta' }, t('checkedWith', { date: dateTime(statusIssuedAt) })));
  if (offline) parts.push(h('p', { class: 'meta' }, t('usedSaved')));
  parts.push(
    h(
      'details',
      null,
      h('summary', null, t('technical')),
      h('p', { lang: 'en' }, `${status}: ${verdict.reason || ''}`),
      verdict.kid ? h('p', { lang: 'en', class: 'code' }, `kid ${verdict.kid}`) : null,
    ),
  );
  return parts;
}

function onlineCard(data) {
  const status = ['valid', 'revoked', 'cancelled', 'expired'].includes(data.status) ? data.status : 'untrusted';
  const names = { name_bn: data.type_name_bn, name_en: data.type_name_en };
  if (data.type && names.name_bn) state.types.set(data.type, names);
  const office = data.office || {};
  const facts = [
    fact('f_number', h('span', { class: 'code', translate: 'no', lang: 'en' }, data.certificate_no)),
    fact('f_type', typeName(data.type)),
    fact('f_office', officeCell(office.office_id || '', null)),
    fact('f_issued', date(data.issued_on)),
    data.expires_on ? fact('f_expires', date(data.expires_on)) : null,
    fact(
      core.isReceipt(data.type) ? 'f_payer' : 'f_holder',
      h('span', { lang: scriptOf(data.holder || '') }, data.holder || ''),
      h('span', { class: 'sub' }, t('masked')),
    ),
    Number.isSafeInteger(data.amount) ? fact('f_amount', h('span', { 'data-testid': 'amount' }, money(data.amount))) : null,
  ];
  return [
    verdictBox(status, `x_${status}`, { date: data.expires_on ? date(data.expires_on) : '' }),
    h('dl', { class: 'facts' }, facts.flat().filter(Boolean)),
    h('p', { class: 'meta' }, t('online')),
  ];
}

export function showResult() {
  const section = $('result');
  renderResult();
  section.hidden = false;
  const heading = $('result-title');
  heading.focus();
}

export function renderLists() {
  const box = $('lists-status');
  const root = $('root-status');
  const loaded = state.trust;
  if (!loaded) {
    box.dataset.i18n = 'listsNone';
    box.textContent = t('listsNone');
    root.textContent = '';
    return;
  }
  delete box.dataset.i18n;
  const offices = new Set([...loaded.trust.keys.values()].map((key) => key.officeId)).size;
  const lines = [h('span', null, t('listsSaved', { n: offices, date: dateTime(loaded.trust.issuedAt) }))];
  // One line for the revocation lists however many there are: the oldest is what a check may rely on.
  const dates = [...state.status.values()].map((entry) => entry.list.issuedAt);
  const oldest = dates.length ? new Date(Math.min(...dates.map((d) => d.getTime()))) : null;
  if (oldest) lines.push(' ', h('span', null, t('statusSaved', { date: dateTime(oldest) })));
  if (oldest && Date.now() - oldest.getTime() > STALE_LIST_MS) {
    const days = Math.max(1, Math.floor((Date.now() - oldest.getTime()) / 86400e3));
    lines.push(' ', h('strong', { class: 'warn', 'data-testid': 'lists-old' }, t('listsOld', { days })));
  }
  box.replaceChildren(...lines);
  root.textContent = t(pinnedRoot() ? 'rootPinned' : 'rootNotPinned');
}
