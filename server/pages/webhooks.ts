import express from 'express';
import type { Locale } from '../../shared/domain/ids';
import type { Store } from '../../shared/domain/shop';
import { formatDateTime, translator } from '../../shared/i18n/translate';
import { webhooksText } from '../../shared/i18n/webhooks';
import { READS } from '../../shared/workflow/permissions';
import type { AppDeps } from '../deps';
import { maySeeStore, mayOpenStaffPage } from '../auth/policy';
import { WEBHOOK_EVENT_TYPES, type EndpointView } from '../webhooks';
import type { DeliveryView } from '../webhooks/endpoints';
import { esc } from './print-shell';
import { signInRedirect, staffNav } from './staff-nav';
import { sendFormPage } from './staff-page';

/**
 * /admin/webhooks: the endpoints the DMS registered (or an admin adds here), whether each is
 * enabled and why not, and the latest deliveries with their attempts. The buttons call the
 * webhook API (server/http/webhooks.ts) through the staff pages' one script (print-tools.ts).
 */
export function webhookPageRoutes(deps: AppDeps): express.Router {
  const router = express.Router();
  router.get('/admin/webhooks', async (req, res) => {
    const store = deps.shop.stores.find((s) => s.id === req.query.store) ?? deps.shop.stores[0]!;
    const lang: Locale = req.query.lang === 'en' || req.query.lang === 'zh-CN' ? req.query.lang : store.locale;
    const t = translator(webhooksText, lang);
    const p = deps.auth.fromRequest(req);
    if (!p || p.kind === 'display') return signInRedirect(req, res, store);
    if (!mayOpenStaffPage(p, store, READS.admin)) return signInRedirect(req, res, store);
    const nav = staffNav(p, store, lang, '/admin/webhooks');
    if (!deps.webhooks) {
      sendFormPage(res, { status: 503, lang, wide: true, title: t('title'), nav, body: `<h1>${esc(t('title'))}</h1><p>${esc(t('unavailable'))}</p>` });
      return;
    }
    const visible = (storeId: string | null) =>
      p.kind === 'integration' || (p.kind === 'staff' && (p.storeIds === '*' || (storeId !== null && maySeeStore(p, storeId))));
    const endpoints = (await deps.webhooks.endpoints.list()).filter((e) => visible(e.storeId));
    const deliveries = (await deps.webhooks.endpoints.recentDeliveries({ limit: 200 }))
      .filter((d) => endpoints.some((e) => e.id === d.endpointId))
      .slice(0, 40);
    const stores = deps.shop.stores.filter((s) => maySeeStore(p, s.id));
    const urlOf = new Map(endpoints.map((e) => [e.id, e.url]));
    sendFormPage(res, {
      lang,
      wide: true,
      css: CSS,
      tools: { storeId: store.id },
      title: `${t('title')} · ${store.name[lang]}`,
      nav,
      body: `<h1>${esc(t('title'))}</h1>
<p class="intro">${esc(t('intro'))}</p>
<section id="secret-output" class="secret" hidden aria-live="polite">
  <h2>${esc(t('secretTitle'))}</h2><p class="mono" data-secret></p><p class="hint">${esc(t('secretHint'))}</p>
  <button type="button" data-reload>${esc(t('done'))}</button>
</section>
<details class="add"${endpoints.length ? '' : ' open'}><summary>${esc(t('add'))}</summary>
<form data-json-form="POST /api/webhooks" data-omit-empty>
  <div class="row"><label>${esc(t('url'))}<input name="url" type="url" required maxlength="2000" placeholder="https://dms.example.com/hooks" autocomplete="off"></label>
  <label>${esc(t('store'))}<select name="storeId">${p.kind === 'integration' || (p.kind === 'staff' && p.storeIds === '*') ? `<option value="">${esc(t('allStores'))}</option>` : ''}${stores.map((s) => `<option value="${esc(s.id)}"${s.id === store.id ? ' selected' : ''}>${esc(s.name[lang])}</option>`).join('')}</select></label>
  <label>${esc(t('description'))}<input name="description" maxlength="200" autocomplete="off"></label></div>
  <fieldset><legend>${esc(t('events'))} <small>(${esc(t('allEvents'))})</small></legend>${WEBHOOK_EVENT_TYPES.map((e) => `<label class="check"><input type="checkbox" name="events" value="${e}"> <span class="mono">${e}</span></label>`).join('')}</fieldset>
  <button class="primary" type="submit">${esc(t('submit'))}</button>
</form></details>
${endpoints.length ? endpoints.map((e) => endpointCard(e, t, store, lang, deps.shop.stores)).join('') : `<p class="empty">${esc(t('none'))}</p>`}
<h2>${esc(t('deliveries'))}</h2>
${deliveries.length ? deliveryTable(deliveries, urlOf, t, store, lang, new Set(endpoints.filter((e) => !e.enabled).map((e) => e.id))) : `<p class="empty">${esc(t('noDeliveries'))}</p>`}`,
    });
  });
  return router;
}

