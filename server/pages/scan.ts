import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import express from 'express';
import type { Locale } from '../../shared/domain/ids';
import type { Store } from '../../shared/domain/shop';
import { scan as scanText } from '../../shared/i18n/scan';
import { formatDateTime, translator } from '../../shared/i18n/translate';
import type { AppDeps } from '../deps';
import { maySeeStore } from '../auth/policy';
import { READS } from '../../shared/workflow/permissions';
import { HttpError } from '../http/errors';
import { limiterOf } from '../kiosk/rate-limit';
import { accessReport } from '../scan/scan-admin';
import { scanServiceOf, type CodeRefusal } from '../scan/scan-service';
import { esc, langOf, sendPrintPage, staffOnly, tFor } from './print-shell';
import { DIST_DIR } from '../paths';
import { pageHtml } from './shell';

const REFUSALS: readonly string[] = ['invalid_code', 'foreign_store', 'revoked_code', 'not_found'] satisfies CodeRefusal[];

/**
 * The technician scan page: /s/<code> is what every printed QR opens in the phone's camera
 * app, /s is the same page with nothing scanned yet (continuous scanning from there). A code
 * that is altered, of another store, or withdrawn gets a plain page saying so, with the right
 * status, before any script runs. /admin/scan shows an admin the signed-in devices and PINs.
 */
export function scanPageRoutes(deps: AppDeps): express.Router {
  const router = express.Router();
  const scan = () => scanServiceOf(deps);
  const pageLang = (req: express.Request, store?: Store): Locale =>
    req.query.lang === 'en' || req.query.lang === 'zh-CN' ? req.query.lang : (store?.locale ?? deps.shop.stores[0]!.locale);

  const sendPage = (req: express.Request, res: express.Response, store: Store | undefined, attrs: Record<string, string | undefined>) => {
    if (!existsSync(resolve(DIST_DIR, 'scan-page.js'))) {
      res.status(503).type('text/plain').send('This page is being built; try again in a moment.');
      return;
    }
    const lang = pageLang(req, store);
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(
        pageHtml(
          {
            title: translator(scanText, lang)('page.title'),
            bundle: 'scan-page',
            element: 'scan-page',
            lang,
            mobile: true,
            attrs: { lang, ...attrs },
          },
          deps.version,
        ),
      );
  };

  router.get('/s', async (req, res) => {
    const session = await scan().session(req.headers);
    sendPage(req, res, session?.store, { 'store-id': session?.store.id });
  });

  router.get('/s/:token', async (req, res) => {
    const token = req.params.token;
    try {
      const session = await scan().session(req.headers);
      const verified = scan().signer.verify(token);
      const deviceStore = verified.ok && verified.code.kind === 'badge' ? undefined : session?.store.id;
      const { store } = await scan().check(token, deviceStore);
      const bay = typeof req.query.bay === 'string' ? req.query.bay : undefined;
      sendPage(req, res, store, { 'store-id': store.id, token, bay });
    } catch (err) {
      if (!(err instanceof HttpError) || !REFUSALS.includes(err.code)) throw err;
      refusalPage(res, err, pageLang(req));
    }
  });

  router.get('/admin/scan', async (req, res) => {
    const store = deps.shop.stores.find((s) => s.id === req.query.store) ?? deps.shop.stores[0]!;
    if (!staffOnly(deps, req, res, store, READS.admin)) return;
    const lang = langOf(req, store);
    const t = tFor(lang);
    const report = await accessReport(scan(), store, limiterOf(deps));
    const time = (iso: string) => formatDateTime(iso, store.timezone, lang);
    const api = `/api/stores/${encodeURIComponent(store.id)}`;
    sendPrintPage(res, {
      title: `${t('admin.title')} · ${store.name[lang]}`,
      lang,
      paper: 'a4',
      css: ADMIN_CSS,
      toolbar: `<a href="/print/badges?store=${esc(store.id)}">${esc(t('admin.printBadges'))}</a><a href="/print/bays?store=${esc(store.id)}">${esc(t('admin.printBays'))}</a>`,
      body: `<h1>${esc(t('admin.title'))} · ${esc(store.name[lang])}</h1>
      ${report.locked.length ? `<p class="alert" role="alert">${esc(t('admin.lockedCount', { n: report.locked.length }))}: ${report.locked.map((l) => esc(l.name)).join('、')}</p>` : ''}
      <h2>${esc(t('admin.devices'))}</h2>
      ${
        report.devices.length
          ? `<table><thead><tr><th>${esc(t('admin.person'))}</th><th>${esc(t('admin.device'))}</th><th>${esc(t('admin.since'))}</th><th>${esc(t('admin.until'))}</th><th></th></tr></thead><tbody>
        ${report.devices
          .map(
            (
              d,
            ) => `<tr><td>${esc(d.personName)} <small>(${esc(t(`admin.method.${d.method}`))})</small></td><td>${esc(d.label ?? '')}<br><small class="mono">${esc(d.deviceId)}</small></td>
          <td>${esc(time(d.since))}</td><td>${esc(time(d.until))}</td>
          <td><button data-call="DELETE ${api}/scan/devices/${esc(d.deviceId)}">${esc(t('admin.revoke'))}</button></td></tr>`,
          )
          .join('')}
      </tbody></table>`
          : `<p>${esc(t('admin.noDevices'))}</p>`
      }
      <h2>${esc(t('admin.pins'))}</h2>
      <table><thead><tr><th>${esc(t('admin.person'))}</th><th>${esc(t('admin.pinState'))}</th><th></th></tr></thead><tbody>
        ${report.people
          .map(
            (p) => `<tr class="${p.locked ? 'locked' : ''}" data-person="${esc(p.id)}"><td>${esc(p.name)} <small class="mono">${esc(p.id)}</small></td>
          <td>${p.locked ? `<b class="tag">${esc(t('admin.locked', { time: time(p.lockedUntil!) }))}</b>` : p.wrongInARow ? esc(t('admin.failures', { n: p.wrongInARow })) : p.hasPin ? esc(t('admin.ok')) : esc(t('admin.noPin'))}
            ${p.lastFailureAt ? `<br><small>${esc(t('admin.lastFailure', { time: time(p.lastFailureAt) }))}</small>` : ''}
            ${p.guessesToday ? `<br><small class="today">${esc(t('admin.guessesToday', { n: p.guessesToday, max: report.guessesPerDay }))}</small>` : ''}</td>
          <td>${p.locked || p.wrongInARow || p.guessesToday ? `<button data-call="DELETE ${api}/scan/pin-locks/${esc(p.id)}">${esc(t('admin.unlock'))}</button>` : ''}
            <button data-set-pin="${api}/people/${esc(p.id)}/pin" data-name="${esc(p.name)}">${esc(t('admin.setPin'))}</button></td></tr>`,
          )
          .join('')}
      </tbody></table>`,
      tools: { storeId: store.id, setPinPrompt: t('admin.setPinPrompt') },
    });
  });
  return router;
}

