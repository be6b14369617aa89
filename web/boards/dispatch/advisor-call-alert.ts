import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AdvisorCall } from '../../../shared/domain/advisor-call';
import type { Locale } from '../../../shared/domain/ids';
import { advisorCallText } from '../../../shared/i18n/advisor-call';
import { formatTime, translator } from '../../../shared/i18n/translate';
import type { StaffView } from '../../../shared/projections/views';
import { acknowledgeAdvisorCall } from '../../common/actions';
import { keyedRows } from '../../common/keyed-rows';

/** Open kiosk calls in a staff view (`call:<id>` entries), oldest first. */
export const callsOf = (view: StaffView | undefined): AdvisorCall[] =>
  Object.entries(view?.entries ?? {})
    .filter(([key, e]) => key.startsWith('call:') && !!e && typeof e === 'object' && typeof (e as AdvisorCall).at === 'string')
    .map(([, e]) => e as AdvisorCall)
    .sort((a, b) => a.at.localeCompare(b.at));

const bell = svg`<path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4z"/><path d="M10 20a2 2 0 0 0 4 0"/>`;

/**
 * A customer at the check-in kiosk pressed "Call an advisor": a banner over the board, with
 * the kiosk, how long they have waited and their language, until someone answers it. A signed-in
 * advisor or dispatcher answers with one tap; a paired wall screen only shows it.
 */
@customElement('advisor-call-alert')
export class AdvisorCallAlert extends LitElement {
  @property({ attribute: false }) calls: readonly AdvisorCall[] = [];
  @property({ attribute: 'store-id' }) storeId = '';
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  @property({ type: Number }) now = Date.now();
  @property({ type: Boolean, attribute: 'can-act' }) canAct = false;
  @state() private sending?: string;
  @state() private error?: string;

  async #acknowledge(call: AdvisorCall): Promise<void> {
    this.sending = call.id;
    this.error = undefined;
    const result = await acknowledgeAdvisorCall(this.storeId, call.id);
    this.sending = undefined;
    // Someone else answered first: the call is gone either way.
    if (!result.ok && result.error.code !== 'not_found') this.error = result.error.message;
  }

  render() {
    if (!this.calls.length) return nothing;
    const t = translator(advisorCallText, this.locale);
    const shown = this.calls.slice(0, 3);
    const since = (c: AdvisorCall) => {
      const time = formatTime(c.at, this.timeZone, this.locale);
      const min = Math.floor((this.now - Date.parse(c.at)) / 60_000);
      return min < 1 ? t('call.justNow', { time }) : t('call.since', { time, min });
    };
    return html`<section role="alert" aria-live="assertive" data-testid="advisor-calls">
      ${keyedRows(
        shown,
        (c) => c.id,
        (c) => html`<div class="call" data-call=${c.id}>
        <svg class="bell" viewBox="0 0 24 24" aria-hidden="true">${bell}</svg>
        <div class="text">
          <strong>${t('call.title')}</strong>
          <span>${t('call.where', { kiosk: c.kioskId })} · ${since(c)}${c.locale ? html` · ${t(`call.locale.${c.locale}`)}` : nothing}</span>
        </div>
        ${
          this.canAct
            ? html`<button ?disabled=${this.sending === c.id} @click=${() => void this.#acknowledge(c)}>
          ${this.sending === c.id ? t('call.sending') : t('call.ack')}</button>`
            : nothing
        }
      </div>`,
      )}
      ${this.calls.length > shown.length ? html`<div class="more">${t('call.more', { n: this.calls.length - shown.length })}</div>` : nothing}
      ${this.error ? html`<div class="more">${t('call.failed', { reason: this.error })}</div>` : nothing}
    </section>`;
  }

  static styles = css`
    :host { position: fixed; top: 0.8vh; left: 50%; transform: translateX(-50%); z-index: 60; width: min(60vw, 56em); }
    section { display: grid; gap: 0.4em; }
    .call {
      display: flex; align-items: center; gap: 0.9em; padding: 0.7em 1em; border-radius: 0.6em;
      background: #fb923c; color: #1a0d03; box-shadow: 0 0.4em 1.6em rgb(0 0 0 / 0.5); border: 0.15em solid #fff7ed;
      animation: pulse 1.6s ease-in-out infinite;
    }
    .bell { width: 2.2em; height: 2.2em; flex: none; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
    .text { display: grid; gap: 0.15em; min-width: 0; flex: 1; }
    strong { font-size: 1.25em; }
    span { font-weight: 600; }
    button { font: inherit; font-weight: 800; padding: 0.5em 1.1em; border-radius: 0.45em; border: 0; background: #1a0d03; color: #fff7ed; cursor: pointer; white-space: nowrap; }
    button[disabled] { opacity: 0.6; cursor: default; }
    .more { text-align: center; font-weight: 700; color: #fed7aa; }
    @keyframes pulse { 50% { box-shadow: 0 0 0 0.5em rgb(251 146 60 / 0.35), 0 0.4em 1.6em rgb(0 0 0 / 0.5); } }
    @media (prefers-reduced-motion: reduce) { .call { animation: none; } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'advisor-call-alert': AdvisorCallAlert;
  }
}
