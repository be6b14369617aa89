import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ScanActionInput } from '../../../shared/projections/scan-view';
import { fromZonedInput, localDateOf } from '../../common/zoned-time';
import { icon } from '../../common/icons';
import { scanStyles } from './scan-styles';
import { sheetStyles } from './sheet-styles';
import type { ScanText } from './scan-text';

type Pause = Extract<ScanActionInput, { type: 'pauseOperation' }>['pause'];
type Eta = '30m' | '1h' | '2h' | 'tomorrow' | 'unknown';

/** When the part comes: in so many minutes, or tomorrow 09:00 on the store's clock (not the phone's). */
export const etaAt = (eta: Eta, timeZone: string, now = Date.now()): string | undefined => {
  if (eta === 'unknown') return undefined;
  if (eta === 'tomorrow') return fromZonedInput(`${localDateOf(now + 86_400_000, timeZone)}T09:00`, timeZone);
  return new Date(now + { '30m': 30, '1h': 60, '2h': 120 }[eta] * 60_000).toISOString();
};

/**
 * Why work stops: waiting for parts (which part, and when it comes — one tap for the usual
 * answers), waiting for the customer's approval, or a break (one tap, done).
 */
@customElement('pause-sheet')
export class PauseSheet extends LitElement {
  @property({ attribute: false }) text!: ScanText;
  @property() what = '';
  @state() private reason?: 'parts' | 'approval';
  @state() private partName = '';
  @state() private eta: Eta = '1h';
  @state() private note = '';

  #confirm(pause: Pause) {
    this.dispatchEvent(new CustomEvent<Pause>('confirm', { detail: pause }));
  }

  render() {
    const { t } = this.text;
    const cancel = html`<button class="big ghost" data-choice="cancel" @click=${() => this.dispatchEvent(new Event('cancel'))}>${t('pause.cancel')}</button>`;
    if (!this.reason) {
      return html`<div class="panel" role="dialog" aria-label=${t('pause.title')}>
        <h2>${t('pause.title')}</h2><p class="muted">${this.what}</p>
        <button class="big pause" data-choice="parts" @click=${() => (this.reason = 'parts')}><span class="icon">${icon('box')}</span>${t('pause.parts')}</button>
        <button class="big pause" data-choice="approval" @click=${() => (this.reason = 'approval')}><span class="icon">${icon('phone')}</span>${t('pause.approval')}</button>
        <button class="big pause" data-choice="break" @click=${() => this.#confirm({ reason: 'break' })}><span class="icon">${icon('coffee')}</span>${t('pause.break')}</button>
        ${cancel}
      </div>`;
    }
    if (this.reason === 'approval') {
      return html`<div class="panel" role="dialog">
        <h2>${icon('phone')} ${t('pause.approval')}</h2>
        <label class="field">${t('pause.approvalNote')}<input name="note" maxlength="200" .value=${this.note} @input=${(e: Event) => (this.note = (e.target as HTMLInputElement).value)}></label>
        <div class="foot">${cancel}<button class="big pause" data-choice="confirm" @click=${() => this.#confirm(this.note.trim() ? { reason: 'approval', note: this.note.trim() } : { reason: 'approval' })}>${t('pause.confirm')}</button></div>
      </div>`;
    }
    const etas: Eta[] = ['30m', '1h', '2h', 'tomorrow', 'unknown'];
    const label: Record<Eta, string> = {
      '30m': t('pause.eta30m'),
      '1h': t('pause.eta1h'),
      '2h': t('pause.eta2h'),
      tomorrow: t('pause.etaTomorrow'),
      unknown: t('pause.etaUnknown'),
    };
    const part = this.partName.trim();
    return html`<div class="panel" role="dialog">
      <h2>${icon('box')} ${t('pause.parts')}</h2>
      <label class="field">${t('pause.partName')}<input name="part" maxlength="80" placeholder=${t('pause.partPlaceholder')} .value=${this.partName} @input=${(e: Event) => (this.partName = (e.target as HTMLInputElement).value)}></label>
      <div class="field"><b>${t('pause.eta')}</b>
        <div class="chips">${etas.map((e) => html`<button class="chip" data-eta=${e} aria-pressed=${this.eta === e} @click=${() => (this.eta = e)}>${this.eta === e ? icon('check') : nothing} ${label[e]}</button>`)}</div></div>
      <div class="foot">${cancel}<button class="big pause" data-choice="confirm" ?disabled=${!part} @click=${() => {
        const eta = etaAt(this.eta, this.text.timeZone);
        this.#confirm(eta ? { reason: 'parts', part, eta } : { reason: 'parts', part });
      }}>${t('pause.confirm')}</button></div>
      ${nothing}
    </div>`;
  }

  static styles = [scanStyles, sheetStyles];
}

declare global {
  interface HTMLElementTagNameMap {
    'pause-sheet': PauseSheet;
  }
}
