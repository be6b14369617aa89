import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatPlate } from '../../../shared/domain/plate-rules';
import type { DigitsChangeEvent } from '../digit-pad';
import '../digit-pad';
import { kioskBits } from '../kiosk-theme';
import { KioskScreen } from './kiosk-screen';

/**
 * Digits on the phone-style pad: the last four phone digits (appointment, survey) or the
 * whole mobile number (walk-in). The plate typed before stays in view, so the customer can see
 * what they are looking up.
 */
@customElement('digits-screen')
export class DigitsScreen extends KioskScreen {
  @property() field: 'last4' | 'phone' = 'last4';

  render() {
    const { t, flow } = this;
    const last4 = this.field === 'last4';
    const value = last4 ? flow.draft.last4 : flow.draft.phone;
    const problem = flow.fieldErrors[this.field];
    const ready = last4 ? value.length === 4 : value.length >= 6;
    const primary = flow.mode === 'appointment' ? t('find.button') : t('nav.next');
    return html`
      <div class="layout">
        <div class="text">
          <div class="plate" data-testid="typed-plate">${formatPlate(flow.draft.plate, this.country)}</div>
          <h1>${last4 ? t('last4.title') : t('phone.title')}</h1>
          <p class="lead">${last4 ? t('last4.hint') : t('phone.hint')}</p>
          ${problem ? html`<p class="error" role="alert" data-testid="digits-error">${this.say(problem)}</p>` : nothing}
          ${flow.error ? html`<p class="error" role="alert" data-testid="screen-error">${this.say(flow.error)}</p>` : nothing}
        </div>
        <div class="entry">
          <digit-pad .value=${value} max=${last4 ? 4 : 15} boxes=${last4 ? 4 : 0} locale=${this.locale} ?invalid=${!!problem}
            @digits-change=${(e: DigitsChangeEvent) => this.act({ type: 'edit', patch: { [this.field]: e.detail.value } })}></digit-pad>
          <button class="primary wide" data-action="next" ?disabled=${!ready || flow.busy} @click=${() => this.act({ type: 'next' })}>
            ${flow.busy ? t('find.searching') : primary}
          </button>
        </div>
      </div>
    `;
  }

  static styles = [
    kioskBits,
    css`
    :host { max-width: 60em; margin: 0 auto; width: 100%; display: grid; align-content: center; }
    .layout { display: grid; gap: 1.4em; }
    .plate { display: inline-block; font-size: 1.3em; font-weight: 800; letter-spacing: 0.05em; color: #fff; background: var(--k-plate); border-radius: 0.35em; padding: 0.15em 0.6em; margin-bottom: 0.8em; }
    .entry { display: grid; gap: 1.2em; justify-items: center; }
    .entry .primary { max-width: 22em; }
    @media (orientation: landscape) {
      .layout { grid-template-columns: 1fr 1fr; align-items: center; gap: 3em; }
    }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'digits-screen': DigitsScreen;
  }
}
