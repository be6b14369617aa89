import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../shared/domain/ids';
import { surveyText } from '../../shared/i18n/survey';
import { translator } from '../../shared/i18n/translate';

/** The customer chose a score (and maybe wrote a comment) and pressed send. */
export class SurveySubmitEvent extends CustomEvent<{ score: number; comment?: string }> {
  constructor(score: number, comment?: string) {
    super('survey-submit', { detail: { score, ...(comment ? { comment } : {}) }, bubbles: true, composed: true });
  }
}

/**
 * The 1–5 satisfaction survey, the same on the customer's phone and at the kiosk: five large
 * stars with words under them (a score is never shown by colour alone), an optional comment,
 * and one button. Storing the answer is the page's job.
 */
@customElement('survey-form')
export class SurveyForm extends LitElement {
  @property() locale: Locale = 'zh-CN';
  @property({ type: Boolean }) busy = false;
  /** A message from the page (e.g. "already answered"), shown above the button. */
  @property() message = '';
  @state() private score = 0;
  @state() private comment = '';

  render() {
    const t = translator(surveyText, this.locale);
    const scoreKey = (n: number) => `survey.score.${n}` as 'survey.score.1';
    return html`
      <div class="stars" role="radiogroup" aria-label=${t('survey.pick')}>
        ${[1, 2, 3, 4, 5].map(
          (n) => html`<button role="radio" class="star ${n <= this.score ? 'on' : ''}" data-score=${n}
            aria-checked=${n === this.score ? 'true' : 'false'} aria-label=${t('survey.stars', { n })} @click=${() => (this.score = n)}>
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2.5l2.9 6.2 6.8.8-5 4.7 1.3 6.7L12 17.6l-6 3.3 1.3-6.7-5-4.7 6.8-.8z"/></svg>
        </button>`,
        )}
      </div>
      <p class="word" aria-live="polite">${this.score ? t(scoreKey(this.score)) : t('survey.pick')}</p>
      <label class="comment">
        <span>${t('survey.comment')}</span>
        <textarea rows="3" maxlength="500" placeholder=${t('survey.commentPlaceholder')} .value=${this.comment}
          @input=${(e: InputEvent) => (this.comment = (e.target as HTMLTextAreaElement).value)}></textarea>
      </label>
      ${this.message ? html`<p class="message" role="alert" data-testid="survey-message">${this.message}</p>` : nothing}
      <button class="send" data-action="send-survey" ?disabled=${!this.score || this.busy}
        @click=${() => this.dispatchEvent(new SurveySubmitEvent(this.score, this.comment.trim() || undefined))}>
        ${this.busy ? t('survey.sending') : t('survey.submit')}
      </button>
    `;
  }

  static styles = css`
    :host { display: grid; gap: 0.9em; }
    * { box-sizing: border-box; }
    .stars { display: flex; justify-content: center; gap: 0.3em; }
    .star { font: inherit; border: 0; background: none; padding: 0.15em; cursor: pointer; width: 3em; height: 3em; touch-action: manipulation; }
    .star svg { width: 100%; height: 100%; fill: #dbe2ec; stroke: #b5c0cf; stroke-width: 0.6; transition: transform 0.1s; }
    .star.on svg { fill: #f59e0b; stroke: #d97706; }
    .star:active svg { transform: scale(0.92); }
    .word { text-align: center; margin: 0; font-weight: 700; font-size: 1.15em; min-height: 1.4em; }
    .comment { display: grid; gap: 0.4em; color: var(--k-muted, #55657d); }
    textarea { font: inherit; color: inherit; width: 100%; padding: 0.6em 0.8em; border-radius: 0.6em; border: 0.09em solid #d9e1ec; resize: none; background: #fbfcfe; }
    textarea:focus { outline: 0.12em solid #0b5cad; }
    .message { margin: 0; padding: 0.7em 1em; border-radius: 0.6em; background: #e6eff9; color: #084a8c; font-weight: 600; line-height: 1.45; }
    .send { font: inherit; font-weight: 800; font-size: 1.1em; min-height: 3.2em; border: 0; border-radius: 0.7em; background: #0b5cad; color: #fff; cursor: pointer; }
    .send[disabled] { opacity: 0.45; cursor: default; }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'survey-form': SurveyForm;
  }
  interface HTMLElementEventMap {
    'survey-submit': SurveySubmitEvent;
  }
}
