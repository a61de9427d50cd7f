// The shell: top bar (language, sign-out), hash router, focus on route change, offline banner.
// Pages are ES modules loaded on first use; the officials' and monitors' modules only after a
// staff sign-in (the route guard runs before the dynamic import).

import { h, mount } from '../shared/dom.mjs';
import { api } from './api.mjs';
import { lang, pick, setLang, t } from './i18n.mjs';
import {
  claims,
  homeFor,
  isCitizen,
  isMonitor,
  isOfficeAdmin,
  isOfficial,
  isStaff,
  isUdcOperator,
  mustChangePassword,
  REVENUE_ROLES,
  seesRegister,
  signOut,
} from './session.mjs';
import { PASSWORD_PAGE, matchRoute, parseHash, passwordGate } from './router.mjs';
import { errorBox, loading, notice, pageHead } from './lib/ui.mjs';

const ROUTES = [
  ['/', () => import('./pages/home.mjs'), 'home'],
  ['/signin', () => import('./pages/signin.mjs'), 'citizenSignIn'],
  ['/staff/signin', () => import('./pages/signin.mjs'), 'staffSignIn'],
  ['/offices', () => import('./pages/offices.mjs'), 'finder'],
  ['/offices/:office', () => import('./pages/office.mjs'), 'office'],
  ['/offices/:office/types/:type', () => import('./pages/office.mjs'), 'charter'],
  ['/consent', () => import('./pages/consent.mjs'), 'consent'],
  ['/consent/:link', () => import('./pages/consent.mjs'), 'consent'],
  ['/apply/:office/:type', () => import('./pages/apply.mjs'), 'apply', 'citizen'],
  ['/applications', () => import('./pages/cases.mjs'), 'list', 'citizen'],
  ['/applications/:id', () => import('./pages/cases.mjs'), 'detail', 'citizen'],
  ['/applications/:id/revise', () => import('./pages/apply.mjs'), 'revise', 'citizen'],
  ['/access-log', () => import('./pages/access.mjs'), 'accessLog', 'citizen'],
  ['/office', () => import('./pages/staff.mjs'), 'queue', 'official'],
  ['/office/cases/:id', () => import('./pages/staff.mjs'), 'caseView', 'official'],
  ['/office/settings', () => import('./pages/admin.mjs'), 'settings', 'admin'],
  ['/office/signatories', () => import('./pages/admin.mjs'), 'handover', 'admin'],
  ['/office/staff', () => import('./pages/office-staff.mjs'), 'staff', 'admin'],
  ['/stats', () => import('./pages/monitor.mjs'), 'stats', 'monitor'],
  ['/udc', () => import('./pages/udc-case.mjs'), 'filings', 'udc'],
  ['/udc/new', () => import('./pages/udc.mjs'), 'counter', 'udc'],
  ['/udc/new/:type', () => import('./pages/udc.mjs'), 'form', 'udc'],
  ['/udc/cases/:id', () => import('./pages/udc-case.mjs'), 'filed', 'udc'],
  [PASSWORD_PAGE, () => import('./pages/password.mjs'), 'changePassword', 'staff'],
  // municipal revenue (issue 14; decision 70)
  ['/holdings', () => import('./pages/holdings.mjs'), 'mine', 'citizen'],
  ['/holdings/:id', () => import('./pages/holdings.mjs'), 'holding', 'citizen'],
  ['/receipts/:no', () => import('./pages/holdings.mjs'), 'receipt', 'signedIn'],
  ['/office/holdings', () => import('./pages/register.mjs'), 'register', 'official'],
  ['/office/holdings/new', () => import('./pages/register.mjs'), 'create', 'official'],
  ['/office/holdings/:id', () => import('./pages/register.mjs'), 'holding', 'official'],
  ['/office/holdings/:id/edit', () => import('./pages/register.mjs'), 'edit', 'official'],
  ['/office/collections', () => import('./pages/revenue-office.mjs'), 'collections', 'official'],
  ['/office/defaulters', () => import('./pages/revenue-office.mjs'), 'defaulters', 'official'],
  ['/office/demand-runs', () => import('./pages/revenue-office.mjs'), 'runs', 'official'],
  ['/office/tax-schedule', () => import('./pages/revenue-office.mjs'), 'schedule', 'admin'],
  ['/stats/revenue', () => import('./pages/revenue-stats.mjs'), 'revenueStats', 'monitor'],
];

const GUARDS = {
  citizen: [isCitizen, '#/signin'],
  official: [isOfficial, '#/staff/signin'],
  admin: [isOfficeAdmin, '#/staff/signin'],
  monitor: [isMonitor, '#/staff/signin'],
  staff: [isStaff, '#/staff/signin'],
  udc: [isUdcOperator, '#/staff/signin'],
  signedIn: [(c) => isCitizen(c) || isStaff(c), '#/signin'],
};

