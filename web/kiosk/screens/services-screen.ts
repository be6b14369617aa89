import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { hoursText } from '../format';
import { kioskBits } from '../kiosk-theme';
import { KioskScreen } from './kiosk-screen';

/** Walk-in: the services the car needs, from the store's catalogue, each with its standard time. */
@customElement('services-screen')
export class ServicesScreen extends KioskScreen {
  #toggle(code: string) {
    const chosen = this.flow.draft.services;
    this.act({ type: 'edit', patch: { services: chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code] } });
  }

  render() {
    const { t, flow } = this;
    const chosen = flow.draft.services;
    const problem = flow.fieldErrors.services;
    return html`
      <h1>${t('services.title')}</h1>
      <p class="lead">${t('services.hint')}</p>
      <div class="grid" role="group" aria-label=${t('services.title')}>
        ${(this.setup?.catalogue ?? []).map((item) => {
          const on = chosen.includes(item.code);
          return html`<button class="service ${on ? 'on' : ''}" role="checkbox" aria-checked=${on ? 'true' : 'false'}
              data-code=${item.code} @click=${() => this.#toggle(item.code)}>
            <span class="tick" aria-hidden="true">${on ? '✓' : ''}</span>
            <span class="title">${item.title[this.locale]}</span>
            <span class="time">${t('services.about', { time: hoursText(t, item.standardHours) })}</span>
          </button>`;
        })}
      </div>
      ${problem ? html`<p class="error" role="alert">${this.say(problem)}</p>` : nothing}
      <div class="actions">
        <span class="count">${chosen.length ? t('services.selected', { n: chosen.length }) : ''}</span>
        <button class="primary" data-action="next" @click=${() => this.act({ type: 'next' })}>${t('nav.next')}</button>
      </div>
    `;
  }

  static styles = [
    kioskBits,
    css`
    :host { display: flex; flex-direction: column; height: 100%; min-height: 0; }
    .grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); grid-auto-rows: max-content; gap: 0.7em; overflow-y: auto; min-height: 0; padding: 0.2em; align-content: start; flex: 1; }
    .service {
      display: grid; grid-template-columns: auto 1fr; grid-template-rows: auto auto; column-gap: 0.8em; text-align: left;
      align-items: center; align-content: center; padding: 0.7em 1em; min-height: 4.4em; background: var(--k-surface);
    }
    .service.on { border-color: var(--k-primary); background: var(--k-primary-soft); box-shadow: 0 0 0 0.08em var(--k-primary); }
    .tick { grid-row: 1 / 3; width: 1.5em; height: 1.5em; border-radius: 0.3em; border: 0.1em solid var(--k-faint); display: grid; place-items: center; font-weight: 800; color: #fff; }
    .on .tick { background: var(--k-primary); border-color: var(--k-primary); }
    .title { font-weight: 700; font-size: 1.05em; line-height: 1.3; overflow-wrap: anywhere; }
    .time { color: var(--k-muted); font-size: 0.88em; }
    .actions { align-items: center; }
    .count { color: var(--k-muted); font-weight: 600; flex: 1; }
    .actions .primary { flex: 1.2; }
    @media (orientation: landscape) {
      .grid { grid-template-columns: repeat(3, minmax(0, 1fr)); }
    }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'services-screen': ServicesScreen;
  }
}
