import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { formatTime } from '../../../shared/i18n/translate';
import { durationText } from '../format';
import { printIcon } from '../../common/customer-icons';
import '../kiosk-ticket';
import { kioskBits } from '../kiosk-theme';
import { KioskScreen } from './kiosk-screen';

/**
 * Checked in: the queue number, the wait from the workshop's load now, and the car's tracking
 * page as a QR code and a link. "Print ticket" prints the 80 mm ticket, which is the only
 * thing on the page when printing.
 */
@customElement('done-screen')
export class DoneScreen extends KioskScreen {
  render() {
    const { t } = this;
    const d = this.flow.done;
    if (!d) return nothing;
    const { waitMinutes, carsAhead, readyAt } = d.estimate;
    return html`
      <div class="screen">
        <div class="head"><span class="ok" aria-hidden="true">✓</span><h1>${t('done.title')}</h1></div>
        <div class="card queue-card">
          <div class="label">${t('done.queue')}</div>
          <div class="queue" data-testid="queue-number">${d.queueNumber}</div>
          <div class="plate">${d.plate}</div>
        </div>
        <div class="card wait">
          <div class="label">${t('done.wait')}</div>
          <div class="value" data-testid="wait">${waitMinutes ? t('done.waitAbout', { time: durationText(t, waitMinutes) }) : t('done.waitNone')}</div>
          ${waitMinutes && carsAhead ? html`<div class="sub">${carsAhead === 1 ? t('done.aheadOne') : t('done.ahead', { n: carsAhead })}</div>` : nothing}
          ${readyAt ? html`<div class="sub" data-testid="ready-at">${t('done.ready', { time: formatTime(readyAt, this.timeZone, this.locale) })}</div>` : nothing}
        </div>
        <p class="next">${t('done.next')}</p>
        <div class="card track">
          <img class="qr" src=${d.trackingQr} alt="" data-testid="tracking-qr">
          <div class="track-text">
            <strong>${t('done.track')}</strong>
            <span class="hint">${t('done.link')}</span>
            <span class="link" data-testid="tracking-link">${d.trackingUrl.replace(/^https?:\/\//, '')}</span>
          </div>
        </div>
        <div class="actions">
          <button data-action="print" @click=${() => this.act({ type: 'print' })}>${printIcon} ${t('done.print')}</button>
          <button class="primary" data-action="finish" @click=${() => this.act({ type: 'home' })}>${t('done.finish')}</button>
        </div>
        <p class="auto">${t('done.autoHome')}</p>
      </div>
      <kiosk-ticket class="print-only" .done=${d} locale=${this.locale} store-name=${this.setup?.store.name[this.locale] ?? ''}
        time-zone=${this.timeZone}></kiosk-ticket>
    `;
  }

  static styles = [
    kioskBits,
    css`
    :host { display: block; height: 100%; }
    .screen {
      display: grid; gap: 1em; max-width: 50em; margin: 0 auto; align-content: center; min-height: 100%;
      grid-template-areas: "head" "queue" "wait" "next" "track" "actions" "auto";
    }
    .head { grid-area: head; display: flex; gap: 0.6em; align-items: center; justify-content: center; }
    .ok { width: 1.9em; height: 1.9em; border-radius: 50%; background: var(--k-ok); color: #fff; display: grid; place-items: center; font-size: 1.3em; font-weight: 900; }
    h1 { margin: 0; font-size: 2.1em; }
    .queue-card { grid-area: queue; text-align: center; }
    .wait { grid-area: wait; text-align: center; }
    .label { color: var(--k-muted); font-weight: 600; }
    .queue { font-size: 5em; font-weight: 900; line-height: 1.05; letter-spacing: 0.06em; color: var(--k-primary-strong); font-variant-numeric: tabular-nums; }
    .plate { font-weight: 700; font-size: 1.15em; letter-spacing: 0.05em; }
    .wait .value { font-size: 1.7em; font-weight: 800; }
    .sub { color: var(--k-muted); margin-top: 0.2em; }
    .next { grid-area: next; margin: 0; font-weight: 600; text-align: center; }
    .track { grid-area: track; display: flex; gap: 1.4em; align-items: center; }
    .qr { width: 10em; height: 10em; flex: none; image-rendering: pixelated; }
    .track-text { display: grid; gap: 0.35em; min-width: 0; }
    .track-text strong { font-size: 1.2em; }
    .link { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 0.8em; word-break: break-all; color: var(--k-primary-strong); }
    .actions { grid-area: actions; margin-top: 0; }
    .auto { grid-area: auto; text-align: center; color: var(--k-faint); font-size: 0.85em; margin: 0; }
    .print-only { display: none; }
    @media (orientation: landscape) {
      .screen {
        max-width: 72em; column-gap: 2em; row-gap: 0.9em; grid-template-columns: 1.1fr 1fr;
        grid-template-areas: "head head" "queue track" "wait track" "next actions" "auto auto";
      }
      .queue { font-size: 4.2em; }
      .track { flex-direction: column; text-align: center; justify-content: center; }
      .qr { width: 12em; height: 12em; }
      .track-text { justify-items: center; }
    }
    @media print {
      .screen { display: none; }
      .print-only { display: block; }
    }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'done-screen': DoneScreen;
  }
}
