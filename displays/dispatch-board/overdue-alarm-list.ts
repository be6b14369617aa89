import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Locale } from '../../shared/domain/ids';
import { boardBits } from '../common/board-theme';
import { PagerController } from '../common/pager';
import { safeRender } from '../common/safe-render';
import type { Alarm } from './alarms';
import { boardText } from './board-text';
import { panelStyles } from './panel-styles';

/** Cars past their promise, or stuck in a stage past the store's limit; worst first. */
@customElement('overdue-alarm-list')
export class OverdueAlarmList extends LitElement {
  #pager = new PagerController<Alarm>(this);

  @property({ attribute: false }) alarms: readonly Alarm[] = [];
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  @property({ type: Number, attribute: 'page-size' }) pageSize = 3;
  @property({ type: Boolean, reflect: true }) scrollable = false;
  /** Seconds each page stays up on a wall screen (the store's pageDwellSeconds). */
  @property({ type: Number }) dwell = 10;

  render() {
    return safeRender(this, () => this.#body(), boardText(this.locale, this.timeZone).t('renderError'));
  }

  #body() {
    const { t, c, duration } = boardText(this.locale, this.timeZone);
    const page = this.#pager.slice(this.alarms, this.pageSize, !this.scrollable, this.dwell * 1000);
    return html`
      <section aria-labelledby="h" class=${this.alarms.length ? 'alert' : 'calm'}>
        <h2 id="h">${t('alarm.title')} <span class="count">${this.alarms.length}</span>
          ${page.pages > 1 ? html`<span class="page">${page.page + 1} / ${page.pages}</span>` : nothing}</h2>
        ${this.alarms.length
          ? html`<ol>${repeat(page.items, (a) => a.key, (a) => html`
              <li data-ro=${a.ro.id} data-kind=${a.kind} title=${a.ro.number}>
                <div class="row">
                  <span class="plate">${a.ro.vehicle.plate}</span>
                  <span class="what ellipsis">${a.kind === 'promise'
                    ? t('alarm.promise', { dur: duration(a.overMs) })
                    : t('alarm.stage', { stage: c(`stage.${a.stage}`), dur: duration(a.inStageMs), limit: a.limitMinutes })}</span>
                  ${a.kind === 'promise' ? html`<span class="stage muted">${c(`stage.${a.ro.stage}`)}</span>` : nothing}
                </div>
              </li>`)}</ol>`
          : html`<div class="empty ok">${t('alarm.empty')}</div>`}
      </section>
    `;
  }

  static styles = [boardBits, panelStyles, css`
    section.alert { border-color: #7f1d1d; }
    section.alert h2 { background: #3b0d0d; color: #fecaca; }
    .stage { margin-left: auto; font-size: 0.85em; }
    .what { color: var(--tw-over); font-weight: 700; font-size: 0.95em; }
    .empty.ok { color: var(--tw-ok); font-weight: 600; }
  `];
}

declare global {
  interface HTMLElementTagNameMap {
    'overdue-alarm-list': OverdueAlarmList;
  }
}
