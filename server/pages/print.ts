import express from 'express';
import { bayName, operationTitle } from '../../shared/domain/localised-names';
import { peopleOf } from '../../shared/domain/people-directory';
import { activePeopleAt } from '../people/directory';
import { formatPlate } from '../../shared/domain/plate';
import type { RepairOrder } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import { formatDateTime } from '../../shared/i18n/translate';
import type { AppDeps } from '../deps';
import { hasRole } from '../auth/policy';
import { READS, rolesFor } from '../../shared/workflow/permissions';
import { publicBase, qrSvg, scanPath } from '../scan/qr';
import { scanServiceOf } from '../scan/scan-service';
import { esc, langOf, sendPrintPage, staffOnly, tFor, type Paper, type T } from './print-shell';

/**
 * Printed codes: the job card of a repair order (/print/job-card/<roId>, A4 or 80 mm
 * receipt with ?paper=80mm), bay labels (/print/bays) and staff badges (/print/badges).
 * Every QR is a signed scan-page URL (server/scan/codes.ts). Job cards are for the front desk
 * and dispatch; labels and badges for admins.
 */

export function printPageRoutes(deps: AppDeps): express.Router {
  const router = express.Router();
  const storeOf = (req: express.Request) => deps.shop.stores.find((s) => s.id === req.query.store) ?? deps.shop.stores[0]!;
  const scan = () => scanServiceOf(deps);
  const codeUrl = (req: express.Request, store: Store, token: string) => publicBase(req, store) + scanPath(token);

  router.get('/print/job-card/:roId', async (req, res) => {
    let store = storeOf(req);
    const principal = staffOnly(deps, req, res, store, READS.jobCards);
    if (!principal) return;
    // By id, or by the RO number a person reads off the screen (RO20261123-0012).
    const find = async (s: Store) => {
      const ros = (await deps.service.state(s.id)).ros;
      return ros.get(req.params.roId) ?? [...ros.values()].find((r) => r.number === req.params.roId);
    };
    let ro = await find(store);
    // Without ?store=, look in the other stores this person may see.
    for (const other of deps.shop.stores) {
      if (ro || req.query.store) break;
      const found = await find(other);
      if (found && staffOnlyQuiet(principal, other)) [store, ro] = [other, found];
    }
    const lang = langOf(req, store);
    const t = tFor(lang);
    if (!ro) {
      res.status(404);
      return sendPrintPage(res, {
        title: t('page.notFound', { id: req.params.roId }),
        lang,
        paper: 'a4',
        body: `<h1>${esc(t('page.notFound', { id: req.params.roId }))}</h1>`,
      });
    }
    const paper: Paper = req.query.paper === '80mm' ? '80mm' : 'a4';
    const roQr = await qrSvg(codeUrl(req, store, await scan().issue({ kind: 'ro', storeId: store.id, roId: ro.id })));
    const opQrs = await Promise.all(
      ro.operations.map(async (op) =>
        qrSvg(codeUrl(req, store, await scan().issue({ kind: 'operation', storeId: store.id, roId: ro.id, operationId: op.id }))),
      ),
    );
    const query = (p: Paper) =>
      `?${new URLSearchParams({ ...(req.query.store ? { store: store.id } : {}), ...(req.query.lang ? { lang } : {}), ...(p === '80mm' ? { paper: p } : {}) })}`;
    const toolbar = [
      `<button data-print>${esc(t('tool.print'))}</button>`,
      `<a href="${esc(query('a4'))}" class="${paper === 'a4' ? 'on' : ''}">${esc(t('tool.a4'))}</a>`,
      `<a href="${esc(query('80mm'))}" class="${paper === '80mm' ? 'on' : ''}">${esc(t('tool.receipt'))}</a>`,
      ...(hasRole(principal, rolesFor('revokeCodes'))
        ? [`<button class="danger" data-revoke-kind="ro" data-revoke-id="${esc(ro.id)}">${esc(t('tool.revoke'))}</button>`]
        : []),
    ].join('');
    sendPrintPage(res, {
      title: `${t('jobCard.title')} ${ro.number}`,
      lang,
      paper,
      toolbar,
      body: (paper === 'a4' ? jobCardA4 : jobCardReceipt)(ro, store, t, lang, roQr, opQrs),
      css: JOB_CARD_CSS,
      tools: { storeId: store.id, revokeConfirm: t('tool.revokeConfirm') },
    });
  });

  router.get('/print/badges', async (req, res) => {
    const store = storeOf(req);
    if (!staffOnly(deps, req, res, store, READS.admin)) return;
    const lang = langOf(req, store);
    const t = tFor(lang);
    const badges = await Promise.all(
      activePeopleAt(store, await deps.service.state(store.id)).map(async (p) => {
        const qr = await qrSvg(codeUrl(req, store, await scan().issue({ kind: 'badge', storeId: store.id, personId: p.id })));
        const team = p.teamId ? store.teams.find((x) => x.id === p.teamId)?.name : undefined;
        return `<section class="badge">
        <div class="who"><div class="store">${esc(store.name[lang])}</div><div class="name">${esc(p.name)}</div>
          <div class="roles">${esc(p.roles.map((r) => t(`role.${r}`)).join(' · '))}${team ? ` · ${esc(team)}` : ''}</div>
          <div class="hint">${esc(t('badge.hint'))}</div><div class="id mono">${esc(p.id)}</div></div>
        <div class="qr">${qr}</div>
        <button class="no-print revoke" data-revoke-kind="badge" data-revoke-id="${esc(p.id)}">${esc(t('badge.revoke'))}</button>
      </section>`;
      }),
    );
    sendPrintPage(res, {
      title: `${t('badge.title')} · ${store.name[lang]}`,
      lang,
      paper: 'a4',
      css: BADGE_CSS,
      toolbar: `<button data-print>${esc(t('tool.print'))}</button>`,
      body: `<div class="badges">${badges.join('')}</div>`,
      tools: { storeId: store.id, revokeConfirm: t('tool.revokeConfirm') },
    });
  });

  router.get('/print/bays', async (req, res) => {
    const store = storeOf(req);
    if (!staffOnly(deps, req, res, store, READS.admin)) return;
    const lang = langOf(req, store);
    const t = tFor(lang);
    const labels = await Promise.all(
      store.bays.map(async (bay) => {
        const qr = await qrSvg(codeUrl(req, store, await scan().issue({ kind: 'bay', storeId: store.id, bayId: bay.id })));
        return `<section class="bay"><div class="store">${esc(store.name[lang])}</div><div class="name">${esc(bayName(bay, lang))}</div>
        <div class="qr">${qr}</div><div class="hint">${esc(t('bays.hint'))}</div><div class="id mono">${esc(bay.id)}</div>
        <button class="no-print revoke" data-revoke-kind="bay" data-revoke-id="${esc(bay.id)}">${esc(t('tool.revoke'))}</button></section>`;
      }),
    );
    sendPrintPage(res, {
      title: `${t('bays.title')} · ${store.name[lang]}`,
      lang,
      paper: 'a4',
      css: BAY_CSS,
      toolbar: `<button data-print>${esc(t('tool.print'))}</button>`,
      body: `<div class="bays">${labels.join('')}</div>`,
      tools: { storeId: store.id, revokeConfirm: t('tool.revokeConfirm') },
    });
  });
  return router;
}

