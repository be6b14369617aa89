import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { formatTime } from '../../../shared/i18n/translate';
import { guarded } from './render-guard';

const minuteOf = (ms: number) => Math.floor(ms / 60_000);

/**
 * The lounge clock, in the store's time zone (not the screen's), with the date below.
 * Ticks on its own so the rest of the board does not re-render every second.
 */
@customElement('lounge-clock')
export class LoungeClock extends LitElement {
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  /** Minutes since the epoch: checked every second, so the clock turns on the minute, but it re-renders once a minute. */
  @state() private minute = minuteOf(Date.now());

  #timer?: ReturnType<typeof setInterval>;

  connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => (this.minute = minuteOf(Date.now())), 1000);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  #date(): string {
    return new Intl.DateTimeFormat(this.locale, { timeZone: this.timeZone, month: 'long', day: 'numeric', weekday: 'long' }).format(
      new Date(this.minute * 60_000),
    );
  }

  render() {
    return guarded(
      this,
      'lounge-clock',
      () => html`<time datetime=${new Date(this.minute * 60_000).toISOString()}>
      <span class="time">${formatTime(this.minute * 60_000, this.timeZone, this.locale)}</span>
      <span class="date">${this.#date()}</span>
    </time>`,
    );
  }

  static styles = css`
    :host { display: block; }
    time { display: flex; flex-direction: column; align-items: flex-end; line-height: 1; }
    .time { font-size: clamp(28px, 6.4vh, 230px); font-weight: 700; font-variant-numeric: tabular-nums; letter-spacing: 0.02em; color: var(--text); }
    .date { margin-top: 0.8vh; font-size: var(--t-s); color: var(--muted); white-space: nowrap; }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'lounge-clock': LoungeClock;
  }
}
