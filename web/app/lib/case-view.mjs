// Pieces of a case shown to both the applicant and the officials: timeline, identity check,
// heir consents, receipt.

import { api } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { date, dateTime, money, pick, t } from '../i18n.mjs';
import { bn, busy, dl, errorBox, label } from './ui.mjs';

export const statusLabel = (code) => t(`status.${code}`);
export const actionLabel = (code) => t(`action.${code}`);

export function byLabel(by) {
  if (!by) return '';
  if (by.kind === 'citizen') return t('role.citizen');
  if (by.kind === 'system') return t('role.system');
  return t(`role.${by.role}`);
}

export function timelineView(events) {
  return h(
    'ol',
    { class: 'timeline', testid: 'timeline' },
    [...(events || [])]
      .sort((a, b) => a.seq - b.seq)
      .map((e) =>
        h(
          'li',
          { 'data-action': e.action },
          h('p', {}, h('strong', {}, actionLabel(e.action)), e.to && e.to !== e.from ? ` → ${statusLabel(e.to)}` : ''),
          h('p', { class: 'muted' }, h('time', { datetime: e.at }, dateTime(e.at)), ' · ', byLabel(e.by)),
          // A payment by its method in words (বিকাশ / bKash); the gateway's own text stays in the record.
          e.method
            ? h('p', { class: 'note', testid: 'paid-with' }, t('payret.paid_with', { method: label('paymethod', e.method) }))
            : e.note
              ? h('p', { class: 'note' }, e.note)
              : null,
        ),
      ),
  );
}

const COMPARED = ['name_bn', 'name_en', 'father_name_bn', 'mother_name_bn', 'dob'];
// A date of birth in words (Bengali digits in Bengali), never the ISO form; names as typed.
const compared = (f, value) => (!value ? '—' : f === 'dob' ? date(value) : bn(value));

/** The NID/BRN check: matched, mismatch (which fields differ), not found, unavailable. */
export function identityView(check, typed) {
  if (!check) return h('p', { class: 'muted', testid: 'identity-check', 'data-status': 'none' }, t('identity.none'));
  const mismatches = check.mismatches || [];
  const registry = check.registry;
  return h(
    'div',
    { class: `identity identity-${check.status}`, testid: 'identity-check', 'data-status': check.status },
    h(
      'p',
      {},
      h('strong', {}, t(`identity.${check.status}`)),
      ' ',
      h('span', { class: 'muted' }, t(`identity.source_${check.source}`)),
    ),
    mismatches.length
      ? h('p', {}, t('identity.differs'), ' ', mismatches.map((f) => t(`identity.field_${f}`)).join(', '))
      : null,
    registry
      ? h(
          'div',
          { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('identity.compare') },
          h(
            'table',
            { class: 'data' },
            h('caption', {}, t('identity.compare')),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, t('identity.field')),
                h('th', { scope: 'col' }, t('identity.typed')),
                h('th', { scope: 'col' }, t('identity.registry')),
              ),
            ),
            h(
              'tbody',
              {},
              COMPARED.filter((f) => typed?.[f] || registry[f]).map((f) =>
                h(
                  'tr',
                  { class: mismatches.includes(f) ? 'differs' : '' },
                  h(
                    'th',
                    { scope: 'row' },
                    t(`identity.field_${f}`),
                    mismatches.includes(f)
                      ? h('span', { class: 'tag tag-warn' }, ` ${t('identity.mismatch_tag')}`)
                      : null,
                  ),
                  h('td', {}, compared(f, typed?.[f])),
                  h('td', {}, compared(f, registry[f])),
                ),
              ),
            ),
          ),
        )
      : null,
  );
}

/**
 * Inheritance cases: the registry's verdict on the deceased and on each heir, side by side (one row
 * each): matched, differs (in which fields), not found, not answered, or not checked and why.
 */
