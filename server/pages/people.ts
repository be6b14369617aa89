import express from 'express';
import type { Locale } from '../../shared/domain/ids';
import { RoleSchema } from '../../shared/domain/people';
import type { Store } from '../../shared/domain/shop';
import { formatDateTime } from '../../shared/i18n/translate';
import { rolesFor } from '../../shared/workflow/permissions';
import type { AppDeps } from '../deps';
import { maySeeStore, mayOpenStaffPage } from '../auth/policy';
import { listPeople, type PersonView } from '../people/accounts';
import { esc } from './print-shell';
import { signInRedirect, staffNav, staffT } from './staff-nav';
import { sendFormPage } from './staff-page';

/**
 * /admin/people: everyone of a store with roles and account state; an admin adds a person,
 * hands over a one-time sign-in link (shown as a QR code to scan with the person's phone),
 * resets a password or disables someone. The buttons call the People API (server/http/people.ts)
 * through the staff pages' one script (print-tools.ts).
 */
export function peoplePageRoutes(deps: AppDeps): express.Router {
  const router = express.Router();
  router.get('/admin/people', async (req, res) => {
    const store = deps.shop.stores.find((s) => s.id === req.query.store) ?? deps.shop.stores[0]!;
    const lang: Locale = req.query.lang === 'en' || req.query.lang === 'zh-CN' ? req.query.lang : store.locale;
    const t = staffT(lang);
    const p = deps.auth.fromRequest(req);
    if (!p || p.kind === 'display') return signInRedirect(req, res, store);
    if (!mayOpenStaffPage(p, store, rolesFor('addPerson'))) {
      res.redirect(303, `/sign-in?store=${encodeURIComponent(store.id)}&next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    const people = await listPeople(deps, store);
    const api = `/api/stores/${encodeURIComponent(store.id)}/people`;
    const stores = deps.shop.stores.filter((s) => maySeeStore(p, s.id));
    const storePicker =
      stores.length > 1 && stores.length <= 40
        ? `<p class="stores">${stores.map((s) => `<a href="/admin/people?store=${esc(encodeURIComponent(s.id))}"${s.id === store.id ? ' class="on"' : ''}>${esc(s.name[lang])}</a>`).join('')}</p>`
        : '';
    sendFormPage(res, {
      lang,
      wide: true,
      css: PEOPLE_CSS,
      tools: { storeId: store.id },
      title: `${t('people.title')} · ${store.name[lang]}`,
      nav: staffNav(p, store, lang, '/admin/people'),
      body: `<h1>${esc(t('people.title'))} <small>${esc(store.name[lang])} · ${esc(t('people.count', { n: people.length }))}</small></h1>
${storePicker}
<section id="link-output" class="link" hidden aria-live="polite">
  <div class="qr" data-link-qr></div>
  <div><p data-link-title data-template="${esc(t('people.linkFor', { name: '{name}' }))}"></p><p class="url mono" data-link-url></p>
  <p class="hint">${esc(t('people.linkHint'))}</p><button type="button" data-reload>${esc(t('people.done'))}</button></div>
</section>
<details class="add"${people.length ? '' : ' open'}><summary>${esc(t('people.add'))}</summary>
<form data-json-form="POST ${esc(api)}">
  <p class="hint">${esc(t('people.addHint'))}</p>
  <div class="row"><label>${esc(t('people.id'))}<input name="id" required pattern="[A-Za-z0-9][A-Za-z0-9_.:-]*" maxlength="64" autocomplete="off"></label>
  <label>${esc(t('people.name'))}<input name="name" required maxlength="40" autocomplete="off"></label></div>
  <fieldset><legend>${esc(t('people.roles'))}</legend>${RoleSchema.options.map((r) => `<label class="check"><input type="checkbox" name="roles" value="${r}"> ${esc(t(`role.${r}`))}</label>`).join('')}</fieldset>
  <button class="primary" type="submit">${esc(t('people.add'))}</button>
</form></details>
<table><thead><tr><th>${esc(t('people.name'))}</th><th>${esc(t('people.roles'))}</th><th>${esc(t('people.state'))}</th><th></th></tr></thead><tbody>
${people.map((person) => row(person, store, lang, api, p.id)).join('')}
</tbody></table>`,
    });
  });
  return router;
}

function row(person: PersonView, store: Store, lang: Locale, api: string, me: string): string {
  const t = staffT(lang);
  const at = (iso?: string) => (iso ? ` <small>${esc(formatDateTime(iso, store.timezone, lang))}</small>` : '');
  const state = person.disabled
    ? `<b class="tag off">${esc(t('people.disabled'))}</b>${at(person.disabledAt)}`
    : person.hasPassword
      ? `<span class="tag yes">${esc(t('people.hasPassword'))}</span>${at(person.passwordSetAt)}`
      : `<span class="tag no">${esc(t('people.noPassword'))}</span>`;
  const id = esc(encodeURIComponent(person.id));
  const link = JSON.stringify({ storeId: store.id, personId: person.id, next: person.hasPassword ? undefined : '/account/password' });
  const buttons = person.disabled
    ? `<button data-call="POST ${esc(api)}/${id}/enable">${esc(t('people.enable'))}</button>`
    : `<button data-link-call="POST /api/sign-in-links" data-body="${esc(link)}">${esc(t('people.link'))}</button>
      ${person.hasPassword ? `<button data-link-call="POST ${esc(api)}/${id}/password-reset" data-confirm="${esc(t('people.resetConfirm'))}">${esc(t('people.reset'))}</button>` : ''}
      ${person.id === me ? '' : `<button class="danger" data-call="POST ${esc(api)}/${id}/disable" data-confirm="${esc(t('people.disableConfirm'))}">${esc(t('people.disable'))}</button>`}`;
  return `<tr data-person="${esc(person.id)}"${person.disabled ? ' class="disabled"' : ''}>
  <td><b>${esc(person.name)}</b><br><small class="mono">${esc(person.id)}</small> <small>· ${esc(t(person.fromConfig ? 'people.fromConfig' : 'people.added'))}</small></td>
  <td>${person.roles.map((r) => `<span class="role">${esc(t(`role.${r}`))}</span>`).join('')}</td>
  <td>${state}</td>
  <td class="actions">${buttons}</td></tr>`;
}

const PEOPLE_CSS = `
  h1 small { font-size: 1rem; color: #52627a; font-weight: 400; margin-left: 0.6rem; }
  .mono { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; }
  table { width: 100%; border-collapse: collapse; font-size: 1.05rem; margin-top: 1rem; }
  th, td { text-align: left; border-bottom: 1px solid #d8dee8; padding: 0.7rem 0.6rem; vertical-align: middle; }
  th { color: #52627a; font-weight: 600; font-size: 0.95rem; }
  tr.disabled td { color: #6b7280; background: #f3f4f6; }
  .role { display: inline-block; background: #e0e7ff; color: #1e3a8a; border-radius: 999px; padding: 0.15rem 0.7rem; margin: 0.1rem 0.3rem 0.1rem 0; font-size: 0.95rem; }
  .tag { border-radius: 0.4rem; padding: 0.15rem 0.5rem; font-size: 0.95rem; }
  .tag.yes { background: #dcfce7; color: #14532d; } .tag.no { background: #fef3c7; color: #78350f; } .tag.off { background: #dc2626; color: #fff; }
  .actions { white-space: nowrap; text-align: right; }
  .actions button, .link button, .stores a { font: inherit; font-size: 1rem; min-height: 44px; min-width: 44px; padding: 0.5rem 0.9rem; margin: 0.15rem; border-radius: 0.5rem; border: 1px solid #9ca3af; background: #f9fafb; color: #111; cursor: pointer; text-decoration: none; display: inline-block; }
  .actions button.danger { background: #fee2e2; border-color: #dc2626; color: #991b1b; }
  .stores a.on { background: #1d4ed8; color: #fff; border-color: #1d4ed8; }
  details.add { margin: 1rem 0; border: 2px solid #c7d2fe; border-radius: 0.8rem; padding: 0.6rem 1rem; background: #f8faff; }
  details.add summary { font-weight: 700; font-size: 1.1rem; cursor: pointer; min-height: 44px; display: flex; align-items: center; }
  .row { display: flex; gap: 1rem; flex-wrap: wrap; } .row label { flex: 1 1 14rem; }
  fieldset { border: 0; padding: 0; margin: 1rem 0 0; } legend { font-weight: 600; margin-bottom: 0.3rem; }
  label.check { display: inline-flex; align-items: center; gap: 0.4rem; font-weight: 400; margin: 0.2rem 1rem 0.2rem 0; min-height: 44px; }
  label.check input { width: 1.4rem; height: 1.4rem; min-height: 0; }
  details.add button.primary { width: auto; padding: 0 2rem; }
  .link { display: flex; gap: 1.4rem; align-items: center; border: 3px solid #16a34a; background: #f0fdf4; border-radius: 0.8rem; padding: 1rem; margin: 1rem 0; }
  .link[hidden] { display: none; }
  .link .qr { flex: 0 0 12rem; } .link .qr svg { width: 12rem; height: 12rem; display: block; }
  .link .url { word-break: break-all; font-size: 0.95rem; background: #fff; padding: 0.5rem; border-radius: 0.4rem; }
  @media (max-width: 720px) {
    thead { display: none; }
    table, tbody, tr, td { display: block; width: 100%; }
    tr { border: 1px solid #d8dee8; border-radius: 0.7rem; margin: 0 0 0.8rem; padding: 0.4rem; }
    td { border: 0; padding: 0.35rem 0.4rem; }
    .actions { text-align: left; white-space: normal; }
    .link { flex-direction: column; align-items: stretch; } .link .qr { align-self: center; }
  }
`;
