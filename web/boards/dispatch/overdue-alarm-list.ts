import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { Store } from '../../../shared/domain/shop';
import { boardBits } from '../../common/board-theme';
import { PagerController } from '../../common/pager';
import { safeRender } from '../../common/safe-render';
import { countByKind, type Alarm } from './alarms';
import { describeAlarm } from './alarm-text';
import { boardText } from './board-text';
import { panelStyles } from './panel-styles';
import { keyedRows } from '../../common/keyed-rows';

/**
 * The alarm list (超时警报): every anomaly the server raised, and cars past their promise, with a
 * count per kind under the title; longest open first. Each row names the car (or the kiosk) and
 * what is wrong in words, so colour is never the only signal.
 */
@customElement('overdue-alarm-list')
export class OverdueAlarmList extends LitElement {
  #pager = new PagerController<Alarm>(this);

  @property({ attribute: false }) alarms: readonly Alarm[] = [];
  @property({ attribute: false }) store?: Pick<Store, 'technicians'>;
  @property({ type: Number }) now = Date.now();
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
    const text = boardText(this.locale, this.timeZone);
    const { t } = text;
    const page = this.#pager.slice(this.alarms, this.pageSize, !this.scrollable, this.dwell * 1000);
    const counts = countByKind(this.alarms);
    return html`
      <section aria-labelledby="h" class="${this.alarms.length ? 'alert' : 'calm'} ${counts.length ? 'with-kinds' : ''}">
        <h2 id="h">${t('alarm.title')} <span class="count">${this.alarms.length}</span>
          ${page.pages > 1 ? html`<span class="page">${page.page + 1} / ${page.pages}</span>` : nothing}</h2>
        ${
          counts.length
            ? html`<div class="kinds" data-testid="alarm-kinds">${counts.map(
                (k) => html`
          <span class="kind k-${k.kind}" data-kind=${k.kind}>${t(`alarm.kind.${k.kind}`)} <b class="num">${k.count}</b></span>`,
              )}</div>`
            : nothing
        }
        ${
          this.alarms.length
            ? html`<ol tabindex=${this.scrollable ? '0' : nothing} aria-labelledby="h">${keyedRows(
                page.items,
                (a) => a.key,
                (a) => html`
              <li data-ro=${a.ro?.id ?? nothing} data-kind=${a.kind} title=${a.ro?.number ?? ''}>
                <div class="row">
                  <span class="tag k-${a.kind}">${t(`alarm.kind.${a.kind}`)}</span>
                  ${a.ro ? html`<span class="plate">${a.ro.vehicle.plate}</span>` : nothing}
                  <span class="what ellipsis">${describeAlarm(a, text, this.store, this.now)}</span>
                </div>
              </li>`,
              )}</ol>`
            : html`<div class="empty ok">${t('alarm.empty')}</div>`
        }
      </section>
    `;
  }

  static styles = [
    boardBits,
    panelStyles,
    css`
    section.alert { border-color: #7f1d1d; }
    section.with-kinds { grid-template-rows: auto auto minmax(0, 1fr); }
    li .row { flex-wrap: wrap; row-gap: 0.1em; }
    li .what { white-space: normal; }
    section.alert h2 { background: #3b0d0d; color: #fecaca; }
    .kinds { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25em 0.45em; padding: 0.3em 0.6em 0.1em; font-size: 0.82em; }
    .kind { border: 1px solid #7f1d1d; border-radius: 0.3em; padding: 0 0.35em; color: #fecaca; white-space: nowrap; }
    .kind b { color: #fff; }
    .tag { flex: none; font-size: 0.72em; font-weight: 700; border-radius: 0.25em; padding: 0.05em 0.3em; background: #3b0d0d; color: #fecaca; white-space: nowrap; }
    .tag.k-promise, .kind.k-promise { background: #3a2a05; color: #fde68a; border-color: #92400e; }
    .tag.k-call_unanswered, .kind.k-call_unanswered { background: #7f1d1d; color: #fff; }
    .what { color: var(--tw-over); font-weight: 700; font-size: 0.95em; }
    .empty.ok { color: var(--tw-ok); font-weight: 600; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'overdue-alarm-list': OverdueAlarmList;
  }
}
