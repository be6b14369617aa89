import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Locale } from '../../../shared/domain/ids';
import { customerBoard } from '../../../shared/i18n/customer-board';
import { formatTime, translator } from '../../../shared/i18n/translate';
import type { CustomerRow } from '../../../shared/projections/views';
import { FitController } from './fit-controller';
import { icons } from './icons';
import { guarded } from './render-guard';
import './page-indicator';
import './lounge-plate';
import { keyedRows } from '../../common/keyed-rows';

/**
 * The "ready for pickup" area: where to go, and the cars waiting there, newest first. Pages on
 * the board's beat like the workshop list when more cars are ready than fit.
 */
@customElement('pickup-panel')
export class PickupPanel extends LitElement {
  @property({ attribute: false }) rows: CustomerRow[] = [];
  @property({ type: Number }) total = 0;
  @property({ type: Number }) perPage = 1;
  @property({ type: Number }) page = 0;
  @property({ type: Number }) pages = 1;
  /** Changes when the board wants the list rebuilt from scratch (see LoungeScreen.generation). */
  @property({ type: Number }) generation = 0;
  @property({ type: Number }) dwell = 10;
  @property() desk = '';
  @property() locale: Locale = 'zh-CN';
  @property() country = 'CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';

  constructor() {
    super();
    // Registers itself with this element (addController), which keeps it: nothing here reads it.
    new FitController(this, {
      selector: '.body',
      minRowVh: 0.13,
      minRowPx: 80,
      gapVh: 0.012,
      onChange: (per) => this.dispatchEvent(new CustomEvent<number>('capacity', { detail: per })),
    });
  }