/**
 * The signed code of a bay for its bay board page (the QR it shows, and `?bay=` on scans it
 * routes to the scan page), issued only to a request from a paired display or signed-in staff
 * of the store: the board shows nothing to anyone else either.
 */
export async function bayCodeFor(deps: AppDeps, req: express.Request, storeId: string, bayId: string): Promise<string | undefined> {
  const principal = deps.auth.fromRequest(req);
  if (!principal || !maySeeStore(principal, storeId)) return undefined;
  return scanServiceOf(deps).issue({ kind: 'bay', storeId, bayId });
}

function refusalPage(res: express.Response, err: HttpError, lang: Locale): void {
  const t = translator(scanText, lang);
  const other = translator(scanText, lang === 'en' ? 'zh-CN' : 'en');
  const code = err.code as CodeRefusal;
  res.status(err.status).type('html').set('Cache-Control', 'no-store').send(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t(`refuse.${code}.title`))}</title>
<style>
  html, body { margin: 0; min-height: 100%; background: #0b1220; color: #f1f5f9; font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", system-ui, sans-serif; }
  main { padding: 28px 22px; max-width: 34rem; margin: 0 auto; }
  .card { border: 4px solid #ef4444; background: #450a0a; border-radius: 18px; padding: 26px 22px; }
  .icon { font-size: 64px; line-height: 1; color: #fca5a5; }
  svg { width: 1em; height: 1em; vertical-align: -0.14em; }
  h1 { font-size: 34px; margin: 14px 0 10px; }
  p { font-size: 21px; line-height: 1.5; margin: 0; }
  .en { margin-top: 22px; color: #cbd5e1; }
  .en h2 { font-size: 22px; margin: 0 0 6px; }
  .en p { font-size: 17px; }
  a.button { display: block; margin-top: 28px; text-align: center; background: #2563eb; color: #fff; font-size: 24px; font-weight: 800; padding: 22px; border-radius: 14px; text-decoration: none; }
  code { display: block; margin-top: 18px; font-size: 13px; color: #94a3b8; word-break: break-all; }
</style></head>
<body><main>
  <div class="card" role="alert" data-refusal="${esc(code)}"><div class="icon" aria-hidden="true">${ALERT_SVG}</div>
    <h1>${esc(t(`refuse.${code}.title`))}</h1><p>${esc(t(`refuse.${code}.body`))}</p>
    <div class="en" lang="${lang === 'en' ? 'zh-CN' : 'en'}"><h2>${esc(other(`refuse.${code}.title`))}</h2><p>${esc(other(`refuse.${code}.body`))}</p></div>
  </div>
  <a class="button" href="/s">${CAMERA_SVG} ${esc(t('refuse.scanAnother'))}</a>
  <code>${esc(err.code)} · ${esc(err.message)}</code>
</main></body></html>`);
}

// Inline SVG, not emoji: some phones and kiosk browsers have no emoji font.
const svgIcon = (paths: string) =>
  `<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${paths}</svg>`;
const ALERT_SVG = svgIcon('<path d="M12 3.5l9.5 16.5h-19z"/><path d="M12 10v4.5M12 17.2v.1"/>');
const CAMERA_SVG = svgIcon('<path d="M4 8h3l2-3h6l2 3h3v11H4z"/><circle cx="12" cy="13" r="3.6"/>');

const ADMIN_CSS = `
  h1 { font-size: 20pt; } h2 { font-size: 14pt; margin-top: 8mm; }
  table { width: 100%; border-collapse: collapse; font-size: 11pt; }
  th, td { text-align: left; border-bottom: 0.3mm solid #ccc; padding: 2mm; vertical-align: top; }
  tr.locked td { background: #fee2e2; font-weight: 700; }
  .tag { background: #dc2626; color: #fff; padding: 1mm 2mm; border-radius: 1mm; }
  .alert { background: #fee2e2; border: 0.5mm solid #dc2626; padding: 3mm; font-weight: 700; font-size: 13pt; }
  button { font: inherit; padding: 4px 10px; }
`;
