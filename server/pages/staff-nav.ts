import type express from 'express';
import type { Locale } from '../../shared/domain/ids';
import type { Role } from '../../shared/domain/people';
import type { Store } from '../../shared/domain/shop';
import { staff } from '../../shared/i18n/staff';
import { translator } from '../../shared/i18n/translate';
import { READS, rolesFor } from '../../shared/workflow/permissions';
import type { Principal } from '../auth/principal';
import { hasRole, maySeeStore } from '../auth/policy';
import { esc } from './print-shell';

/**
 * The small navigation every staff page shares (print pages, /admin/*, the password page): the
 * pages this person may open for this store, who is signed in, and a sign-out button. Links the
 * person may not follow are left out rather than shown and refused.
 *
 * To add a page: add a row to LINKS with the roles its route checks.
 */
const LINKS: {
  key:
    'nav.dispatch' | 'nav.customer' | 'nav.reports' | 'nav.plan' | 'nav.reminders' | 'nav.print' | 'nav.people' | 'nav.displays' | 'nav.scan' | 'nav.webhooks';
  path: string;
  roles: readonly Role[];
}[] = [
  { key: 'nav.dispatch', path: '/display/dispatch', roles: READS.staffData },
  { key: 'nav.customer', path: '/display/customer', roles: READS.staffData },
  { key: 'nav.plan', path: '/plan', roles: READS.plan },
  { key: 'nav.reminders', path: '/reminders', roles: READS.reminders },
  { key: 'nav.reports', path: '/reports', roles: READS.reports },
  { key: 'nav.print', path: '/print/badges', roles: READS.admin },
  { key: 'nav.people', path: '/admin/people', roles: rolesFor('addPerson') },
  { key: 'nav.displays', path: '/admin/displays', roles: rolesFor('pairDisplay') },
  { key: 'nav.scan', path: '/admin/scan', roles: READS.admin },
  { key: 'nav.webhooks', path: '/admin/webhooks', roles: READS.admin },
];

export const staffT = (lang: Locale) => translator(staff, lang);

/** The nav's HTML (inside the print shell's toolbar, or on its own). `current`: the path being shown. */
export function staffNav(p: Principal | undefined, store: Store, lang: Locale, current: string): string {
  if (!p || p.kind === 'display') return '';
  const t = staffT(lang);
  const q = `?store=${encodeURIComponent(store.id)}`;
  const links = maySeeStore(p, store.id) ? LINKS.filter((l) => hasRole(p, l.roles)) : [];
  const items = links.map((l) => `<a href="${l.path}${q}"${l.path === current ? ' class="on" aria-current="page"' : ''}>${esc(t(l.key))}</a>`).join('');
  const who = p.kind === 'staff' ? `<a class="who" href="/account/password${q}" title="${esc(t('nav.password'))}">${esc(p.name)}</a>` : '';
  return `${items}<span class="spacer"></span>${who}<form class="out" method="post" action="/sign-out"><button type="submit">${esc(t('nav.signOut'))}</button></form>`;
}

/** Where a page that needs a person sends someone who is not signed in. */
export const signInRedirect = (req: express.Request, res: express.Response, store: Store): void => {
  res.redirect(303, `/sign-in?store=${encodeURIComponent(store.id)}&next=${encodeURIComponent(req.originalUrl)}`);
};

export const NAV_CSS = `
  .toolbar .spacer { flex: 1; }
  .toolbar .who { background: transparent; color: #e5e7eb; border-color: transparent; }
  .toolbar form.out { margin: 0; }
`;
