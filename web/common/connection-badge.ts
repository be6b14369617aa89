import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../shared/domain/ids';
import { common } from '../../shared/i18n/common';
import { formatTime, translator } from '../../shared/i18n/translate';
import type { ConnectionStatus } from '../live/live-connection';

/**
 * Says nothing while the link is healthy. When it is not, a badge that names when the link was
 * lost and how old the data on screen is, so nobody mistakes stale data for live data.
 */
@customElement('connection-badge')
export class ConnectionBadge extends LitElement {
  @property({ attribute: false }) status?: ConnectionStatus;
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';

  render() {
    const s = this.status;
    if (!s || s.state === 'live') return nothing;
    const t = translator(common, this.locale);
    const time = (at: number) => formatTime(at, this.timeZone, this.locale);
    const text =
      s.state === 'reconnecting'
        ? t('conn.reconnecting', { time: time(s.since ?? Date.now()) })
        : s.state === 'refused'
          ? t('conn.refused', { reason: s.error?.message ?? '' })
          : t('conn.connecting');
    return html`<div class="badge ${s.state}" role="status" aria-live="polite">
      <span class="dot" aria-hidden="true"></span>
      <span class="text">${text}</span>
      ${s.dataAt && s.state === 'reconnecting' ? html`<span class="age">${t('conn.dataAge', { time: time(s.dataAt) })}</span>` : nothing}
    </div>`;
  }

  static styles = css`
    :host { position: fixed; right: 1.2vw; bottom: 1.2vw; z-index: 100; }
    .badge {
      display: flex; align-items: center; gap: 0.8em; padding: 0.6em 1.1em; border-radius: 0.6em;
      font-size: clamp(16px, 1.4vw, 40px); font-weight: 600; color: #111827; background: #fbbf24;
      box-shadow: 0 0.3em 1em rgb(0 0 0 / 0.4);
    }
    .badge.refused { background: #f87171; }
    .badge.connecting { background: #cbd5e1; }
    .dot { width: 0.7em; height: 0.7em; border-radius: 50%; background: currentColor; animation: blink 1.2s infinite; }
    .age { font-weight: 400; opacity: 0.8; }
    @keyframes blink { 50% { opacity: 0.2; } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'connection-badge': ConnectionBadge;
  }
}
