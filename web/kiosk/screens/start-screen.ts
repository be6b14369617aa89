import { css, html, svg } from 'lit';
import { customElement } from 'lit/decorators.js';
import { kioskBits } from '../kiosk-theme';
import { KioskScreen } from './kiosk-screen';

const calendar = svg`<rect x="8" y="12" width="48" height="44" rx="6" fill="none" stroke="currentColor" stroke-width="4"/>
  <path d="M8 26h48M20 6v12M44 6v12" stroke="currentColor" stroke-width="4" stroke-linecap="round"/>
  <path d="M22 40l7 7 13-14" fill="none" stroke="currentColor" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>`;
const car = svg`<path d="M10 38l5-14a6 6 0 0 1 6-4h22a6 6 0 0 1 6 4l5 14" fill="none" stroke="currentColor" stroke-width="4" stroke-linejoin="round"/>
  <rect x="6" y="36" width="52" height="14" rx="5" fill="none" stroke="currentColor" stroke-width="4"/>
  <circle cx="18" cy="52" r="5" fill="currentColor"/><circle cx="46" cy="52" r="5" fill="currentColor"/>`;
const star = svg`<path d="M32 6l7.6 16.5 18 2-13.4 12.3 3.8 17.8L32 45.6 16 54.6l3.8-17.8L6.4 24.5l18-2z" fill="none" stroke="currentColor" stroke-width="4" stroke-linejoin="round"/>`;
const qr = svg`<path d="M6 6h20v20H6zM38 6h20v20H38zM6 38h20v20H6z" fill="none" stroke="currentColor" stroke-width="4"/>
  <path d="M13 13h6v6h-6zM45 13h6v6h-6zM13 45h6v6h-6zM38 38h8v8h-8zM50 50h8v8h-8zM50 38h8v6M38 50h6v8" fill="currentColor"/>`;

/** The first screen: which way in, in the store's language. Shows nothing about anyone. */
@customElement('start-screen')
export class StartScreen extends KioskScreen {
  render() {
    const { t } = this;
    return html`
      <section class="welcome">
        <h1>${t('start.welcome')}</h1>
        <p class="lead">${t('start.lead')}</p>
      </section>
      <div class="choices">
        <button class="choice appointment" data-action="appointment" @click=${() => this.act({ type: 'begin', mode: 'appointment' })}>
          <svg viewBox="0 0 64 64" aria-hidden="true">${calendar}</svg>
          <span class="label">${t('start.appointment')}</span>
          <span class="sub">${t('start.appointmentHint')}</span>
        </button>
        <button class="choice walk-in" data-action="walk-in" @click=${() => this.act({ type: 'begin', mode: 'walk-in' })}>
          <svg viewBox="0 0 64 64" aria-hidden="true">${car}</svg>
          <span class="label">${t('start.walkIn')}</span>
          <span class="sub">${t('start.walkInHint')}</span>
        </button>
      </div>
      <button class="survey" data-action="survey" @click=${() => this.act({ type: 'begin', mode: 'survey' })}>
        <svg viewBox="0 0 64 64" aria-hidden="true">${star}</svg>${t('start.survey')}
      </button>
      <p class="scan"><svg viewBox="0 0 64 64" aria-hidden="true">${qr}</svg><span>${t('start.scanHint')}</span></p>
      <p class="privacy">${t('start.privacy')}</p>
    `;
  }

  static styles = [
    kioskBits,
    css`
    :host { display: flex; flex-direction: column; gap: 1.4em; height: 100%; justify-content: center; }
    .welcome { text-align: center; }
    h1 { font-size: 2.6em; }
    .lead { font-size: 1.2em; margin: 0; }
    .choices { display: grid; gap: 1.2em; grid-template-columns: 1fr; }
    .choice {
      display: grid; grid-template-columns: auto 1fr; grid-template-rows: auto auto; column-gap: 1em; row-gap: 0.25em;
      align-items: center; text-align: left; padding: 1.3em 1.5em; min-height: 7.5em; border: 0; border-radius: 1.1em;
      box-shadow: 0 0.35em 1.4em rgb(15 29 51 / 0.1);
    }
    .choice svg { grid-row: 1 / 3; width: 3.6em; height: 3.6em; }
    .choice .label { font-size: 1.7em; font-weight: 800; }
    .choice .sub { font-size: 0.95em; opacity: 0.85; line-height: 1.4; }
    .appointment { background: var(--k-primary); color: #fff; }
    .walk-in { background: var(--k-surface); color: var(--k-ink); border: 0.12em solid var(--k-primary); }
    .walk-in svg { color: var(--k-primary); }
    .survey { align-self: center; display: inline-flex; gap: 0.5em; align-items: center; color: var(--k-primary); font-weight: 700; background: transparent; border-color: transparent; }
    .survey svg { width: 1.4em; height: 1.4em; }
    .scan { display: flex; gap: 0.8em; align-items: center; justify-content: center; margin: 0; color: var(--k-muted); }
    .scan svg { width: 2.2em; height: 2.2em; flex: none; color: var(--k-ink); }
    .privacy { text-align: center; margin: 0; color: var(--k-faint); font-size: 0.85em; }
    @media (orientation: portrait) {
      :host { justify-content: space-evenly; gap: 1em; }
      h1 { font-size: 3em; }
      .choices { gap: 1.5em; }
      .choice { min-height: 11em; padding: 1.6em 2em; }
      .choice svg { width: 4.6em; height: 4.6em; }
      .choice .label { font-size: 2.1em; }
      .choice .sub { font-size: 1.05em; }
    }
    @media (orientation: landscape) {
      .choices { grid-template-columns: 1fr 1fr; }
      .choice { grid-template-columns: 1fr; grid-template-rows: auto auto auto; justify-items: center; text-align: center; min-height: 11em; }
      .choice svg { grid-row: auto; }
    }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'start-screen': StartScreen;
  }
}
