import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { PlateChangeEvent } from '../plate-input';
import '../plate-input';
import { kioskBits } from '../kiosk-theme';
import { KioskScreen } from './kiosk-screen';

/** Step one of every way in: the plate, typed on the plate keyboard. */
@customElement('plate-screen')
export class PlateScreen extends KioskScreen {
  render() {
    const { t, flow } = this;
    const problem = flow.fieldErrors.plate;
    return html`
      <h1>${flow.mode === 'survey' ? t('survey.findTitle') : t('plate.title')}</h1>
      <p class="lead">${flow.mode === 'survey' ? t('plate.title') : t('plate.hint')}</p>
      <plate-input .value=${flow.draft.plate} country=${this.country} locale=${this.locale} ?invalid=${!!problem}
        @plate-change=${(e: PlateChangeEvent) => this.act({ type: 'edit', patch: { plate: e.detail.value } })}>
        ${problem ? html`<p class="error" role="alert" data-testid="plate-error">${this.say(problem)}</p>` : nothing}
        ${flow.error ? html`<p class="error" role="alert">${this.say(flow.error)}</p>` : nothing}
        <div class="actions" slot="actions">
          ${
            flow.mode === 'appointment'
              ? html`<button class="scan" data-action="scan" @click=${() => this.act({ type: 'scan' })}>${t('appt.scanInstead')}</button>`
              : nothing
          }
          <button class="primary" data-action="next" ?disabled=${!flow.draft.plate} @click=${() => this.act({ type: 'next' })}>${t('nav.next')}</button>
        </div>
      </plate-input>
    `;
  }

  static styles = [
    kioskBits,
    css`
    :host { max-width: 46em; margin: 0 auto; width: 100%; display: flex; flex-direction: column; }
    .actions { margin-top: 0; }
    @media (orientation: landscape) {
      :host { max-width: 80em; }
      .actions { flex-direction: column-reverse; }
    }
    plate-input { margin-top: 0.4em; flex: 1; }
    .error { margin: 0; }
    .scan { color: var(--k-primary); font-weight: 700; border-color: var(--k-primary); }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'plate-screen': PlateScreen;
  }
}