const staffOnlyQuiet = (principal: NonNullable<ReturnType<AppDeps['auth']['fromRequest']>>, store: Store) =>
  principal.kind === 'integration' || (principal.kind === 'staff' && (principal.storeIds === '*' || principal.storeIds.includes(store.id)));

interface Facts {
  rows: [string, string][];
  description?: string;
  techName: (id?: string) => string;
  bayName: (id?: string) => string;
}

function factsOf(ro: RepairOrder, store: Store, t: T, lang: 'zh-CN' | 'en'): Facts {
  const advisor = store.advisors.find((a) => a.id === ro.advisorId);
  const names = new Map(peopleOf(store).map((p) => [p.id, p.name]));
  const rows: [string, string][] = [
    [t('jobCard.plate'), formatPlate(ro.vehicle.plate, store.country)],
    [t('jobCard.vehicle'), [ro.vehicle.make, ro.vehicle.model, ro.vehicle.color].filter(Boolean).join(' ')],
    [t('jobCard.mileage'), ro.vehicle.mileageKm !== undefined ? `${ro.vehicle.mileageKm.toLocaleString('en')} km` : t('jobCard.none')],
    [t('jobCard.advisor'), advisor ? `${advisor.name}${advisor.desk ? ` (${advisor.desk})` : ''}` : t('jobCard.none')],
    [t('jobCard.promised'), ro.promisedAt ? formatDateTime(ro.promisedAt, store.timezone, lang) : t('jobCard.none')],
    [t('jobCard.priority'), t(`priority.${ro.priority}`)],
    [t('jobCard.wash'), ro.wash ? t('jobCard.yes') : t('jobCard.no')],
  ];
  return {
    rows,
    description: ro.description,
    techName: (id) => (id ? (names.get(id) ?? id) : t('jobCard.none')),
    bayName: (id) => {
      const bay = id ? store.bays.find((b) => b.id === id) : undefined;
      return bay ? bayName(bay, lang) : (id ?? t('jobCard.none'));
    },
  };
}

