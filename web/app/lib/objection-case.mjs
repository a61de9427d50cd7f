// An objection to an assessment on its case page (decision 73), for the assessor who decides it,
// the head who signs the letter and the owner who filed it: the holding objected to and the
// grounds, its assessment now (after the review: the reviewed one) and the review's decision.
// Loaded by the case pages only for an objection (pages/staff.mjs, pages/cases.mjs).

import { api } from '../api.mjs';
import { h } from '../../shared/dom.mjs';
import { t } from '../i18n.mjs';
import { assessmentSection, decisionSection } from './assessment-view.mjs';
import { objectedHolding, reviewValue } from './objection.mjs';
import { plain } from './revenue-view.mjs';
import { dl, notice } from './ui.mjs';

export { reviewValue }; // the review panel's decided value (lib/case-actions.mjs)

/** The objection's sections: `official` links the holding to the register, else to "my holding". */
export async function objectionSections(item, { official }) {
  const named = objectedHolding(item);
  if (!named) return [];
  const id = encodeURIComponent(named.holding_id);
  const assessment = await api(`/holdings/${id}/assessment`).catch(() => null);
  const href = official ? `#/office/holdings/${id}` : `#/holdings/${id}`;
  return [
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'objh-h', testid: 'objection-holding' },
      h('h2', { id: 'objh-h' }, t('rev.obj_holding')),
      dl([
        [t('rev.number'), h('a', { href, testid: 'objection-holding-link' }, plain(named.number))],
        [t('rev.fiscal_year'), plain(item.fields?.fiscal_year)],
        [t('rev.obj_grounds'), h('span', { lang: 'bn', testid: 'objection-grounds' }, item.fields?.grounds_bn || '')],
      ]),
    ),
    decisionSection(item.fields?.review),
    assessment ? assessmentSection(assessment) : notice(t('rev.obj_no_assessment'), 'info'),
  ];
}