export function navigate(href, replace = false) {
  if (replace) {
    history.replaceState(null, '', href);
    render();
  } else if (location.hash === href) render();
  else location.hash = href;
}

let seq = 0;
let first = true;

async function render() {
  const mine = ++seq;
  const main = document.getElementById('main');
  const { path, query } = parseHash(location.hash);
  // An official whose password someone else chose sees nothing else until they choose their own.
  const gate = passwordGate(path, query, mustChangePassword());
  if (gate) {
    navigate(gate, true);
    return;
  }
  const route = matchRoute(path, ROUTES);
  const ctx = {
    main,
    path,
    query,
    params: route?.params || {},
    current: () => mine === seq,
    show: (...nodes) => {
      if (mine === seq) mount(main, ...nodes);
    },
    rerender: () => render(),
    navigate,
  };
  window.scrollTo(0, 0);
  try {
    if (!route) {
      ctx.show(pageHead(t('notfound.title')), h('p', {}, h('a', { href: '#/' }, t('nav.home'))));
    } else if (route.guard && !GUARDS[route.guard][0](claims())) {
      const who = claims();
      if (who) {
        ctx.show(
          pageHead(t('forbidden.title')),
          notice(t('forbidden.text')),
          h('p', {}, h('a', { href: homeFor(who) }, t('nav.home'))),
        );
      } else {
        const next = encodeURIComponent(`#${path}${query.toString() ? `?${query}` : ''}`);
        navigate(`${GUARDS[route.guard][1]}?next=${next}`, true);
        return;
      }
    } else {
      // The start page's text is in index.html and paints before any script: it stays until home.mjs
      // redraws it (a spinner in between would only flash).
      const shell = first && route.name === 'home' && main.querySelector('[data-shell="home"]');
      if (!shell) mount(main, loading());
      const mod = await route.load();
      if (!ctx.current()) return;
      await mod[route.name](ctx);
    }
  } catch (err) {
    if (!ctx.current()) return;
    console.error(err);
    mount(
      main,
      pageHead(t('error.title')),
      errorBox(err, () => render()),
    );
  }
  if (!ctx.current()) return;
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} — ${t('app.name')}` : t('app.name');
  if (!first && heading && !main.contains(document.activeElement)) heading.focus();
  first = false;
}

// --- the top bar ---------------------------------------------------------------------------------

const PASSWORD_LINK = [`#${PASSWORD_PAGE}`, 'nav.password', 'nav-password'];

function navLinks(who) {
  // Until they choose their own password, the other pages would only send them back to it.
  if (mustChangePassword()) return [PASSWORD_LINK];
  if (isMonitor(who)) {
    return [
      ['#/stats', 'nav.stats', 'nav-stats'],
      ['#/stats/revenue', 'nav.revenue_stats', 'nav-revenue-stats'],
      who.role === 'lgd_admin' ? ['#/office/settings', 'nav.settings', 'nav-settings'] : null,
      who.role === 'lgd_admin' ? ['#/office/staff', 'nav.staff', 'nav-staff'] : null,
      PASSWORD_LINK,
    ];
  }
  if (isUdcOperator(who)) {
    // The counter: file for the citizen in front of them, and the cases they filed.
    return [
      ['#/udc/new', 'udc.nav_new', 'nav-udc-new'],
      ['#/udc', 'udc.nav_filings', 'nav-udc-filings'],
      PASSWORD_LINK,
    ];
  }
  if (isStaff(who)) {
    return [
      // An office admin manages staff and settings and sees no citizen data (no queue); an assessor's
      // queue is the office's objections to assessments (decision 73), a tax collector has none.
      who.role === 'office_admin' || REVENUE_ROLES.includes(who.role) ? null : ['#/office', 'nav.queue', 'nav-queue'],
      who.role === 'assessor' ? ['#/office', 'nav.objections', 'nav-objections'] : null,
      seesRegister(who) ? ['#/office/holdings', 'nav.register', 'nav-register'] : null,
      seesRegister(who) ? ['#/office/collections', 'nav.collections', 'nav-collections'] : null,
      who.role === 'office_admin' ? ['#/office/settings', 'nav.settings', 'nav-settings'] : null,
      who.role === 'office_admin' ? ['#/office/signatories', 'nav.handover', 'nav-handover'] : null,
      who.role === 'office_admin' ? ['#/office/staff', 'nav.staff', 'nav-staff'] : null,
      who.role === 'office_admin' ? ['#/office/tax-schedule', 'nav.tax_schedule', 'nav-tax-schedule'] : null,
      PASSWORD_LINK,
    ];
  }
  if (isCitizen(who)) {
    return [
      ['#/offices', 'nav.apply', 'nav-apply'],
      ['#/applications', 'nav.mine', 'nav-mine'],
      ['#/holdings', 'nav.holdings', 'nav-holdings'],
      ['#/access-log', 'nav.access', 'nav-access'],
    ];
  }
  return [
    ['#/offices', 'nav.apply', 'nav-apply'],
    ['#/signin', 'nav.signin', 'nav-signin'],
  ];
}

