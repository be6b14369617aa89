import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Locale } from '../../../shared/domain/ids';
import { customerBoard } from '../../../shared/i18n/customer-board';
import { translator } from '../../../shared/i18n/translate';
import type { CustomerRow } from '../../../shared/projections/views';
import { icons } from './icons';
import { guarded } from './render-guard';
import './lounge-plate';

/** How many queued cars the call-out lists by plate; the rest are counted. */
const LISTED = 3;

/**
 * The "your car is ready" call-out. It sits in the pickup column, over the pickup list, so the
 * workshop list beside it stays readable while a car is called (a full-screen card hid every
 * car for 8 s per call). Cars called next are listed under it. It only shows what it is given;
 * the board decides which car and for how long (and chimes and speaks the call).
 */
@customElement('pickup-callout')
export class PickupCallout extends LitElement {
  @property({ attribute: false }) row?: CustomerRow;
  /** Cars queued behind this one, in calling order. */
  @property({ attribute: false }) queue: readonly CustomerRow[] = [];
  /** Seconds the call-out stays up (drives the countdown bar). */
  @property({ type: Number }) duration = 8;
  @property() desk = '';
  @property() locale: Locale = 'zh-CN';
  @property() country = 'CN';

  protected willUpdate(): void {
    // Shown only while calling: the pickup list underneath is visible again in between.
    this.toggleAttribute('active', !!this.row);
  }

  render() {
    return guarded(this, 'pickup-callout', () => {
      const row = this.row;
      if (!row) return nothing;
      const t = translator(customerBoard, this.locale);
      const listed = this.queue.slice(0, LISTED);
      const rest = this.queue.length - listed.length;
      return keyed(
        row.id,
        html`<section class="card" role="alert">
        <header><span class="tick">${icons.check}</span><p class="title">${t('callout.title')}</p></header>
        <lounge-plate .plate=${row.plate} .country=${this.country}></lounge-plate>
        <p class="who"><b>${row.customer[this.locale]}</b> ${row.make} ${row.model}</p>
        <p class="desk">${icons.pin}<span>${this.desk || t('ready.desk')}</span></p>
        <div class="bar" aria-hidden="true"><i style="animation-duration:${this.duration}s"></i></div>
        ${
          this.queue.length
            ? html`<div class="next">
          <p class="next-title">${t('callout.next')}</p>
          <ol>${listed.map((r) => html`<li><lounge-plate .plate=${r.plate} .country=${this.country}></lounge-plate><span>${r.customer[this.locale]}</span></li>`)}</ol>
          ${rest > 0 ? html`<p class="more">${t('callout.more', { n: rest })}</p>` : nothing}
        </div>`
            : nothing
        }
      </section>`,
      );
    });
  }

  static styles = css`
    :host { display: block; min-height: 0; pointer-events: none; }
    :host(:not([active])) { display: none; }
    .card {
      box-sizing: border-box; height: 100%; display: flex; flex-direction: column; align-items: center; gap: 1.8vh;
      padding: 3vh 1.6vw 2.4vh; text-align: center; overflow: hidden;
      background: linear-gradient(170deg, #11543f, #0a2f25 70%); border: 0.35vh solid var(--green);
      border-radius: calc(var(--radius) * 1.6); box-shadow: 0 0 8vh rgb(52 211 153 / 0.35);
      animation: pop 0.6s cubic-bezier(0.2, 0.9, 0.3, 1.2) both;
    }
    header { display: flex; flex-direction: column; align-items: center; gap: 1.4vh; }
    .tick {
      width: 8vh; height: 8vh; border-radius: 50%; display: grid; place-items: center;
      background: var(--green); color: #03231a; box-shadow: 0 0 0 1vh rgb(52 211 153 / 0.25);
    }
    .tick svg { width: 62%; height: 62%; stroke-width: 2.6; }
    p { margin: 0; }
    .title { font-size: var(--t-xl); font-weight: 700; color: #fff; letter-spacing: 0.06em; }
    .card > lounge-plate { --plate-size: clamp(36px, 7.2vh, 260px); }
    .who { font-size: var(--t-m); color: #d3f8e8; }
    .who b { color: #fff; margin-right: 0.4em; }
    .desk {
      display: flex; align-items: flex-start; gap: 0.5em; font-size: var(--t-s); line-height: 1.35; color: #eafff6; font-weight: 700;
      text-align: left; padding: 1vh 0.9vw; background: rgb(0 0 0 / 0.22); border-radius: var(--radius);
    }
    .desk svg { width: 1.1em; height: 1.1em; color: var(--green); flex: none; margin-top: 0.15em; }
    .bar { width: 70%; height: 0.7vh; flex: none; border-radius: 1vh; background: rgb(255 255 255 / 0.15); overflow: hidden; }
    .bar i { display: block; height: 100%; background: var(--green); transform-origin: left; animation: drain linear both; }
    .next { width: 100%; margin-top: auto; padding-top: 1.6vh; border-top: 1px solid rgb(52 211 153 / 0.35); }
    .next-title { font-size: var(--t-xs); color: #a7d9c5; text-align: left; margin-bottom: 1vh; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 1vh; }
    li { display: flex; align-items: center; gap: 0.8vw; font-size: var(--t-xs); color: #d3f8e8; }
    li lounge-plate { --plate-size: clamp(24px, 3.2vh, 120px); }
    .more { margin-top: 1vh; font-size: var(--t-xs); font-weight: 700; color: var(--green); text-align: left; }
    @keyframes pop { from { opacity: 0; transform: scale(0.92); } }
    @keyframes drain { from { transform: scaleX(1); } to { transform: scaleX(0); } }
    @media (prefers-reduced-motion: reduce) { .card { animation: none; } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'pickup-callout': PickupCallout;
  }
}
