// The issued certificate's section on a case page: its number and a button that fetches a
// short-lived download link (GET /v1/applications/{id}/certificate). The citizen's copy opens the
// PDF at once and points to the verifier; the office's copy shows the link.

import { api } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { t } from '../i18n.mjs';
import { busy, dl, errorBox, grouped, notice } from './ui.mjs';

function opened(link, citizen) {
  if (!citizen) {
    return h(
      'p',
      {},
      h('a', { href: link.url, target: '_blank', rel: 'noopener', testid: 'certificate-link' }, t('cert.open')),
    );
  }
  return notice(
    h(
      'span',
      {},
      t('cert.ready'),
      ' ',
      h('a', { href: link.url, testid: 'certificate-link', rel: 'noopener', target: '_blank' }, t('cert.open')),
    ),
  );
}

/** `citizen`: the applicant's page (a primary button, the PDF opened, the verifier named). */
export function certificateSection(item, { citizen = false } = {}) {
  const button = h(
    'button',
    { type: 'button', class: citizen ? 'btn' : 'btn btn-secondary', testid: 'download-certificate' },
    t('cert.download'),
  );
  const status = h('div', { 'aria-live': 'polite' });
  button.addEventListener('click', () =>
    busy(
      button,
      async () => {
        if (citizen) mount(status);
        try {
          const link = await api(`/applications/${encodeURIComponent(item.id)}/certificate`);
          mount(status, opened(link, citizen));
          if (citizen) location.assign(link.url);
        } catch (err) {
          mount(status, errorBox(err));
        }
      },
      t('common.loading'),
    ),
  );
  return h(
    'section',
    citizen ? { class: 'panel', 'aria-labelledby': 'cert-h' } : { 'aria-labelledby': 'cert-h' },
    h('h2', { id: 'cert-h' }, t('cert.title')),
    dl([[t('cert.number'), h('span', { class: 'mono', testid: 'certificate-no' }, grouped(item.certificate_no))]]),
    button,
    status,
    citizen
      ? h('p', { class: 'hint' }, t('cert.verify_hint'), ' ', h('a', { href: '/verify' }, t('footer.verify')))
      : null,
  );
}
