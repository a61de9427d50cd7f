// Paged lists (`next_cursor`): a "more" button that loads the next page. (Apart from ui.mjs, which
// the start page loads.)

import { h, mount } from '../../shared/dom.mjs';
import { t } from '../i18n.mjs';
import { busy, errorBox } from './ui.mjs';

/** "More": loads the next page of a list (`load` shows its own errors). */
export function moreButton(testid, load) {
  const button = h('button', { type: 'button', class: 'btn btn-secondary', testid }, t('common.more'));
  button.addEventListener('click', () => busy(button, load, t('common.loading')));
  return button;
}

/**
 * A page of a paged list (`next_cursor`) appended to `list`, each item drawn by `pager.render`, and
 * in `more` a "more" button (`pager.testid`) that loads the next page (`pager.load(cursor)`).
 */
export function appendPage(list, more, page, pager) {
  list.append(...page.items.map((item) => pager.render(item)));
  const next = async () => {
    try {
      appendPage(list, more, await pager.load(page.next_cursor), pager);
    } catch (err) {
      mount(more, (pager.failed || errorBox)(err));
    }
  };
  mount(more, page.next_cursor ? moreButton(pager.testid, next) : null);
}