type T = (key: keyof (typeof webhooksText)['en'], params?: Record<string, string | number>) => string;

function endpointCard(e: EndpointView, t: T, store: Store, lang: Locale, stores: readonly Store[]): string {
  const at = (iso: string | null) => (iso ? esc(formatDateTime(iso, store.timezone, lang)) : '');
  const storeName = e.storeId ? (stores.find((s) => s.id === e.storeId)?.name[lang] ?? e.storeId) : t('allStores');
  const api = `/api/webhooks/${encodeURIComponent(e.id)}`;
  const state = e.enabled
    ? `<span class="tag on">${esc(t('enabled'))}</span>${e.failingSince ? ` <span class="tag warn">${esc(t('failingSince'))} ${at(e.failingSince)}</span>` : ''}`
    : `<b class="tag off">${esc(t('disabled'))}</b> <span class="why">${esc(reasonText(e.disabledReason, t))}</span> <small>${at(e.disabledAt)}</small>`;
  return `<section class="endpoint${e.enabled ? '' : ' is-off'}" data-endpoint="${esc(e.id)}">
  <div class="head"><p class="url mono">${esc(e.url)}</p><div class="actions">
    ${
      e.enabled
        ? `<button data-call="PATCH ${esc(api)}" data-body='{"enabled":false}'>${esc(t('disable'))}</button>`
        : `<button class="go" data-call="PATCH ${esc(api)}" data-body='{"enabled":true}'>${esc(t('enable'))}</button>`
    }
    <button class="danger" data-call="DELETE ${esc(api)}" data-confirm="${esc(t('removeConfirm'))}">${esc(t('remove'))}</button></div></div>
  <p class="meta">${state} · ${esc(storeName)} · ${e.events ? e.events.map((x) => `<span class="ev mono">${esc(x)}</span>`).join(' ') : esc(t('allEvents').split('=').pop()!.trim())} · ${esc(t('pending'))}: <b>${e.pending}</b>${e.description ? ` · ${esc(e.description)}` : ''} · <small class="mono">${esc(e.id)}</small></p>
</section>`;
}

/** The stored reason (English, as the API answers it) in the page's language. */
function reasonText(reason: string | null, t: T): string {
  if (!reason) return '';
  if (reason.includes('410')) return t('reasonGone');
  if (reason.startsWith('Every attempt failed')) return `${t('reasonFailing')} (${reason.replace(/^.*\(last: /, '').replace(/\)$/, '')})`;
  if (reason === 'Disabled by hand') return t('reasonManual');
  return reason;
}

function deliveryTable(rows: DeliveryView[], urlOf: Map<string, string>, t: T, store: Store, lang: Locale, off: Set<string>): string {
  const at = (iso: string | null) => (iso ? esc(formatDateTime(iso, store.timezone, lang)) : '—');
  return `<table><thead><tr><th>${esc(t('when'))}</th><th>${esc(t('event'))}</th><th>${esc(t('url'))}</th><th>${esc(t('status'))}</th><th>${esc(t('attempts'))}</th><th>${esc(t('next'))}</th></tr></thead><tbody>
${rows
  .map(
    (
      d,
    ) => `<tr class="${d.status}"><td>${at(d.updatedAt)}</td><td><span class="mono">${esc(d.type)}</span><br><small class="mono">${esc(d.storeId)} #${d.seq}</small></td>
<td class="mono small">${esc(urlOf.get(d.endpointId) ?? d.endpointId)}</td>
<td>${
      d.status === 'sent'
        ? `<span class="tag on">${esc(t('sent'))}${d.lastStatus ? ` ${d.lastStatus}` : ''}</span>`
        : `<span class="tag ${off.has(d.endpointId) ? 'off' : 'warn'}">${esc(t(off.has(d.endpointId) ? 'held' : 'waiting'))}</span> <small>${esc(d.lastError ?? '')}</small>`
    }</td>
<td>${d.attempts}</td><td>${d.status === 'pending' && !off.has(d.endpointId) ? at(d.nextAttemptAt) : '—'}</td></tr>`,
  )
  .join('')}
</tbody></table>`;
}

