import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Locale } from '../../shared/domain/ids';
import { customerBoard } from '../../shared/i18n/customer-board';
import { translator } from '../../shared/i18n/translate';
import type { CustomerRow } from '../../shared/projections/views';
import { icons } from './icons';
import { guarded } from './render-guard';
import './lounge-plate';

/**
 * The big "your car is ready" call-out over the board. It only shows what it is given; the
 * board decides which car and for how long (and speaks the announcement).
 */
@customElement('pickup-callout')
export class PickupCallout extends LitElement {
  @property({ attribute: false }) row?: CustomerRow;
  /** Cars queued behind this one. */
  @property({ type: Number }) more = 0;
  /** Seconds the call-out stays up (drives the countdown bar). */
  @property({ type: Number }) duration = 8;
  @property() desk = '';
  @property() locale: Locale = 'zh-CN';
  @property() country = 'CN';

  render() {
    return guarded(this, 'pickup-callout', () => {
      const row = this.row;
      if (!row) return nothing;
      const t = translator(customerBoard, this.locale);
      return keyed(row.id, html`<div class="backdrop">
        <div class="card" role="alert">
          <div class="tick">${icons.check}</div>
          <p class="title">${t('callout.title')}</p>
          <lounge-plate .plate=${row.plate} .country=${this.country}></lounge-plate>
          <p class="who"><b>${row.customer}</b> ${row.make} ${row.model}</p>
          <p class="desk">${icons.pin}<span>${this.desk || t('ready.desk')}</span></p>
          <div class="bar"><i style="animation-duration:${this.duration}s"></i></div>
          ${this.more > 0 ? html`<span class="more">${t('callout.more', { n: this.more })}</span>` : nothing}
        </div>
      </div>`);
    });
  }

  static styles = css`
    :host { position: fixed; inset: 0; z-index: 50; pointer-events: none; }
    .backdrop {
      position: absolute; inset: 0; display: grid; place-items: center;
      background: radial-gradient(circle at 50% 45%, rgb(4 30 22 / 0.82), rgb(2 6 14 / 0.9));
      animation: fade 0.5s ease both;
    }
    .card {
      position: relative; box-sizing: border-box; width: min(70vw, 130vh); padding: 5vh 4vw 4.5vh;
      display: flex; flex-direction: column; align-items: center; gap: 2.4vh; text-align: center;
      background: linear-gradient(170deg, #11543f, #0a2f25 70%); border: 0.35vh solid var(--green);
      border-radius: calc(var(--radius) * 2.4); box-shadow: 0 0 12vh rgb(52 211 153 / 0.35);
      animation: pop 0.6s cubic-bezier(0.2, 0.9, 0.3, 1.2) both;
    }
    .tick {
      width: 11vh; height: 11vh; border-radius: 50%; display: grid; place-items: center;
      background: var(--green); color: #03231a; box-shadow: 0 0 0 1.4vh rgb(52 211 153 / 0.25);
    }
    .tick svg { width: 62%; height: 62%; stroke-width: 2.6; }
    p { margin: 0; }
    .title { font-size: clamp(26px, 5.6vh, 200px); font-weight: 700; color: #fff; letter-spacing: 0.08em; }
    lounge-plate { --plate-size: clamp(44px, 11vh, 400px); }
    .who { font-size: var(--t-l); color: #d3f8e8; }
    .who b { color: #fff; margin-right: 0.4em; }
    .desk { display: flex; align-items: center; gap: 0.5em; font-size: var(--t-m); color: #eafff6; font-weight: 700; }
    .desk svg { width: 1.1em; height: 1.1em; color: var(--green); flex: none; }
    .bar { width: 60%; height: 0.7vh; border-radius: 1vh; background: rgb(255 255 255 / 0.15); overflow: hidden; margin-top: 0.6vh; }
    .bar i { display: block; height: 100%; background: var(--green); transform-origin: left; animation: drain linear both; }
    .more {
      position: absolute; top: 2.4vh; right: 2vw; font-size: var(--t-s); font-weight: 700; color: #03231a;
      background: var(--green); padding: 0.2em 0.8em; border-radius: 1em;
    }
    @keyframes fade { from { opacity: 0; } }
    @keyframes pop { from { opacity: 0; transform: scale(0.85); } }
    @keyframes drain { from { transform: scaleX(1); } to { transform: scaleX(0); } }
    @media (prefers-reduced-motion: reduce) { .card, .backdrop { animation: none; } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'pickup-callout': PickupCallout;
  }
}
