import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { customerBoard } from '../../../shared/i18n/customer-board';
import { formatTime, translator } from '../../../shared/i18n/translate';
import type { CustomerRow, PublicStoreHeader } from '../../../shared/projections/views';
import { playChime } from '../../common/chime';
import { reportSpeech } from '../../live/sign-of-life';
import { announce } from './announcer';
import { boardTokens } from './board-theme';
import { CalloutQueue, ReadyWatcher, clampPage, localDay, nextPage, pageCount, pageSlice, splitRows, spokenPlate } from './board-model';
import { icons } from './icons';
import { guarded } from './render-guard';
import './lounge-header';
import './car-list';
import './page-indicator';
import './pickup-callout';
import './pickup-panel';

/** How long one "ready for pickup" call-out stays up, in seconds. */
const CALLOUT_SECONDS = 8;
/** The chime's two notes take about 0.7 s: the voice starts after them. */
const CHIME_LEAD_MS = 900;
const hourOf = (ms: number) => Math.floor(ms / 3_600_000);

/**
 * The lounge board as the customer sees it, fed plain rows (no socket here): the workshop list
 * and the pickup area, paged on one beat so every car is shown within one cycle, and a call-out
 * (spoken when the store wants it) for each car that becomes ready while the board runs.
 */
@customElement('lounge-screen')
export class LoungeScreen extends LitElement {
  @property({ attribute: false }) store?: PublicStoreHeader;
  /** Every row of the view; a new array whenever the view changed. */
  @property({ attribute: false }) rows: CustomerRow[] = [];
  @property() locale: Locale = 'zh-CN';
  /** When the data on screen was last known current, while the live link is down; undefined when live. */
  @property({ attribute: false }) staleAt?: number;

  @state() private workshopPer = 6;
  @state() private readyPer = 4;
  @state() private workshopPage = 0;
  @state() private readyPage = 0;
  @state() private callout?: CustomerRow;
  @state() private today = '';
  /**
   * The hour, as a number: the lists rebuild their rows when it changes. lit 3.3.1–3.3.3's
   * `repeat` leaves an orphan comment marker in the DOM for every row it removes
   * (lit/lit#5298), which on a screen that runs for weeks adds up; rebuilding once an hour,
   * at a page turn, drops them. Remove once lit ships the fix.
   */
  @state() private generation = hourOf(Date.now());

  #workshop: CustomerRow[] = [];
  #ready: CustomerRow[] = [];
  #watcher = new ReadyWatcher();
  #queue = new CalloutQueue();
  #calloutTimer?: ReturnType<typeof setTimeout>;
  #pageTimer?: ReturnType<typeof setTimeout>;