const header = (ro: RepairOrder, store: Store, t: T, lang: 'zh-CN' | 'en') => `
  <div class="store">${esc(store.name[lang])}</div>
  <div class="title">${esc(t('jobCard.title'))}</div>
  <div class="number mono">${esc(ro.number)}</div>
  ${ro.stage === 'delivered' ? `<p class="closed">${esc(t('jobCard.delivered', { time: formatDateTime(ro.deliveredAt ?? ro.stageSince, store.timezone, lang) }))}</p>` : ''}`;

const footer = (store: Store, t: T, lang: 'zh-CN' | 'en') =>
  `<footer><p>${esc(t('jobCard.scanHint'))}</p><p class="small">${esc(t('jobCard.printedAt', { time: formatDateTime(Date.now(), store.timezone, lang) }))}</p></footer>`;

function jobCardA4(ro: RepairOrder, store: Store, t: T, lang: 'zh-CN' | 'en', roQr: string, opQrs: string[]): string {
  const f = factsOf(ro, store, t, lang);
  const total = ro.operations.reduce((s, o) => s + o.standardHours, 0);
  return `<header class="top"><div class="head">${header(ro, store, t, lang)}</div>
    <figure class="ro-code"><div class="qr" data-code="ro">${roQr}</div><figcaption>${esc(t('jobCard.roCode'))}</figcaption></figure></header>
  <dl class="facts">${f.rows.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>
  ${f.description ? `<p class="desc"><b>${esc(t('jobCard.description'))}:</b> ${esc(f.description)}</p>` : ''}
  <table class="ops"><thead><tr><th>#</th><th>${esc(t('jobCard.operations'))}</th><th>${esc(t('jobCard.hours'))}</th><th>${esc(t('jobCard.bay'))}</th><th>${esc(t('jobCard.technician'))}</th><th>${esc(t('jobCard.code'))}</th></tr></thead>
  <tbody>${ro.operations
    .map(
      (op, i) => `<tr>
    <td class="n">${i + 1}</td><td><div class="op-title">${esc(operationTitle(op, store.catalogue, lang))}</div><div class="mono small">${esc(op.code)}</div></td>
    <td class="h">${op.standardHours} h</td><td>${esc(f.bayName(op.bayId))}</td><td>${esc(f.techName(op.technicianId))}</td>
    <td class="qr-cell"><div class="qr" data-code="operation" data-operation="${esc(op.id)}">${opQrs[i]}</div></td></tr>`,
    )
    .join('')}
  </tbody><tfoot><tr><td></td><td></td><td class="h">${esc(t('jobCard.totalHours', { hours: Math.round(total * 10) / 10 }))}</td><td colspan="3"></td></tr></tfoot></table>
  <section class="notes"><div class="label">${esc(t('jobCard.notes'))}</div><div class="lines"></div>
    <div class="signs"><span>${esc(t('jobCard.signTech'))}</span><span>${esc(t('jobCard.signQc'))}</span></div></section>
  ${footer(store, t, lang)}`;
}

function jobCardReceipt(ro: RepairOrder, store: Store, t: T, lang: 'zh-CN' | 'en', roQr: string, opQrs: string[]): string {
  const f = factsOf(ro, store, t, lang);
  return `<header class="center">${header(ro, store, t, lang)}</header>
  <figure class="ro-code"><div class="qr" data-code="ro">${roQr}</div><figcaption>${esc(t('jobCard.roCode'))}</figcaption></figure>
  <dl class="facts">${f.rows.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>
  ${f.description ? `<p class="desc"><b>${esc(t('jobCard.description'))}:</b> ${esc(f.description)}</p>` : ''}
  ${ro.operations
    .map(
      (op, i) => `<section class="op">
    <div class="op-title">${i + 1}. ${esc(operationTitle(op, store.catalogue, lang))}</div>
    <div class="small">${esc(op.code)} · ${op.standardHours} h · ${esc(f.bayName(op.bayId))} · ${esc(f.techName(op.technicianId))}</div>
    <div class="qr" data-code="operation" data-operation="${esc(op.id)}">${opQrs[i]}</div></section>`,
    )
    .join('')}
  ${footer(store, t, lang)}`;
}