const CSS = `
  .mono { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; }
  .intro { color: #334155; line-height: 1.6; max-width: 70rem; margin: -0.6rem 0 1rem; }
  h2 { font-size: 1.35rem; margin: 1.6rem 0 0.6rem; }
  details.add { margin: 1rem 0; border: 2px solid #c7d2fe; border-radius: 0.8rem; padding: 0.6rem 1rem; background: #f8faff; }
  details.add summary { font-weight: 700; font-size: 1.1rem; cursor: pointer; min-height: 44px; display: flex; align-items: center; }
  .row { display: flex; gap: 1rem; flex-wrap: wrap; } .row label { flex: 1 1 16rem; } .row label:first-child { flex: 2 1 24rem; }
  fieldset { border: 0; padding: 0; margin: 1rem 0 0; } legend { font-weight: 600; margin-bottom: 0.3rem; } legend small { font-weight: 400; color: #52627a; }
  label.check { display: inline-flex; align-items: center; gap: 0.4rem; font-weight: 400; margin: 0.2rem 1rem 0.2rem 0; min-height: 44px; font-size: 0.95rem; }
  label.check input { width: 1.3rem; height: 1.3rem; min-height: 0; }
  details.add button.primary { width: auto; padding: 0 2rem; }
  .endpoint { border: 2px solid #d8dee8; border-radius: 0.8rem; padding: 0.8rem 1rem; margin: 0.8rem 0; background: #fff; }
  .endpoint.is-off { border-color: #dc2626; background: #fef2f2; }
  .endpoint .head { display: flex; align-items: center; gap: 1rem; justify-content: space-between; flex-wrap: wrap; }
  .endpoint .url { font-size: 1.1rem; font-weight: 700; margin: 0; word-break: break-all; }
  .endpoint .meta { margin: 0.5rem 0 0; line-height: 1.9; }
  .ev { background: #eef2ff; color: #1e3a8a; border-radius: 0.4rem; padding: 0.05rem 0.4rem; font-size: 0.85rem; }
  .why { font-weight: 600; color: #991b1b; }
  .tag { border-radius: 0.4rem; padding: 0.15rem 0.5rem; font-size: 0.95rem; white-space: nowrap; }
  .tag.on { background: #dcfce7; color: #14532d; } .tag.warn { background: #fef3c7; color: #78350f; } .tag.off { background: #dc2626; color: #fff; }
  .actions { white-space: nowrap; }
  .actions button, .secret button { font: inherit; font-size: 1rem; min-height: 44px; min-width: 44px; padding: 0.5rem 0.9rem; margin: 0.15rem; border-radius: 0.5rem; border: 1px solid #9ca3af; background: #f9fafb; color: #111; cursor: pointer; }
  .actions button.danger { background: #fee2e2; border-color: #dc2626; color: #991b1b; }
  .actions button.go { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
  .secret { border: 3px solid #16a34a; background: #f0fdf4; border-radius: 0.8rem; padding: 1rem; margin: 1rem 0; }
  .secret[hidden] { display: none; } .secret h2 { margin-top: 0; }
  .secret [data-secret] { font-size: 1.1rem; background: #fff; padding: 0.6rem; border-radius: 0.4rem; word-break: break-all; user-select: all; }
  .empty { color: #52627a; }
  table { width: 100%; border-collapse: collapse; font-size: 1rem; }
  th, td { text-align: left; border-bottom: 1px solid #d8dee8; padding: 0.55rem 0.5rem; vertical-align: top; }
  th { color: #52627a; font-weight: 600; font-size: 0.92rem; }
  td.small { font-size: 0.85rem; word-break: break-all; max-width: 22rem; }
  tr.pending td { background: #fffbeb; }
  @media (max-width: 900px) {
    thead { display: none; }
    table, tbody, tr, td { display: block; width: 100%; }
    tr { border: 1px solid #d8dee8; border-radius: 0.7rem; margin: 0 0 0.8rem; padding: 0.4rem; }
    td { border: 0; padding: 0.3rem 0.4rem; max-width: none; }
  }
`;
