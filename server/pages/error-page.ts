import type { NextFunction, Request, Response } from 'express';
import type { Locale } from '../../shared/domain/ids';
import { HttpError, isStoreUnavailable } from '../http/errors';
import { requestLog } from '../http/security';
import type { Logger } from '../log';
import { esc } from './print-shell';

const TEXT = {
  400: {
    'zh-CN': { title: '链接有误', text: '这个链接的地址不完整或有误，无法打开。请重新扫码，或核对链接。' },
    en: { title: 'This link is not right', text: 'The address of this link is incomplete or garbled. Please scan the code again, or check the link.' },
  },
  500: {
    'zh-CN': { title: '出了点问题', text: '服务器出了点问题，已经记录下来。请稍后再试，或联系服务前台。' },
    en: {
      title: 'Something went wrong',
      text: 'Something went wrong on our side and it has been logged. Please try again shortly, or ask at the service desk.',
    },
  },
  503: {
    'zh-CN': { title: '暂时无法显示', text: '系统正在恢复中，您的车辆信息没有丢失。请稍后刷新本页。' },
    en: { title: 'Not available right now', text: 'Our system is recovering; nothing about your car is lost. Please reload this page in a moment.' },
  },
} as const;
type Status = keyof typeof TEXT;

type Texts = Record<Locale, { title: string; text: string }>;

/**
 * A small page in both languages (the asked one first) that says what happened and nothing
 * internal: the error pages here and the tracking link's dead ends (pages/kiosk.ts).
 */
export function sendNoticePage(res: Response, o: { status: number; texts: Texts; first: Locale; heading?: string; icon?: string; titleBoth?: boolean }): void {
  const { texts, first } = o;
  const other: Locale = first === 'en' ? 'zh-CN' : 'en';
  const block = (l: Locale, main: boolean) =>
    `<section class="${main ? 'main' : 'other'}" lang="${l}"><h1>${esc(texts[l].title)}</h1><p>${esc(texts[l].text)}</p></section>`;
  const title = o.titleBoth ? `${esc(texts[first].title)} · ${esc(texts[other].title)}` : esc(texts[first].title);
  res.status(o.status).type('html').set('Cache-Control', 'no-store').send(`<!doctype html>
<html lang="${first}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title>
<style>
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f4f6fa; color: #0f1d33;
    font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }
  main { max-width: 30rem; margin: 1.5rem; padding: 2rem 1.6rem; background: #fff; border-radius: 1.2rem; box-shadow: 0 0.4rem 1.6rem rgb(15 29 51 / 0.08); }
  .store { color: #52627a; font-size: 0.95rem; margin-bottom: 1.2rem; }
  .icon { width: 3.2rem; height: 3.2rem; border-radius: 50%; display: grid; place-items: center; background: #e8eef8; color: #0b5cad; font-size: 1.8rem; font-weight: 700; margin-bottom: 1rem; }
  h1 { font-size: 1.45rem; margin: 0 0 0.4rem; }
  p { margin: 0; line-height: 1.6; font-size: 1.05rem; }
  .other { margin-top: 1.4rem; padding-top: 1.2rem; border-top: 1px solid #e3e8f0; color: #52627a; }
  .other h1 { font-size: 1.05rem; }
  .other p { font-size: 0.95rem; }
</style></head>
<body><main data-status="${o.status}">
${o.heading ? `<div class="store">${esc(o.heading)}</div>` : ''}${o.icon ? `<div class="icon" aria-hidden="true">${esc(o.icon)}</div>` : ''}
${block(first, true)}
${block(other, false)}
</main></body></html>`);
}

/** The error pages: bad link (400), our fault (500), the store recovering (503). */
export function sendErrorPage(req: Request, res: Response, status: Status): void {
  if (status === 503) res.set('Retry-After', '10');
  sendNoticePage(res, { status, texts: TEXT[status], first: req.query?.lang === 'en' ? 'en' : 'zh-CN', titleBoth: true });
}

/**
 * Last in the app: what a page route threw, as a friendly page in every mode (express's own
 * handler would show a stack trace with file paths outside production). A path that cannot be
 * percent-decoded is the client's mistake (400); an unreachable event store is 503; anything
 * else is logged and answered 500.
 */
export const pageErrorMiddleware =
  (log: Logger) =>
  (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: unknown })?.status;
    if (err instanceof URIError || (err instanceof HttpError && err.status === 400) || status === 400) return sendErrorPage(req, res, 400);
    if (isStoreUnavailable(err)) {
      requestLog(log, req).warn({ err, path: req.path }, 'event store unavailable');
      return sendErrorPage(req, res, 503);
    }
    requestLog(log, req).error({ err, method: req.method, path: req.path }, 'page failed');
    sendErrorPage(req, res, 500);
  };
