import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { formatDateTime } from '../../../shared/i18n/translate';
import '../../common/survey-form';
import type { SurveySubmitEvent } from '../../common/survey-form';
import { kioskBits } from '../kiosk-theme';
import { KioskScreen } from './kiosk-screen';

/** The survey of a delivered car found by plate + phone digits, and the thank-you after it. */
@customElement('rate-screen')
export class RateScreen extends KioskScreen {
  render() {
    const { t, flow } = this;
    if (flow.screen === 'thanks') {
      return html`<div class="thanks" data-testid="survey-thanks">
        <div class="heart" aria-hidden="true">♥</div>
        <h1>${t('survey.thanks')}</h1>
        <p class="lead">${t('survey.thanksLead')}</p>
        <button class="primary" @click=${() => this.act({ type: 'home' })}>${t('done.finish')}</button>
      </div>`;
    }
    const visit = flow.visit?.visit;
    return html`
      <h1>${t('survey.title')}</h1>
      ${visit ? html`<p class="lead">${t('survey.visit', { plate: visit.plate, date: formatDateTime(visit.deliveredAt, this.timeZone, this.locale) })}</p>` : nothing}
      <div class="card">
        <survey-form locale=${this.locale} ?busy=${flow.busy} message=${this.say(flow.error)}
          @survey-submit=${(e: SurveySubmitEvent) => this.act({ type: 'rate', ...e.detail })}></survey-form>
      </div>
    `;
  }

  static styles = [
    kioskBits,
    css`
    :host { max-width: 44em; margin: 0 auto; width: 100%; font-size: 1.1em; }
    .thanks { display: grid; gap: 0.6em; justify-items: center; text-align: center; padding-top: 3em; }
    .heart { font-size: 3.5em; color: #e11d48; }
    .thanks .primary { min-width: 12em; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'rate-screen': RateScreen;
  }
}
