import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Locale } from '../../../shared/domain/ids';
import { pairing } from '../../../shared/i18n/pairing';
import { formatTime, translator } from '../../../shared/i18n/translate';
import { boardTheme } from '../../common/board-theme';
import { rememberedDisplay } from '../../live/display-identity';
import { startSignOfLife } from '../../live/sign-of-life';
import { PairingController } from './pairing-controller';

type Key = keyof typeof pairing.en;

/**
 * The pairing screen, `/display`: what a new wall screen shows until an admin binds it. A screen
 * that was paired before goes straight back to its board. Otherwise it shows a short code, huge,
 * with the steps in both languages; when an admin enters the code at /admin/displays, the screen
 * stores its display token and opens the board it was given.
 */
@customElement('display-pairing')
export class DisplayPairing extends LitElement {
  /** Which language leads; the other is shown beneath it. */
  @property({ attribute: 'lang' }) locale: Locale = 'zh-CN';

  #link?: PairingController;
  #resuming = false;

  connectedCallback(): void {
    // A wall screen's watchdog reads this page's sign of life from its title.
    startSignOfLife();
    const remembered = rememberedDisplay();
    if (remembered) {
      this.#resuming = true;
      location.replace(remembered.url);
    } else {
      this.#link ??= new PairingController(this);
    }
    super.connectedCallback();
  }

