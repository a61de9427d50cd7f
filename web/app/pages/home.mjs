// The citizen start page: what the service does, where to begin, and a nudge back to an
// application whose payment was started in this tab.

import { h } from '../../shared/dom.mjs';
import { t } from '../i18n.mjs';
import { claims, isCitizen, isStaff, homeFor, recall } from '../session.mjs';
import { linkButton, notice, pageHead } from '../lib/ui.mjs';

export function home(ctx) {
  const who = claims();
  const pending = isCitizen(who) ? recall('pending-payment') : null;
  ctx.show(
    pageHead(t('home.title'), h('p', { class: 'lead' }, t('home.lead'))),
    pending
      ? notice(
          h(
            'span',
            {},
            t('home.pending', { tracking: pending.tracking }),
            ' ',
            h('a', { href: `#/${pending.holding ? 'holdings' : 'applications'}/${pending.id}`, testid: 'pending-payment' }, t('home.pending_link')),
          ),
          'info',
        )
      : null,
    h(
      'div',
      { class: 'actions' },
      isStaff(who)
        ? linkButton(homeFor(who), t('home.dashboard'), 'start-dashboard')
        : linkButton('#/offices', t('home.start'), 'start-apply'),
      isCitizen(who)
        ? linkButton('#/applications', t('nav.mine'), 'start-mine', true)
        : who
          ? null
          : linkButton('#/signin?next=%23%2Fapplications', t('home.signin'), 'start-signin', true),
    ),
    h(
      'section',
      { 'aria-labelledby': 'how' },
      h('h2', { id: 'how' }, t('home.how')),
      h(
        'ol',
        { class: 'steps' },
        ['home.step1', 'home.step2', 'home.step3', 'home.step4', 'home.step5'].map((k) => h('li', {}, t(k))),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'more' },
      h('h2', { id: 'more' }, t('home.more')),
      h(
        'ul',
        { class: 'links' },
        h('li', {}, h('a', { href: '/verify' }, t('footer.verify')), ' — ', t('home.verify_text')),
        h('li', {}, h('a', { href: '#/consent' }, t('footer.consent')), ' — ', t('home.consent_text')),
        h('li', {}, h('a', { href: '#/staff/signin' }, t('footer.staff'))),
      ),
    ),
  );
}