export function peopleChecksView(checks, fields) {
  if (!checks) return null;
  const heirs = fields?.heirs || [];
  const who = (c) =>
    c.person === 'deceased'
      ? [bn(fields?.deceased_name_bn || '—'), h('span', { class: 'muted' }, ` (${t('heirs.person_deceased')})`)]
      : [
          bn(heirs[c.row]?.name_bn || '—'),
          h('span', { class: 'muted' }, ` (${t('heirs.person_heir', { n: c.row + 1 })})`),
        ];
  const result = (c) => {
    if (c.status === 'not_checked') {
      return [
        h('strong', {}, t('heirs.not_checked')),
        h('br'),
        h('span', { class: 'muted' }, t(`heirs.reason_${c.reason}`)),
      ];
    }
    const differs = (c.mismatches || []).map((f) => t(`identity.field_${f}`)).join(', ');
    return [
      h('strong', {}, t(`identity.${c.status}`)),
      ' ',
      h('span', { class: 'muted' }, t(`identity.source_${c.source}`)),
      differs ? [h('br'), t('identity.differs'), ' ', differs] : null,
    ];
  };
  return h(
    'div',
    {
      class: 'table-wrap',
      tabindex: '0',
      role: 'region',
      'aria-labelledby': 'people-checks-cap',
      testid: 'people-checks',
    },
    h(
      'table',
      { class: 'data' },
      h('caption', { id: 'people-checks-cap' }, t('heirs.checks_caption')),
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, t('heirs.person')), h('th', { scope: 'col' }, t('heirs.result'))),
      ),
      h(
        'tbody',
        {},
        checks.map((c) =>
          h(
            'tr',
            {
              class: ['mismatch', 'not_found'].includes(c.status) ? 'differs' : '',
              'data-person': c.person === 'deceased' ? 'deceased' : `heir-${c.row}`,
              'data-status': c.status,
            },
            h('th', { scope: 'row' }, who(c)),
            h('td', {}, result(c)),
          ),
        ),
      ),
    ),
  );
}

/** What the form said about the holder, in the registry's terms (for the comparison table). */
export function typedIdentity(fields) {
  const f = fields || {};
  return {
    name_bn: f.holder_name_bn,
    name_en: f.holder_name_en,
    father_name_bn: f.father_name_bn,
    mother_name_bn: f.mother_name_bn,
    dob: f.holder_dob,
  };
}

export function consentsView(consents, fields, exception) {
  if (!consents) return null;
  const heirs = fields?.heirs || [];
  return h(
    'section',
    { 'aria-labelledby': 'consents-h', testid: 'consents' },
    h('h2', { id: 'consents-h' }, t('consent.heading')),
    consents.length
      ? h(
          'ul',
          {},
          consents.map((c) =>
            h(
              'li',
              { 'data-state': c.state },
              heirs[c.row]?.name_bn ? bn(heirs[c.row].name_bn) : t('consent.row', { n: c.row + 1 }),
              ' — ',
              h('strong', {}, t(`consent.state_${c.state}`)),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('consent.none_asked')),
    exception ? h('p', { class: 'note' }, t('consent.exception'), ' ', exception.note) : null,
  );
}

export async function receiptView(caseId) {
  const r = await api(`/applications/${encodeURIComponent(caseId)}/payment`);
  return h(
    'div',
    { testid: 'receipt', class: 'receipt' },
    dl([
      [t('receipt.no'), r.receipt_no],
      [t('receipt.tracking'), r.tracking_no],
      [t('receipt.amount'), money(r.amount)],
      [
        t('receipt.method'),
        r.gateway === 'cash' ? t('receipt.cash') : label('paymethod', r.method_code || 'online'),
      ],
      r.gateway_txn ? [t('receipt.txn'), r.gateway_txn] : null,
      [t('receipt.state'), label('receipt.state', r.state)],
      r.paid_at ? [t('receipt.paid_at'), dateTime(r.paid_at)] : null,
      r.refund ? [t('receipt.refund'), `${money(r.refund.amount ?? 0)} · ${label('refund', r.refund.state)}`] : null,
    ]),
  );
}

// A "show the receipt" button (only once something was paid) and the place the receipt appears.
export function receiptToggle(item) {
  const slot = h('div', {});
  const button = item.payment
    ? h('button', { type: 'button', class: 'btn btn-secondary', testid: 'show-receipt' }, t('receipt.show'))
    : null;
  button?.addEventListener('click', () =>
    busy(
      button,
      async () => {
        try {
          mount(slot, await receiptView(item.id));
          button.hidden = true;
        } catch (err) {
          mount(slot, errorBox(err));
        }
      },
      t('common.loading'),
    ),
  );
  return { button, slot };
}

export function typeName(catalog, code) {
  const found = catalog?.items?.find((x) => x.code === code);
  return found ? pick(found, 'name') : code;
}
