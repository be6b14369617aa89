import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../shared/domain/ids';
import { kioskText } from '../../shared/i18n/kiosk';
import { formatDateTime, formatTime, translator } from '../../shared/i18n/translate';
import type { CheckInDone } from '../../shared/kiosk/payloads';
import { durationText } from './format';

/**
 * The printed check-in ticket, laid out for an 80 mm receipt printer (about 72 mm printable):
 * black on white, the queue number large, the tracking QR big enough for any phone camera.
 * The kiosk prints it with the browser's print (the page sets `@page { size: 80mm auto }`).
 */
@customElement('kiosk-ticket')
export class KioskTicket extends LitElement {
  @property({ attribute: false }) done?: CheckInDone;
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'store-name' }) storeName = '';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';

  render() {
    const d = this.done;
    if (!d) return nothing;
    const t = translator(kioskText, this.locale);
    const wait = d.estimate.waitMinutes ? t('done.waitAbout', { time: durationText(t, d.estimate.waitMinutes) }) : t('done.waitNone');
    return html`
      <div class="ticket" data-testid="ticket">
        <div class="store">${this.storeName}</div>
        <div class="title">${t('ticket.title')}</div>
        <div class="rule"></div>
        <div class="label">${t('done.queue')}</div>
        <div class="queue">${d.queueNumber}</div>
        <div class="plate">${d.plate}</div>
        <div class="rule"></div>
        <table>
          <tr><th>${t('ticket.ro')}</th><td>${d.roNumber}</td></tr>
          <tr><th>${t('ticket.time')}</th><td>${formatDateTime(d.checkedInAt, this.timeZone, this.locale)}</td></tr>
          <tr><th>${t('done.wait')}</th><td>${wait}</td></tr>
          ${d.estimate.readyAt ? html`<tr><th>${t('ticket.ready')}</th><td data-testid="ticket-ready">${formatTime(d.estimate.readyAt, this.timeZone, this.locale)}</td></tr>` : nothing}
        </table>
        ${
          d.services.length
            ? html`<div class="label left">${t('ticket.services')}</div>
          <ul>${d.services.map((s) => html`<li>${s.title[this.locale]}</li>`)}</ul>`
            : nothing
        }
        <div class="rule"></div>
        <div class="label">${t('ticket.scan')}</div>
        <img class="qr" src=${d.trackingQr} alt=${d.trackingUrl} data-testid="ticket-qr">
        <div class="link">${d.trackingUrl.replace(/^https?:\/\//, '')}</div>
        <div class="rule"></div>
        <div class="foot">${t('ticket.footer')}</div>
        <div class="foot small">${formatTime(d.checkedInAt, this.timeZone, this.locale)} · ${d.roNumber}</div>
      </div>
    `;
  }

  static styles = css`
    :host { display: block; color: #000; background: #fff; }
    .ticket { width: 72mm; margin: 0 auto; padding: 3mm 0 6mm; font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; font-size: 10.5pt; text-align: center; }
    .store { font-weight: 700; font-size: 11pt; }
    .title { font-size: 9.5pt; margin-top: 1mm; }
    .rule { border-top: 0.3mm dashed #000; margin: 2.5mm 0; }
    .label { font-size: 9pt; }
    .label.left { text-align: left; margin-top: 2mm; }
    .queue { font-size: 34pt; font-weight: 900; line-height: 1.1; letter-spacing: 1mm; }
    .plate { font-size: 14pt; font-weight: 700; letter-spacing: 0.4mm; }
    table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
    th { text-align: left; font-weight: 400; padding: 0.6mm 0; white-space: nowrap; }
    td { text-align: right; font-weight: 700; padding: 0.6mm 0; }
    ul { margin: 1mm 0 0; padding: 0 0 0 4mm; text-align: left; font-size: 9.5pt; }
    .qr { width: 42mm; height: 42mm; display: block; margin: 1.5mm auto; image-rendering: pixelated; }
    .link { font-size: 7.5pt; word-break: break-all; font-family: "DejaVu Sans Mono", monospace; }
    .foot { font-size: 9pt; }
    .foot.small { font-size: 7.5pt; margin-top: 1mm; }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-ticket': KioskTicket;
  }
}