function who(c) {
  if (!c) return null;
  if (isCitizen(c)) return t('who.citizen');
  // The office by its name (filled in once known), never its id.
  const office = c.office_id && c.office_id !== 'lgd' ? h('span', { testid: 'who-office' }) : null;
  if (office) {
    api(`/offices/${encodeURIComponent(c.office_id)}`, { cached: true })
      .then((o) => {
        office.textContent = pick(o, 'name');
      })
      .catch(() => office.remove());
  }
  const parts = [t(`role.${c.role}`), office, c.ward ? t('common.ward_n', { n: c.ward }) : null].filter(Boolean);
  return parts.flatMap((part, i) => (i ? [' · ', part] : [part]));
}

function renderChrome() {
  const c = claims();
  document.getElementById('skip').textContent = t('nav.skip');
  const other = lang() === 'bn' ? 'en' : 'bn';
  mount(
    document.getElementById('topbar'),
    h(
      'div',
      { class: 'bar' },
      h('a', { href: '#/', class: 'brand', testid: 'brand' }, t('app.name')),
      h(
        'div',
        { class: 'bar-actions' },
        h(
          'button',
          { type: 'button', class: 'btn-bar', lang: other, testid: 'lang-switch', onclick: () => setLang(other) },
          t('lang.other'),
        ),
        c
          ? h(
              'button',
              {
                type: 'button',
                class: 'btn-bar',
                testid: 'signout',
                onclick: () => {
                  signOut();
                  navigate('#/');
                },
              },
              t('nav.signout'),
            )
          : null,
      ),
    ),
    h(
      'nav',
      { 'aria-label': t('nav.label'), class: 'nav' },
      h(
        'ul',
        {},
        navLinks(c)
          .filter(Boolean)
          .map(([href, key, testid]) => h('li', {}, h('a', { href, testid }, t(key)))),
      ),
      c ? h('p', { class: 'who', testid: 'who' }, who(c)) : null,
    ),
  );
  mount(
    document.getElementById('footer'),
    h('p', {}, h('a', { href: '/verify', testid: 'verify-link' }, t('footer.verify'))),
    h(
      'p',
      {},
      h('a', { href: '#/consent', testid: 'consent-link' }, t('footer.consent')),
      ' · ',
      h('a', { href: '#/staff/signin', testid: 'staff-link' }, t('footer.staff')),
    ),
    h('p', { class: 'muted' }, t('footer.note')),
  );
  markCurrent();
}

function markCurrent() {
  const here = `#${parseHash(location.hash).path}`;
  for (const a of document.querySelectorAll('#topbar nav a')) {
    if (a.getAttribute('href') === here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function network() {
  const banner = document.getElementById('net');
  const offline = navigator.onLine === false;
  banner.hidden = !offline;
  banner.textContent = offline ? t('net.offline') : '';
}

function start() {
  // A QR code's verify link lands on the site root with its payload after '#': the verifier reads it.
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash.startsWith('SS1:') && !location.pathname.startsWith('/verify')) {
    location.replace(`/verify${location.hash}`);
    return;
  }
  // An heir's consent SMS links to /c#<token> (short, to fit one SMS): the consent page for it.
  if (location.pathname === '/c') history.replaceState(null, '', `/#/consent/${encodeURIComponent(hash)}`);
  document.documentElement.lang = lang();
  document.getElementById('skip').addEventListener('click', (e) => {
    e.preventDefault();
    document.getElementById('main').focus();
  });
  window.addEventListener('hashchange', () => {
    markCurrent();
    render();
  });
  window.addEventListener('lang-changed', () => {
    document.documentElement.lang = lang();
    renderChrome();
    network();
    render();
  });
  window.addEventListener('session-changed', renderChrome);
  window.addEventListener('session-expired', () => {
    const staffPage = /^\/(office|stats|staff\/password)/.test(parseHash(location.hash).path);
    const here =
      location.hash.startsWith('#/') && !/^#\/(staff\/)?signin/.test(location.hash)
        ? `&next=${encodeURIComponent(location.hash)}`
        : '';
    navigate(`${staffPage ? '#/staff/signin' : '#/signin'}?expired=1${here}`);
  });
  window.addEventListener('online', () => {
    network();
    if (document.querySelector('#main [data-testid="retry"]')) render();
  });
  window.addEventListener('offline', network);
  // Back from the payment gateway (or any page restored from the back-forward cache): fresh data.
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) render();
  });
  renderChrome();
  network();
  render();
}

start();