  get #langs(): [Locale, Locale] {
    return this.locale === 'en' ? ['en', 'zh-CN'] : ['zh-CN', 'en'];
  }

  /** One line in the leading language with its translation beneath. */
  #both(key: Key, params?: Record<string, string | number>, cls = '') {
    const [first, second] = this.#langs;
    return html`<span class="both ${cls}"><span class="l1" lang=${first}>${translator(pairing, first)(key, params)}</span>
      <span class="l2" lang=${second}>${translator(pairing, second)(key, params)}</span></span>`;
  }

  /** On the store's clock once the server has named it; until then the screen's own. */
  #time(at: number, locale: Locale): string {
    return formatTime(at, this.#link?.status.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, locale);
  }

  #middle() {
    const s = this.#link?.status;
    if (this.#resuming || !s) return html`<div class="wait">${this.#both('opening')}</div>`;
    if (s.state === 'paired') return html`<div class="wait ok">${this.#both('paired')}</div>`;
    if (s.state !== 'showing' || !s.code) {
      const [first, second] = this.#langs;
      return html`<div class="wait"><span class="spinner" aria-hidden="true"></span>
        ${
          s.state === 'reconnecting'
            ? html`<span class="both"><span class="l1">${translator(pairing, first)('reconnecting', { time: this.#time(s.since ?? Date.now(), first) })}</span>
              <span class="l2">${translator(pairing, second)('reconnecting', { time: this.#time(s.since ?? Date.now(), second) })}</span></span>`
            : this.#both('connecting')
        }
        ${s.error ? html`<div class="error">${this.#both('failed', { reason: s.error })}</div>` : nothing}</div>`;
    }
    const chars = [...s.code];
    const renewIn = Math.max(0, (s.renewAt ?? Date.now()) - Date.now());
    return html`
      <div class="label">${this.#both('codeLabel')}</div>
      <div class="code" role="text" aria-label=${chars.join(' ')}>
        ${chars.map((c, i) => html`${i === 3 ? html`<span class="gap"></span>` : nothing}<span class="ch">${c}</span>`)}
      </div>
      <ol class="steps">
        <li>${this.#both('step.open')}<code class="url">${location.origin}/admin/displays</code></li>
        <li>${this.#both('step.enter')}</li>
        <li>${this.#both('step.switch')}</li>
      </ol>
      ${
        s.renewAt
          ? html`<div class="renew">
        ${keyed(s.code, html`<div class="bar"><div class="fill" style="animation-duration:${renewIn}ms"></div></div>`)}
        ${this.#both('renews', { time: this.#time(s.renewAt, this.#langs[0]) })}
      </div>`
          : nothing
      }`;
  }

  render() {
    const [first, second] = this.#langs;
    return html`
      <div class="page">
        <header>
          <span class="mark" aria-hidden="true"></span>
          <span class="product">${translator(pairing, first)('product')}</span>
          <span class="product second">${translator(pairing, second)('product')}</span>
        </header>
        <main>
          <h1>${this.#both('title', undefined, 'title')}</h1>
          <p class="sub">${this.#both('subtitle')}</p>
          ${this.#middle()}
        </main>
      </div>`;
  }

  static styles = [
    boardTheme,
    css`
    :host { width: 100vw; height: 100vh; overflow: hidden; font-size: clamp(14px, 1.5vw, 60px);
      background: radial-gradient(ellipse at 50% 35%, #16233f 0%, var(--tw-bg) 70%); }
    .page { height: 100%; display: grid; grid-template-rows: auto minmax(0, 1fr); padding: 3vh 3vw; box-sizing: border-box; }
    header { display: flex; align-items: center; gap: 0.7em; color: var(--tw-muted); font-size: 1em; }
    .mark { width: 1.1em; height: 1.1em; border-radius: 0.25em; background: linear-gradient(135deg, #38bdf8, #0ea5e9 50%, #d8b46a 50%); }
    .product { font-weight: 700; letter-spacing: 0.08em; color: var(--tw-text); }
    .product.second { font-weight: 400; color: var(--tw-faint); letter-spacing: 0.02em; }
    main { display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 1.8vh; min-height: 0; }
    h1 { margin: 0; text-align: center; font-size: 1em; }
    .both { display: inline-flex; flex-direction: column; align-items: center; gap: 0.15em; }
    .l2 { color: var(--tw-muted); font-size: 0.72em; font-weight: 400; }
    .title .l1 { font-size: 2.4em; font-weight: 800; letter-spacing: 0.14em; line-height: 1.15; }
    .title .l2 { font-size: 1.1em; letter-spacing: 0.06em; }
    .title .l1[lang='en'] { letter-spacing: 0.02em; }
    .sub { margin: 0; color: var(--tw-muted); text-align: center; }
    .label { color: #d8b46a; font-weight: 700; letter-spacing: 0.3em; text-transform: uppercase; }
    .label .l2 { color: #b99a5a; letter-spacing: 0.2em; }
    .code { display: flex; align-items: center; gap: 1.1vw; margin: 0.5vh 0 1vh; }
    .ch {
      display: grid; place-items: center; width: 10.5vw; height: 21vh; border-radius: 1.6vh;
      font-family: "DejaVu Sans Mono", var(--tw-mono); font-weight: 700; font-size: 17.5vh; line-height: 1;
      color: #ffffff; background: linear-gradient(180deg, #1d2a47, #131d33); border: 0.35vh solid #34466e;
      box-shadow: 0 1.2vh 3vh rgb(0 0 0 / 0.45), inset 0 0.3vh 0 rgb(255 255 255 / 0.06);
    }
    .gap { width: 2.2vw; height: 0.6vh; border-radius: 1vh; background: #34466e; }
    .steps { margin: 0; padding: 0; list-style: none; counter-reset: step; display: grid; grid-template-columns: 1.35fr 1fr 1fr; gap: 1.5vw; width: min(90vw, 120em); margin-top: 1vh; }
    .steps li { counter-increment: step; display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0.3em 0.7em; align-items: start;
      padding: 1em 1.1em; border-radius: 0.6em; background: rgb(18 27 46 / 0.85); border: 0.08em solid var(--tw-line); }
    .steps li::before { content: counter(step); display: grid; place-items: center; width: 1.8em; height: 1.8em; border-radius: 50%;
      background: #0369a1; color: #e0f2fe; font-weight: 800; }
    .steps .both { align-items: start; }
    .steps .l1 { font-weight: 600; line-height: 1.35; }
    .steps .l1, .steps .l2 { text-wrap: balance; }
    .url { grid-column: 2; justify-self: start; margin-top: 0.2em; padding: 0.2em 0.5em; border-radius: 0.35em; background: #0b1427;
      border: 0.08em solid #34466e; color: #fde68a; font-family: "DejaVu Sans Mono", var(--tw-mono); font-size: 0.78em; overflow-wrap: anywhere; }
    .renew { display: grid; justify-items: center; gap: 0.6em; color: var(--tw-faint); font-size: 0.8em; }
    .renew .l2 { color: var(--tw-faint); }
    .bar { width: 30vw; height: 0.5vh; border-radius: 1vh; background: #1e293b; overflow: hidden; }
    .fill { height: 100%; background: #38bdf8; transform-origin: left; animation: drain linear forwards; }
    @keyframes drain { from { transform: scaleX(1); } to { transform: scaleX(0); } }
    .wait { display: grid; justify-items: center; gap: 1.2em; font-size: 1.6em; color: var(--tw-muted); margin-top: 6vh; text-align: center; }
    .wait.ok { color: var(--tw-ok); }
    .error { font-size: 0.6em; color: var(--tw-warn); }
    .spinner { width: 6vh; height: 6vh; border-radius: 50%; border: 0.6vh solid rgb(56 189 248 / 0.25); border-top-color: #38bdf8;
      animation: spin 1.1s linear infinite; }
    @keyframes spin { to { transform: rotate(360deg); } }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'display-pairing': DisplayPairing;
  }
}