  #renderCars() {
    const t = translator(customerBoard, this.locale);
    if (!this.total) {
      return html`<div class="empty">${icons.key}<strong>${t('ready.empty')}</strong><span>${t('ready.emptyHint')}</span></div>`;
    }
    return keyed(
      `${this.page}:${this.generation}`,
      html`<ul class="page ${this.pages > 1 ? 'fade' : ''}" style="grid-template-rows: repeat(${this.perPage}, minmax(0, 1fr))">
      ${keyedRows(
        this.rows,
        (r) => r.id,
        (r) => html`<li class="car">
        <lounge-plate .plate=${r.plate} .country=${this.country}></lounge-plate>
        <span class="who"><b>${r.customer[this.locale]}</b> ${r.make} ${r.model}</span>
        <span class="at">${icons.check}<small>${t('ready.at')}</small>${r.readyAt ? formatTime(r.readyAt, this.timeZone, this.locale) : ''}</span>
      </li>`,
      )}
      ${this.rows.length < this.perPage ? html`<li class="next" aria-hidden="true">${icons.key}<span>${t('ready.emptyHint')}</span></li>` : nothing}
    </ul>`,
    );
  }

  render() {
    return guarded(this, 'pickup-panel', () => {
      const t = translator(customerBoard, this.locale);
      return html`<section aria-live="polite">
        <header>
          <span class="badge" role="img" aria-label=${this.total === 1 ? t('ready.countOne') : t('ready.count', { n: this.total })}>${this.total ? this.total : icons.key}</span>
          <h2>${t('ready.heading')}</h2>
        </header>
        <p class="desk">${icons.pin}<span>${this.desk || t('ready.desk')}</span></p>
        <div class="body">${this.#renderCars()}</div>
        <page-indicator .page=${this.page} .pages=${this.pages} .dwell=${this.dwell} .locale=${this.locale} compact></page-indicator>
      </section>`;
    });
  }

  static styles = css`
    :host { display: block; min-height: 0; }
    section {
      box-sizing: border-box; height: 100%; display: flex; flex-direction: column; min-height: 0;
      padding: 2.4vh 1.6vw 2vh; border-radius: calc(var(--radius) * 1.6);
      background: linear-gradient(165deg, #0f4a39 0%, var(--green-deep) 38%, #08241d 100%);
      border: 0.25vh solid rgb(52 211 153 / 0.55);
      box-shadow: 0 0 5vh rgb(52 211 153 / 0.12), inset 0 1px 0 rgb(255 255 255 / 0.08);
    }
    header { display: flex; align-items: center; gap: 0.9vw; }
    .badge {
      width: 6vh; height: 6vh; flex: none; border-radius: 50%; display: grid; place-items: center;
      background: var(--green); color: #03231a;
    }
    .badge { font-size: var(--t-l); font-weight: 700; font-variant-numeric: tabular-nums; }
    .badge svg { width: 60%; height: 60%; }
    h2 {
      margin: 0; min-width: 0; font-size: clamp(20px, 3.9vh, 140px); font-weight: 700; color: #eafff6; letter-spacing: 0.03em;
      white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
    }
    .desk {
      display: flex; align-items: flex-start; gap: 0.6em; margin: 1.8vh 0 2vh; padding: 1.2vh 1vw;
      font-size: var(--t-s); line-height: 1.4; color: #d3f8e8; background: rgb(0 0 0 / 0.22); border-radius: var(--radius);
    }
    .desk svg { width: 1.2em; height: 1.2em; flex: none; margin-top: 0.1em; color: var(--green); }
    .body { flex: 1; min-height: 0; }
    .page { list-style: none; margin: 0; padding: 0; height: 100%; display: grid; row-gap: 1.2vh; }
    .fade { animation: fade-in 0.9s ease both; }
    .car {
      display: grid; grid-template-columns: auto minmax(0, 1fr); grid-template-rows: auto auto; align-content: center;
      grid-template-areas: 'plate at' 'who at';
      column-gap: 1vw; row-gap: 0.8vh; padding: 0 1.1vw; min-height: 0; overflow: hidden;
      background: rgb(255 255 255 / 0.07); border: 1px solid rgb(52 211 153 / 0.3); border-radius: var(--radius);
    }
    lounge-plate { grid-area: plate; justify-self: start; --plate-size: clamp(24px, 4.4vh, 160px); }
    .at {
      grid-area: at; justify-self: end; align-self: center; display: grid; grid-template-columns: auto auto;
      align-items: center; column-gap: 0.3em; font-size: var(--t-m); font-weight: 700; color: var(--green);
      font-variant-numeric: tabular-nums; white-space: nowrap;
    }
    .at svg { grid-row: 2; width: 0.9em; height: 0.9em; }
    .at small { grid-column: 1 / -1; justify-self: end; font-size: var(--t-xs); font-weight: 400; color: #a7d9c5; }
    /* wraps rather than cutting a long make and model; the row is sized for two lines */
    .who { grid-area: who; font-size: var(--t-s); line-height: 1.2; color: #cfe9df; }
    .who b { color: #fff; margin-right: 0.5em; }
    /* the next free slot says what will appear there, so a short list does not look abandoned */
    .next {
      display: flex; align-items: center; justify-content: center; gap: 0.8vw; padding: 0 1.2vw;
      border: 0.2vh dashed rgb(52 211 153 / 0.35); border-radius: var(--radius);
      font-size: var(--t-xs); color: #8fc9b2; text-align: center;
    }
    .next svg { width: 3.4vh; height: 3.4vh; flex: none; opacity: 0.7; }
    .empty {
      height: 100%; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 1.4vh;
      text-align: center; color: #a7d9c5; font-size: var(--t-s);
    }
    .empty svg { width: 7vh; height: 7vh; opacity: 0.6; }
    .empty strong { font-size: var(--t-m); color: #eafff6; }
    page-indicator { margin-top: 1.4vh; }
    @keyframes fade-in { from { opacity: 0; transform: translateY(1.2vh); } to { opacity: 1; transform: none; } }
    @media (prefers-reduced-motion: reduce) { .fade { animation: none; } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'pickup-panel': PickupPanel;
  }
}
