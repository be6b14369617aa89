import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Locale } from '../../../shared/domain/ids';
import { customerBoard } from '../../../shared/i18n/customer-board';
import { translator } from '../../../shared/i18n/translate';
import type { CustomerRow } from '../../../shared/projections/views';
import { FitController } from './fit-controller';
import { icons } from './icons';
import { guarded } from './render-guard';
import './car-row';
import { keyedRows } from '../../common/keyed-rows';

/** Fired when the number of rows that fit changes (detail: rows per page). */
export type CapacityEvent = CustomEvent<number>;

/**
 * The workshop list: one page of cars. It measures how many rows of legible height fit and
 * tells the board (`capacity`), which does the paging; a new page fades in as a whole.
 */
@customElement('car-list')
export class CarList extends LitElement {
  @property({ attribute: false }) rows: CustomerRow[] = [];
  @property({ type: Number }) total = 0;
  @property({ type: Number }) perPage = 1;
  @property({ type: Number }) page = 0;
  @property({ type: Number }) pages = 1;
  /** Changes when the board wants the list rebuilt from scratch (see LoungeScreen.generation). */
  @property({ type: Number }) generation = 0;
  @property() locale: Locale = 'zh-CN';
  @property() country = 'CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  @property() today = '';

  constructor() {
    super();
    // Registers itself with this element (addController), which keeps it: nothing here reads it.
    new FitController(this, {
      selector: '.body',
      minRowVh: 0.112,
      minRowPx: 84,
      gapVh: 0.011,
      onChange: (per) => this.dispatchEvent(new CustomEvent<number>('capacity', { detail: per })),
    });
  }

  #renderRows() {
    if (!this.total) {
      const t = translator(customerBoard, this.locale);
      return html`<div class="empty">${icons.wrench}<strong>${t('workshop.empty')}</strong><span>${t('workshop.emptyHint')}</span></div>`;
    }
    // A new page (or generation) is a new container, so the whole page fades in at once.
    return keyed(
      `${this.page}:${this.generation}`,
      html`<div class="page ${this.pages > 1 ? 'fade' : ''}" style="grid-template-rows: repeat(${this.perPage}, minmax(0, 1fr))">
      ${keyedRows(
        this.rows,
        (r) => r.id,
        (r) => html`<car-row .row=${r} .locale=${this.locale} .country=${this.country}
        .timeZone=${this.timeZone} .today=${this.today}></car-row>`,
      )}
    </div>`,
    );
  }

  render() {
    return guarded(this, 'car-list', () => {
      const t = translator(customerBoard, this.locale);
      return html`<section>
        <header class="heading">
          <h2>${t('workshop.heading')}</h2>
          <span class="count">${this.total === 1 ? t('workshop.countOne') : t('workshop.count', { n: this.total })}</span>
        </header>
        <div class="columns" aria-hidden="true">
          <span>${t('col.car')}</span><span class="c">${t('col.progress')}</span><span class="r">${t('col.time')}</span>
        </div>
        <div class="body">${this.#renderRows()}</div>
      </section>`;
    });
  }

  static styles = css`
    :host { display: block; min-height: 0; }
    section { height: 100%; display: flex; flex-direction: column; min-height: 0; }
    .heading { display: flex; align-items: baseline; gap: 1vw; margin-bottom: 1.2vh; }
    h2 { margin: 0; font-size: var(--t-l); font-weight: 700; color: var(--text); letter-spacing: 0.04em; }
    .count {
      font-size: var(--t-s); color: var(--gold); font-weight: 700; padding: 0.1em 0.7em; border-radius: 1em;
      border: 1px solid rgb(216 180 106 / 0.5);
    }
    .columns {
      display: grid; grid-template-columns: minmax(0, 37fr) minmax(0, 47fr) minmax(0, 16fr); gap: 1.6vw;
      padding: 0 1.4vw 0.8vh 1.6vw; font-size: var(--t-xs); color: var(--dim); letter-spacing: 0.06em;
      border-bottom: 1px solid var(--line); margin-bottom: 1.2vh;
    }
    .columns .c { text-align: center; }
    .columns .r { text-align: right; }
    .body { flex: 1; min-height: 0; position: relative; }
    .page { height: 100%; display: grid; row-gap: 1.1vh; }
    .fade { animation: fade-in 0.9s ease both; }
    .empty {
      height: 100%; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 1.6vh;
      color: var(--muted); font-size: var(--t-s); text-align: center;
    }
    .empty svg { width: 8vh; height: 8vh; color: var(--dim); }
    .empty strong { font-size: var(--t-l); color: var(--text); }
    @keyframes fade-in { from { opacity: 0; transform: translateY(1.2vh); } to { opacity: 1; transform: none; } }
    @media (prefers-reduced-motion: reduce) { .fade { animation: none; } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'car-list': CarList;
  }
  interface HTMLElementEventMap {
    capacity: CapacityEvent;
  }
}
