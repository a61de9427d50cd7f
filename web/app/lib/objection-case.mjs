// An objection to an assessment on its case page (decision 73), for the assessor who decides it,
// the head who signs the letter and the owner who filed it: the holding objected to and the
// grounds, its assessment now (after the review: the reviewed one) and the review's decision; and
// for the assessor, what the `review` action decides: an annual value in taka, or revised facts
// (construction class and floors) the value is computed from. Loaded by the case pages only for an
// objection (pages/staff.mjs, pages/cases.mjs).

import { api } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { t } from '../i18n.mjs';
import { assessmentSection, decisionSection } from './assessment-view.mjs';
import { factsEditor } from './holding-form.mjs';
import { objectedHolding, reviewValue } from './objection.mjs';
import { placeServerErrors, showProblems } from './problems.mjs';
import { factsBody, factsProblems, factsValues } from './revenue.mjs';
import { plain } from './revenue-view.mjs';
import { clearError, dl, field, notice, reportProblems, showError } from './ui.mjs';

function modeChoice(onChange) {
  const radio = (value, text, checked) =>
    h(
      'label',
      { class: 'choice' },
      h('input', {
        type: 'radio',
        name: 'review-by',
        value,
        checked,
        testid: `review-by-${value}`,
        onchange: onChange,
      }),
      ' ',
      text,
    );
  return h(
    'fieldset',
    { class: 'stack' },
    h('legend', {}, t('rev.obj_decide_by')),
    radio('value', t('rev.obj_by_value'), true),
    radio('facts', t('rev.obj_by_facts'), false),
  );
}

/**
 * The review's decision for the action panel (lib/case-actions.mjs): {node, read() → the action's
 * {annual_value} or {facts}, or null with the problems shown; place(errors) → whether a 422's
 * errors were this part's, now shown beside their fields}.
 */
function reviewDecision(assessment) {
  const value = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', testid: 'action-annual-value' });
  value.addEventListener('input', () => clearError(value));
  const editor = factsEditor(factsValues(assessment?.inputs));
  const byValue = field({
    id: 'action-annual-value',
    label: t('rev.obj_value'),
    hint: t('rev.obj_value_hint'),
    control: value,
    optionalMark: false,
  });
  const byFacts = h(
    'div',
    { hidden: true, testid: 'review-facts' },
    h('p', { class: 'hint' }, t('rev.obj_facts_hint')),
    editor.node,
  );
  const summary = h('div', {});
  const choice = modeChoice(() => {
    const facts = choice.querySelector('input[value=facts]').checked;
    byValue.hidden = facts;
    byFacts.hidden = !facts;
  });
  const controls = () => ({ annual_value: value, ...editor.controls() });
  const read = () => {
    Object.values(controls()).forEach((c) => clearError(c));
    mount(summary);
    if (byFacts.hidden) {
      const decided = reviewValue(value.value);
      if (!decided.error) return decided;
      showError(value, t(decided.error));
      value.focus();
      return null;
    }
    const facts = factsBody(editor.read());
    const problems = factsProblems(facts);
    if (!problems.length) return { facts };
    reportProblems(summary, showProblems(controls(), problems));
    return null;
  };
  const place = (errors) => {
    const mine = errors.filter((e) => e.field === 'annual_value' || e.field.startsWith('facts'));
    if (mine.length) placeServerErrors(summary, mine, controls());
    return mine.length > 0;
  };
  return { node: h('div', { class: 'stack' }, summary, choice, byValue, byFacts), read, place };
}

/**
 * The objection's sections, and for whoever may `review` it the decision's part of the action
 * panel; `official` links the holding to the register, else to "my holding".
 */
export async function objectionCase(item, { official }) {
  const named = objectedHolding(item);
  if (!named) return { sections: [], review: null };
  const id = encodeURIComponent(named.holding_id);
  const assessment = await api(`/holdings/${id}/assessment`).catch(() => null);
  const href = official ? `#/office/holdings/${id}` : `#/holdings/${id}`;
  const sections = [
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
  return { sections, review: item.actions?.includes('review') ? reviewDecision(assessment) : null };
}