  connectedCallback(): void {
    super.connectedCallback();
    this.#schedulePageTurn();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#pageTimer);
    clearTimeout(this.#calloutTimer);
    this.#pageTimer = this.#calloutTimer = undefined;
    this.callout = undefined;
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store') || !this.today) this.#refreshToday();
    if (changed.has('rows')) this.#onRows();
    this.workshopPage = clampPage(this.workshopPage, pageCount(this.#workshop.length, this.workshopPer));
    this.readyPage = clampPage(this.readyPage, pageCount(this.#ready.length, this.readyPer));
  }

  get #dwellSeconds(): number {
    return Math.max(3, this.store?.pageDwellSeconds ?? 10);
  }

  get #timeZone(): string {
    return this.store?.timezone ?? 'Asia/Shanghai';
  }

  #refreshToday(): void {
    this.today = localDay(Date.now(), this.#timeZone);
  }

  #onRows(): void {
    const { workshop, ready } = splitRows(this.rows);
    this.#workshop = workshop;
    this.#ready = ready;
    const readyIds = new Set(ready.map((r) => r.id));
    this.#queue.push(...this.#watcher.observe(this.rows, Date.now()));
    this.#queue.retain((id) => readyIds.has(id));
    // keep the call-out's data current (same car, newer row)
    if (this.callout) this.callout = ready.find((r) => r.id === this.callout!.id) ?? this.callout;
    else if (this.#queue.length) this.#showNextCallout();
  }

  /** One timer for both lists: reading the dwell each time lets a config change apply at once. */
  #schedulePageTurn(): void {
    clearTimeout(this.#pageTimer);
    this.#pageTimer = setTimeout(() => {
      this.workshopPage = nextPage(this.workshopPage, pageCount(this.#workshop.length, this.workshopPer));
      this.readyPage = nextPage(this.readyPage, pageCount(this.#ready.length, this.readyPer));
      this.#refreshToday();
      this.generation = hourOf(Date.now());
      this.#schedulePageTurn();
    }, this.#dwellSeconds * 1000);
  }

  #showNextCallout(): void {
    clearTimeout(this.#calloutTimer);
    let next: CustomerRow | undefined;
    while (!next && this.#queue.length) {
      const id = this.#queue.shift();
      next = this.#ready.find((r) => r.id === id);
    }
    this.callout = next;
    if (!next) return;
    if (this.store?.announcePickup) this.#announce(next);
    this.#calloutTimer = setTimeout(() => this.#showNextCallout(), CALLOUT_SECONDS * 1000);
  }

  /**
   * A chime first (Web Audio: it needs no voice, so a screen that cannot speak is still heard),
   * then the plate and where to go, said twice. Whether a voice spoke goes to the fleet page
   * with the screen's sign of life.
   */
  #announce(row: CustomerRow): void {
    playChime();
    const t = translator(customerBoard, this.locale);
    const desk = this.store?.pickupDesk?.[this.locale] || t('ready.desk');
    const text = t('speech.ready', { plate: spokenPlate(row.plate, this.locale), desk });
    setTimeout(() => {
      void announce(text, this.locale, 2).then((outcome) => {
        if (outcome === 'spoken') reportSpeech('ok');
        else reportSpeech('unavailable');
      });
    }, CHIME_LEAD_MS);
  }

  render() {
    return guarded(this, 'lounge-screen', () => {
      const t = translator(customerBoard, this.locale);
      const store = this.store;
      const country = store?.country ?? 'CN';
      const desk = store?.pickupDesk?.[this.locale] ?? '';
      const dwell = this.#dwellSeconds;
      const workshopPages = pageCount(this.#workshop.length, this.workshopPer);
      const readyPages = pageCount(this.#ready.length, this.readyPer);
      const stale = this.staleAt !== undefined;
      return html`<div class="screen ${stale ? 'stale' : ''}">
        <lounge-header .store=${store} .locale=${this.locale}></lounge-header>
        <main>
          <car-list
            .rows=${pageSlice(this.#workshop, this.workshopPer, this.workshopPage)} .total=${this.#workshop.length}
            .perPage=${this.workshopPer} .page=${this.workshopPage} .pages=${workshopPages} .generation=${this.generation} .locale=${this.locale} .country=${country}
            .timeZone=${this.#timeZone} .today=${this.today}
            @capacity=${(e: CustomEvent<number>) => (this.workshopPer = e.detail)}></car-list>
          <pickup-panel
            .rows=${pageSlice(this.#ready, this.readyPer, this.readyPage)} .total=${this.#ready.length}
            .perPage=${this.readyPer} .page=${this.readyPage} .pages=${readyPages} .generation=${this.generation} .dwell=${dwell}
            .desk=${desk} .locale=${this.locale} .country=${country} .timeZone=${this.#timeZone}
            @capacity=${(e: CustomEvent<number>) => (this.readyPer = e.detail)}></pickup-panel>
          <pickup-callout .row=${this.callout} .queue=${this.#queue.ids.flatMap((id) => this.#ready.find((r) => r.id === id) ?? [])}
            .duration=${CALLOUT_SECONDS} .desk=${desk} .locale=${this.locale} .country=${country}></pickup-callout>
        </main>
        <footer>
          ${
            stale
              ? html`<span class="stale-note" role="status">${t('board.stale', { time: formatTime(this.staleAt!, this.#timeZone, this.locale) })}</span>`
              : html`<span class="privacy">${icons.lock}${t('board.privacy')}</span>`
          }
          <page-indicator .page=${this.workshopPage} .pages=${workshopPages} .dwell=${dwell} .locale=${this.locale}></page-indicator>
        </footer>
      </div>`;
    });
  }

  static styles = [
    boardTokens,
    css`
    :host { display: block; height: 100%; font-family: var(--font); color: var(--text); }
    .screen {
      box-sizing: border-box; height: 100vh; overflow: hidden; display: grid;
      grid-template-rows: 13vh minmax(0, 1fr) 6vh; padding: 0 var(--pad-x);
      background:
        radial-gradient(ellipse 80% 60% at 15% -10%, rgb(95 179 255 / 0.10), transparent 60%),
        radial-gradient(ellipse 60% 50% at 100% 110%, rgb(52 211 153 / 0.08), transparent 60%),
        var(--bg);
    }
    lounge-header { border-bottom: 1px solid rgb(216 180 106 / 0.35); }
    main { display: grid; grid-template-columns: minmax(0, 1fr) 29.5vw; grid-template-rows: minmax(0, 1fr); gap: 1.8vw; padding-top: 2.4vh; min-height: 0; }
    /* The call-out takes the pickup column while it calls; the workshop list is never covered. */
    car-list { grid-area: 1 / 1; }
    pickup-panel, pickup-callout { grid-area: 1 / 2; }
    pickup-callout { z-index: 1; }
    footer { display: flex; align-items: center; justify-content: space-between; gap: 2vw; }
    .privacy { display: inline-flex; align-items: center; gap: 0.5em; font-size: var(--t-xs); color: var(--dim); }
    .privacy svg { width: 1.2em; height: 1.2em; }
    /* Stale: the cars dim so nobody takes them for live, and the footer says since when. */
    .stale main { opacity: 0.5; filter: grayscale(0.7); transition: opacity 0.6s, filter 0.6s; }
    .stale-note {
      min-width: 0; padding: 0.3em 0.9em; border-radius: var(--radius); font-size: var(--t-s); font-weight: 700;
      color: #1c1403; background: var(--amber);
    }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'lounge-screen': LoungeScreen;
  }
}