const JOB_CARD_CSS = `
  .store { font-size: 11pt; color: #333; }
  .title { font-size: 20pt; font-weight: 800; }
  /* Spaced-out type suits Chinese characters; in Latin text it reads "J o b  c a r d". */
  html[lang|=zh] .title { letter-spacing: .1em; }
  .number { font-size: 22pt; font-weight: 800; margin-top: 1mm; }
  .closed { border: 0.6mm solid #000; padding: 2mm; font-weight: 700; }
  .small { font-size: 8.5pt; color: #333; }
  .a4 .top { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 0.8mm solid #000; padding-bottom: 3mm; }
  .a4 .ro-code { margin: 0; width: 40mm; text-align: center; }
  .ro-code figcaption { font-size: 9pt; font-weight: 700; }
  .a4 .facts { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2mm 4mm; margin: 4mm 0 2mm; }
  .facts dt { font-size: 8.5pt; color: #444; }
  .facts dd { margin: 0; font-size: 12pt; font-weight: 700; }
  .desc { font-size: 10.5pt; margin: 2mm 0 3mm; }
  .ops { width: 100%; border-collapse: collapse; font-size: 11pt; }
  .ops th { text-align: left; font-size: 9pt; border-bottom: 0.5mm solid #000; padding: 1.5mm 1mm; }
  .ops td { border-bottom: 0.3mm solid #999; padding: 1.5mm 1mm; vertical-align: middle; }
  .ops tr { break-inside: avoid; }
  .ops .n { font-weight: 800; font-size: 14pt; width: 8mm; }
  .ops .h { white-space: nowrap; }
  .op-title { font-weight: 800; font-size: 13pt; }
  .qr-cell { width: 34mm; }
  .qr-cell .qr { width: 32mm; }
  footer { margin-top: 4mm; font-size: 9.5pt; }
  .notes { margin-top: 5mm; border: 0.4mm solid #000; padding: 2mm 3mm 3mm; break-inside: avoid; }
  .notes .label { font-size: 9pt; font-weight: 700; }
  .notes .lines { height: 28mm; background: repeating-linear-gradient(transparent 0 6.6mm, #999 6.6mm 6.9mm); }
  .notes .signs { display: flex; gap: 10mm; margin-top: 3mm; font-size: 9.5pt; }
  .notes .signs span { flex: 1; border-bottom: 0.3mm solid #000; padding-bottom: 5mm; }
  .r80 .center { text-align: center; border-bottom: 0.6mm dashed #000; padding-bottom: 2mm; }
  .r80 .number { font-size: 18pt; }
  .r80 .ro-code { margin: 2mm auto; width: 48mm; text-align: center; }
  .r80 .facts { margin: 2mm 0; }
  .r80 .facts div { display: flex; justify-content: space-between; gap: 2mm; border-bottom: 0.2mm dotted #999; padding: .6mm 0; }
  .r80 .facts dd { font-size: 10.5pt; text-align: right; }
  .r80 .op { border-top: 0.6mm dashed #000; padding-top: 2mm; margin-top: 2mm; break-inside: avoid; }
  .r80 .op .qr { width: 46mm; margin: 1mm auto 0; }
`;

const BADGE_CSS = `
  .a4 .sheet { padding: 10mm 12mm; }
  .badges { display: grid; grid-template-columns: repeat(2, 85.6mm); gap: 6mm 8mm; justify-content: center; }
  .badge { position: relative; width: 85.6mm; height: 54mm; border: 0.4mm solid #000; border-radius: 3mm; padding: 3mm; display: flex; gap: 2mm; break-inside: avoid; }
  .badge .who { flex: 1; display: flex; flex-direction: column; }
  .badge .store { font-size: 7.5pt; }
  .badge .name { font-size: 20pt; font-weight: 800; margin-top: 2mm; }
  .badge .roles { font-size: 9pt; margin-top: 1mm; }
  .badge .hint { margin-top: auto; font-size: 9pt; font-weight: 700; }
  .badge .id { font-size: 7.5pt; color: #444; }
  .badge .qr { width: 40mm; align-self: center; }
  .revoke { position: absolute; right: 2mm; bottom: -5mm; font-size: 11px; }
`;

const BAY_CSS = `
  .bays { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm; }
  .bay { position: relative; border: 0.6mm solid #000; border-radius: 3mm; padding: 5mm; text-align: center; break-inside: avoid; }
  .bay .store { font-size: 9pt; }
  .bay .name { font-size: 26pt; font-weight: 900; margin: 2mm 0; }
  .bay .qr { width: 62mm; margin: 0 auto; }
  .bay .hint { font-size: 11pt; font-weight: 700; }
  .bay .id { font-size: 8pt; color: #444; }
  .revoke { margin-top: 2mm; font-size: 11px; }
`;
