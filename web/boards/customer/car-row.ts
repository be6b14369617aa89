import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { carColour, customerBoard } from '../../../shared/i18n/customer-board';
import { formatDateTime, formatTime, translator } from '../../../shared/i18n/translate';
import type { CustomerRow } from '../../../shared/projections/views';
import { localDay, timeInfo } from './board-model';
import { icons } from './icons';
import { guarded } from './render-guard';
import './lounge-plate';
import './stage-steps';

/**
 * One car in the workshop list: plate, masked owner and car on the left, the five steps in the
 * middle, the expected time on the right. The board keys rows by id, so a delta re-renders only
 * the row whose data changed; that row glows briefly when its stage moves on.
 */
@customElement('car-row')
export class CarRow extends LitElement {
  @property({ attribute: false }) row?: CustomerRow;
  @property() locale: Locale = 'zh-CN';
  @property() country = 'CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  /** Today's date in the store zone (`YYYY-MM-DD`); times on other days show their date. */
  @property() today = '';

  #glowTimer?: ReturnType<typeof setTimeout>;

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#glowTimer);
  }

  protected updated(changed: PropertyValues<this>): void {
    const before = changed.get('row') as CustomerRow | undefined;
    if (before && this.row && before.stage !== this.row.stage) {
      this.toggleAttribute('moved', true);
      clearTimeout(this.#glowTimer);
      this.#glowTimer = setTimeout(() => this.removeAttribute('moved'), 4000);
    }
  }

  #time(iso: string): string {
    return localDay(iso, this.timeZone) === this.today ? formatTime(iso, this.timeZone, this.locale) : formatDateTime(iso, this.timeZone, this.locale);
  }

  #renderTime(row: CustomerRow) {
    const t = translator(customerBoard, this.locale);
    const info = timeInfo(row);
    if (info.kind === 'unknown') return html`<div class="time"><span class="eta unknown">${t('time.unknown')}</span></div>`;
    const eta = info.eta ? this.#time(info.eta) : undefined;
    return html`<div class="time">
      ${eta ? html`<span class="eta ${eta.length > 5 ? 'long' : ''}">${icons.clock}${eta}</span>` : nothing}
      ${info.kind === 'eta' && info.promised ? html`<span class="sub">${t('time.promised', { time: this.#time(info.promised) })}</span>` : nothing}
      ${
        info.kind === 'parts'
          ? html`<span class="parts">${icons.box}<span>${info.partsEta ? t('parts.eta', { time: this.#time(info.partsEta) }) : t('parts.etaUnknown')}</span></span>`
          : nothing
      }
    </div>`;
  }

  render() {
    return guarded(this, 'car-row', () => {
      const row = this.row;
      if (!row) return nothing;
      const colour = carColour(row.color, this.locale);
      return html`<div class="row" data-stage=${row.stage}>
        <div class="car">
          <div class="id" data-hides-whole>
            <lounge-plate .plate=${row.plate} .country=${this.country}></lounge-plate>
            <span class="customer">${row.customer[this.locale]}</span>
            ${colour.name ? html`<span class="colour">${colour.swatch ? html`<i style="background:${colour.swatch}"></i>` : nothing}${colour.name}</span>` : nothing}
          </div>
          <div class="who"><span class="model">${row.make} ${row.model}</span></div>
        </div>
        <stage-steps .stage=${row.stage} .parts=${!!row.partsWait} .locale=${this.locale}></stage-steps>
        ${this.#renderTime(row)}
      </div>`;
    });
  }

  static styles = css`
    :host { display: block; height: 100%; min-height: 0; }
    .row {
      box-sizing: border-box; height: 100%;
      display: grid; grid-template-columns: minmax(0, 37fr) minmax(0, 47fr) minmax(0, 16fr); align-items: center;
      gap: 1.6vw; padding: 0 1.4vw 0 1.6vw; position: relative; overflow: hidden;
      background: linear-gradient(90deg, var(--surface-2), var(--surface) 60%);
      border: 1px solid var(--line); border-radius: var(--radius);
      transition: box-shadow 0.6s, border-color 0.6s;
    }
    .row::before {
      content: ''; position: absolute; left: 0; top: 0; bottom: 0; width: 0.45vw; background: var(--blue-deep);
    }
    .row[data-stage='quality_check']::before, .row[data-stage='washing']::before { background: var(--blue); }
    :host([moved]) .row { border-color: var(--gold); box-shadow: 0 0 2.2vh rgb(216 180 106 / 0.35); }
    .car { display: flex; flex-direction: column; gap: 0.8vh; min-width: 0; }
        /* Plate, owner, then the colour if there is room: one line of fixed height that wraps, so a
       colour that does not fit drops out whole, never as "Silv". */
    .id {
      display: flex; flex-wrap: wrap; align-items: center; column-gap: 0.7em; row-gap: 2vh; min-width: 0;
      height: calc(var(--plate-size) * 1.3); overflow: hidden; font-size: var(--t-s); color: var(--muted);
      --plate-size: clamp(26px, 4.5vh, 170px);
    }
    lounge-plate { flex: none; }
    /* Make and model have a line of their own and are never cut ("Mercedes-Be…"). */
    .who {
      display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 0.7em; row-gap: 0.2vh; min-width: 0;
      font-size: var(--t-s); line-height: 1.2; color: var(--muted);
    }
    .customer { color: var(--text); font-weight: 700; white-space: nowrap; }
    .model { color: #d5deea; }
    .colour { display: inline-flex; align-items: center; gap: 0.35em; white-space: nowrap; }
    .colour i { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; border: 1px solid rgb(255 255 255 / 0.5); }
    .time { display: flex; flex-direction: column; align-items: flex-end; gap: 0.7vh; text-align: right; min-width: 0; }
    .eta {
      display: inline-flex; align-items: center; gap: 0.3em; font-size: var(--t-l); font-weight: 700;
      font-variant-numeric: tabular-nums; color: var(--text); white-space: nowrap;
    }
    .eta.long { font-size: var(--t-m); }
    .eta svg { width: 0.7em; height: 0.7em; color: var(--muted); }
    .eta.unknown { font-size: var(--t-s); color: var(--muted); font-weight: 400; white-space: normal; }
    .sub { font-size: var(--t-xs); color: var(--muted); }
    .parts {
      display: inline-flex; align-items: center; gap: 0.4em; padding: 0.25em 0.6em; border-radius: 0.4em;
      font-size: var(--t-xs); font-weight: 700; color: var(--amber); background: var(--amber-deep);
      border: 1px solid rgb(251 191 36 / 0.45); white-space: nowrap;
    }
    .parts svg { width: 1.1em; height: 1.1em; flex: none; }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'car-row': CarRow;
  }
}
