import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../shared/domain/ids';
import { boardBits } from './board-theme';
import { ClockController } from './clock';

/** The store's wall clock (time and date), ticking on its own. */
@customElement('board-clock')
export class BoardClock extends LitElement {
  #clock = new ClockController(this, 1000);
  #formats?: { key: string; time: Intl.DateTimeFormat; date: Intl.DateTimeFormat };

  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  @property() locale: Locale = 'zh-CN';

  #formatters() {
    const key = `${this.timeZone}|${this.locale}`;
    if (this.#formats?.key !== key) {
      this.#formats = {
        key,
        time: new Intl.DateTimeFormat(this.locale, { timeZone: this.timeZone, hour: '2-digit', minute: '2-digit', hour12: false }),
        date: new Intl.DateTimeFormat(this.locale, { timeZone: this.timeZone, month: 'short', day: 'numeric', weekday: 'short' }),
      };
    }
    return this.#formats;
  }

  render() {
    const f = this.#formatters();
    const now = new Date(this.#clock.now);
    return html`<span class="time num">${f.time.format(now)}</span><span class="date">${f.date.format(now)}</span>`;
  }

  static styles = [
    boardBits,
    css`
    :host { display: inline-flex; flex-direction: column; align-items: flex-end; line-height: 1.05; }
    .time { font-size: 1.6em; font-weight: 800; }
    .date { font-size: 0.75em; color: var(--tw-muted); }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'board-clock': BoardClock;
  }
}
