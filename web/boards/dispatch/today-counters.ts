import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { boardBits } from '../../common/board-theme';
import { safeRender } from '../../common/safe-render';
import { shallowChanged } from '../../common/shallow';
import { boardText } from './board-text';
import type { TodayCounters } from './counters';

/** Today's numbers in the board's header: cars in, delivered, on-time rate, cycle time, on site. */
@customElement('today-counters')
export class TodayCountersElement extends LitElement {
  @property({ attribute: false, hasChanged: shallowChanged }) counters?: TodayCounters;
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';

  render() {
    return safeRender(this, () => this.#body(), boardText(this.locale, this.timeZone).t('renderError'));
  }

  #body() {
    const { t, duration } = boardText(this.locale, this.timeZone);
    const k = this.counters;
    if (!k) return html``;
    const none = t('counter.none');
    const tile = (name: string, key: string, value: string | number, sub?: string) => html`
      <div class="tile" data-counter=${name}><span class="label">${t(key as 'counter.carsIn')}</span>
        <span class="value num">${value}</span>${sub ? html`<span class="sub num">${sub}</span>` : ''}</div>`;
    return html`
      ${tile('cars-in', 'counter.carsIn', k.carsIn)}
      ${tile('delivered', 'counter.delivered', k.delivered)}
      ${tile(
        'on-time',
        'counter.onTime',
        k.promised ? `${Math.round((k.onTime / k.promised) * 100)}%` : none,
        k.promised ? t('counter.onTimeOf', { on: k.onTime, of: k.promised }) : undefined,
      )}
      ${tile('cycle', 'counter.cycle', k.avgCycleMs === undefined ? none : duration(k.avgCycleMs))}
      ${tile('on-site', 'counter.onSite', k.onSite)}
    `;
  }

  static styles = [
    boardBits,
    css`
    :host { display: flex; gap: 0.5em; align-items: stretch; }
    .tile {
      display: grid; grid-template-columns: auto auto; grid-template-rows: auto auto; column-gap: 0.4em; align-items: baseline;
      padding: 0.2em 0.8em; border-radius: 0.4em; background: var(--tw-panel); border: 0.08em solid var(--tw-line);
    }
    .label { grid-column: 1 / 3; font-size: 0.72em; color: var(--tw-muted); white-space: nowrap; }
    .value { font-size: 1.45em; font-weight: 800; white-space: nowrap; }
    .sub { font-size: 0.72em; color: var(--tw-muted); white-space: nowrap; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'today-counters': TodayCountersElement;
  }
}
